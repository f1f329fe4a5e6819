using System.IO.Pipelines;
using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;
using HatchetMcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Server;

/// <summary>Options for <see cref="InMemoryMcpServer"/>.</summary>
public sealed record InMemoryMcpServerOptions
{
    public ToolOutputOptions Output { get; init; } = new();

    /// <summary>Links into the Hatchet dashboard; the API base's origin when null.</summary>
    public DashboardLinks? Dashboard { get; init; }

    /// <summary>The clock tools use for relative windows; the system clock when null.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>How writes are confirmed; every write confirmed when null.</summary>
    public Safety.ConfirmationOptions? Confirmation { get; init; }

    /// <summary>Where audit lines are appended besides the log; the log only when null.</summary>
    public Safety.AuditLogOptions? Audit { get; init; }

    /// <summary>Where the server logs; nothing is logged when null.</summary>
    public TextWriter? Log { get; init; }

    public LogLevel LogLevel { get; init; } = ServerLogLevel.Default;

    /// <summary>Which tools are listed (read-only mode, toolsets); every tool when null.</summary>
    public ToolSelection? Tools { get; init; }

    /// <summary>Last word on the container, after the server is composed (tests swap services here).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public McpClientOptions? ClientOptions { get; init; }

    /// <summary>The Hatchet connections (a profiles file); the settings alone when null.</summary>
    public Profiles.ServerProfiles? Profiles { get; init; }
}

/// <summary>
/// The real server and a real MCP client in one process, joined by two in-memory pipes: the same composition as stdio,
/// with no process boundary. Used by the demo and by tests.
/// </summary>
public sealed class InMemoryMcpServer : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly CancellationTokenSource _stop;
    private readonly Task _serverRun;
    private readonly Pipe _toServer;
    private readonly Pipe _toClient;

    private InMemoryMcpServer(ServiceProvider provider, CancellationTokenSource stop, Task serverRun, Pipe toServer, Pipe toClient, McpClient client)
    {
        _provider = provider;
        _stop = stop;
        _serverRun = serverRun;
        _toServer = toServer;
        _toClient = toClient;
        Client = client;
    }

    /// <summary>A client connected and initialised against the server.</summary>
    public McpClient Client { get; }

    /// <summary>The server's container (to reach the registered services in tests).</summary>
    public IServiceProvider Services => _provider;

    public static async Task<InMemoryMcpServer> StartAsync(
        HatchetSettings settings,
        InMemoryMcpServerOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        options ??= new InMemoryMcpServerOptions();

        var toServer = new Pipe();
        var toClient = new Pipe();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.ClearProviders().SetMinimumLevel(options.LogLevel);
            if (options.Log is not null)
            {
                logging.AddProvider(new StderrLoggerProvider(options.Log, options.LogLevel,
                    options.Profiles?.All.Select(profile => profile.Settings.Token) ?? [settings.Token]));
            }
        });
        HatchetMcpServer.Configure(services, settings, options.Output, options.Time, options.Dashboard, options.Tools, options.Confirmation, options.Audit, options.Profiles)
            .WithHatchetStreams(toServer.Reader.AsStream(), toClient.Writer.AsStream());
        options.ConfigureServices?.Invoke(services);

        var provider = services.BuildServiceProvider();
        var stop = new CancellationTokenSource();
        var serverRun = Task.CompletedTask;
        try
        {
            var server = provider.GetRequiredService<McpServer>();
            serverRun = server.RunAsync(stop.Token);
            var transport = new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream());
            var client = await McpClient.CreateAsync(transport, options.ClientOptions, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return new InMemoryMcpServer(provider, stop, serverRun, toServer, toClient, client);
        }
        catch
        {
            await StopAsync(stop, serverRun, provider).ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().ConfigureAwait(false);
        await _toServer.Writer.CompleteAsync().ConfigureAwait(false);
        await _toClient.Writer.CompleteAsync().ConfigureAwait(false);
        await StopAsync(_stop, _serverRun, _provider).ConfigureAwait(false);
    }

    private static async Task StopAsync(CancellationTokenSource stop, Task serverRun, ServiceProvider provider)
    {
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await serverRun.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is what we asked for.
        }

        stop.Dispose();
        await provider.DisposeAsync().ConfigureAwait(false);
    }
}
