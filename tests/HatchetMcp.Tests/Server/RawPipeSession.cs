using System.IO.Pipelines;
using System.Text;
using System.Text.Json.Nodes;
using HatchetMcp.Emulator;
using HatchetMcp.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// The real server composition on in-memory pipes, spoken to line by line: for requests no SDK client can write (a lone
/// surrogate escape, non-object arguments, nesting beyond the serialiser's depth) without a process per test.
/// </summary>
public sealed class RawPipeSession : IAsyncDisposable
{
    private readonly HatchetEmulator _emulator;
    private readonly ServiceProvider _provider;
    private readonly CancellationTokenSource _stop;
    private readonly Task _serverRun;
    private readonly Pipe _toServer;
    private readonly StreamReader _fromServer;
    private readonly StringWriter _log;
    private int _nextId;

    private RawPipeSession(HatchetEmulator emulator, ServiceProvider provider, CancellationTokenSource stop, Task serverRun, Pipe toServer, StreamReader fromServer, StringWriter log)
    {
        _emulator = emulator;
        _provider = provider;
        _stop = stop;
        _serverRun = serverRun;
        _toServer = toServer;
        _fromServer = fromServer;
        _log = log;
    }

    /// <summary>What the server logged at the default level (Warning).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<RawPipeSession> StartAsync(CancellationToken cancellationToken)
    {
        var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions(), cancellationToken);
        var read = ServerConfiguration.Read(
            new Dictionary<string, string?>
            {
                ["HATCHET_CLIENT_TOKEN"] = emulator.Token, ["HATCHET_API_BASE"] = emulator.BaseUrl.ToString(),
                [ToolSelection.ToolsetsVariable] = "all",
            },
            emulator.Time);
        var configuration = read.Configuration ?? throw new InvalidOperationException(read.Error);

        var toServer = new Pipe();
        var toClient = new Pipe();
        var log = new StringWriter();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders().SetMinimumLevel(ServerLogLevel.Default)
            .AddProvider(new StderrLoggerProvider(TextWriter.Synchronized(log), ServerLogLevel.Default, configuration.Settings.Token)));
        HatchetMcpServer.Configure(services, configuration, emulator.Time)
            .WithHatchetStreams(toServer.Reader.AsStream(), toClient.Writer.AsStream());
        var provider = services.BuildServiceProvider();
        var stop = new CancellationTokenSource();
        var serverRun = provider.GetRequiredService<McpServer>().RunAsync(stop.Token);
        var session = new RawPipeSession(emulator, provider, stop, serverRun, toServer, new StreamReader(toClient.Reader.AsStream(), Encoding.UTF8), log);
        await session.SendAsync(
            """{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""",
            cancellationToken);
        await session.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        return session;
    }

    /// <summary>Sends a tools/call whose params are <paramref name="rawParams"/> written verbatim; returns the whole response.</summary>
    public Task<JsonObject> CallAsync(string rawParams, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        return SendAsync($$"""{"jsonrpc":"2.0","id":{{id}},"method":"tools/call","params":{{rawParams}}}""", cancellationToken);
    }

    /// <summary>Sends one raw request line and returns the response with the same id (skipping notifications).</summary>
    public async Task<JsonObject> SendAsync(string line, CancellationToken cancellationToken)
    {
        var id = JsonNode.Parse(line, documentOptions: new() { MaxDepth = 1024 })!["id"]!.ToJsonString();
        await WriteLineAsync(line);
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(ServerProcess.Patience);
        while (await _fromServer.ReadLineAsync(guard.Token) is { } answer)
        {
            var message = RawStdioSession.ParseJsonRpc(answer);
            if (message["id"]?.ToJsonString() == id)
            {
                return message;
            }
        }

        throw new InvalidOperationException($"The server closed its output before answering {id}; log: {Log}");
    }

    private async Task WriteLineAsync(string line)
    {
        await _toServer.Writer.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
        await _toServer.Writer.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync();
        await _stop.CancelAsync();
        try
        {
            await _serverRun;
        }
        catch (OperationCanceledException)
        {
            // Stopping is what we asked for.
        }

        _stop.Dispose();
        _fromServer.Dispose();
        await _provider.DisposeAsync();
        await _emulator.DisposeAsync();
    }
}
