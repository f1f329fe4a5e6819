using HatchetMcp.Emulator;
using HatchetMcp.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace HatchetMcp.Tests.Server;

/// <summary>How <see cref="McpTestHarness"/> starts the emulator and the server.</summary>
public sealed record McpTestHarnessOptions
{
    /// <summary>The emulator to start; the default scenario with test hooks on when null.</summary>
    public EmulatorOptions? Emulator { get; init; }

    /// <summary>
    /// The token the server is configured with, chosen once the emulator runs (e.g. one minted for the other tenant or
    /// revoked); the emulator's valid token when null.
    /// </summary>
    public Func<HatchetEmulator, string>? Token { get; init; }

    /// <summary>More environment for the server (e.g. HATCHET_MCP_TIMEOUT_SECONDS, HATCHET_MCP_OUTPUT_BUDGET).</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>More environment chosen once the emulator runs (e.g. a profiles file naming its tenants), applied last.</summary>
    public Func<HatchetEmulator, IReadOnlyDictionary<string, string?>>? EnvironmentFor { get; init; }

    /// <summary>Last word on the server's container, after composition.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Level of the captured server log (see <see cref="McpTestHarness.ServerLog"/>).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Trace;
}

/// <summary>
/// A running emulator, the real server configured against it as the environment would configure it, and a real MCP
/// client connected over in-memory pipes. Start one per test: <c>await using var h = await McpTestHarness.StartAsync();</c>
/// The server shares the emulator's clock: with a FakeTimeProvider, relative windows ("24h"), token expiry and the
/// client's timeouts and retry delays all run on that clock, so advance it where a test waits on one of them.
/// </summary>
public sealed class McpTestHarness : IAsyncDisposable
{
    private readonly InMemoryMcpServer _server;
    private readonly SynchronizedLog _log;

    private McpTestHarness(HatchetEmulator emulator, InMemoryMcpServer server, SynchronizedLog log, string token)
    {
        Emulator = emulator;
        _server = server;
        _log = log;
        Token = token;
    }

    public HatchetEmulator Emulator { get; }

    /// <summary>A connected, initialised MCP client.</summary>
    public McpClient Client => _server.Client;

    /// <summary>The server's container.</summary>
    public IServiceProvider Services => _server.Services;

    /// <summary>The token the server was configured with (to assert it never leaks).</summary>
    public string Token { get; }

    /// <summary>Everything the server logged so far, at <see cref="McpTestHarnessOptions.LogLevel"/>.</summary>
    public string ServerLog => _log.Text;

    public static Task<McpTestHarness> StartAsync(
        EmulatorOptions? emulator = null,
        Func<HatchetEmulator, string>? token = null,
        CancellationToken cancellationToken = default) =>
        StartAsync(new McpTestHarnessOptions { Emulator = emulator, Token = token }, cancellationToken);

    public static async Task<McpTestHarness> StartAsync(McpTestHarnessOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var emulator = await HatchetEmulator
            .StartAsync(options.Emulator ?? new EmulatorOptions { EnableTestHooks = true }, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            var token = options.Token?.Invoke(emulator) ?? emulator.Token;
            var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["HATCHET_CLIENT_TOKEN"] = token,
                ["HATCHET_API_BASE"] = emulator.BaseUrl.ToString(),
                // Tests reach every tool unless they choose a mode or toolsets themselves (null unsets it).
                [ToolSelection.ToolsetsVariable] = "all",
            };
            foreach (var (name, value) in options.Environment ?? new Dictionary<string, string?>())
            {
                environment[name] = value;
            }

            foreach (var (name, value) in options.EnvironmentFor?.Invoke(emulator) ?? new Dictionary<string, string?>())
            {
                environment[name] = value;
            }

            var read = ServerConfiguration.Read(environment, emulator.Time);
            var configuration = read.Configuration
                ?? throw new InvalidOperationException($"The harness configuration is unusable: {read.Error}");

            var log = new SynchronizedLog();
            var server = await InMemoryMcpServer.StartAsync(
                configuration.Settings,
                new InMemoryMcpServerOptions
                {
                    Output = configuration.Output with { ServerMode = "in-memory pipes" },
                    Time = emulator.Time,
                    Confirmation = configuration.Confirmation,
                    Audit = configuration.Audit,
                    Log = log.Writer,
                    LogLevel = options.LogLevel,
                    ConfigureServices = options.ConfigureServices,
                    Tools = configuration.Tools,
                    Profiles = configuration.Profiles,
                },
                cancellationToken).ConfigureAwait(false);
            return new McpTestHarness(emulator, server, log, token);
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        await Emulator.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A log sink safe for concurrent writers.</summary>
    private sealed class SynchronizedLog
    {
        private readonly StringWriter _inner = new();

        public SynchronizedLog() => Writer = TextWriter.Synchronized(_inner);

        public TextWriter Writer { get; }

        public string Text
        {
            get
            {
                lock (Writer)
                {
                    return _inner.ToString();
                }
            }
        }
    }
}
