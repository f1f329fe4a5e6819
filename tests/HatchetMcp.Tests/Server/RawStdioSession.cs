using System.Text.Json.Nodes;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// Speaks newline-delimited JSON-RPC to the built server by hand, so tests see every byte the server writes to stdout
/// (the SDK client would silently skip a stray line).
/// </summary>
public sealed class RawStdioSession : IAsyncDisposable
{
    private readonly List<string> _stdoutLines = [];
    private int _nextId;

    private RawStdioSession(ServerProcess process) => Process = process;

    public ServerProcess Process { get; }

    /// <summary>Every line the server wrote to stdout so far.</summary>
    public IReadOnlyList<string> StdoutLines => _stdoutLines;

    public static RawStdioSession Start(IReadOnlyDictionary<string, string?> environment) =>
        new(ServerProcess.Start([], environment));

    /// <summary>initialize, then the initialized notification.</summary>
    public async Task<JsonObject> InitializeAsync(CancellationToken cancellationToken)
    {
        var result = await RequestAsync(
            "initialize",
            new JsonObject
            {
                ["protocolVersion"] = "2025-06-18",
                ["capabilities"] = new JsonObject(),
                ["clientInfo"] = new JsonObject { ["name"] = "raw-test", ["version"] = "1" },
            },
            cancellationToken);
        await Process.WriteLineAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/initialized" }.ToJsonString());
        return result;
    }

    /// <summary>Sends a request and returns its result; fails on a JSON-RPC error or a closed stdout.</summary>
    public async Task<JsonObject> RequestAsync(string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        await Process.WriteLineAsync(new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id,
            ["method"] = method,
            ["params"] = parameters,
        }.ToJsonString());

        while (await Process.ReadLineAsync(cancellationToken) is { } line)
        {
            _stdoutLines.Add(line);
            var message = ParseJsonRpc(line);
            if (message["id"]?.GetValueKind() == System.Text.Json.JsonValueKind.Number && message["id"]!.GetValue<int>() == id)
            {
                Assert.True(message["error"] is null, $"{method} failed: {message["error"]?.ToJsonString()}");
                return message["result"]!.AsObject();
            }
        }

        throw new Xunit.Sdk.XunitException($"stdout closed before the answer to {method}; stderr: {Process.Stderr}");
    }

    /// <summary>Closes stdin (the client is done), waits for exit and collects the remaining stdout lines.</summary>
    public async Task<int> EndAsync(CancellationToken cancellationToken)
    {
        Process.CloseStdin();
        while (await Process.ReadLineAsync(cancellationToken) is { } line)
        {
            _stdoutLines.Add(line);
        }

        return await Process.WaitForExitAsync(cancellationToken);
    }

    /// <summary>Asserts <paramref name="line"/> is one JSON-RPC 2.0 message and returns it.</summary>
    public static JsonObject ParseJsonRpc(string line)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"stdout carried a line that is not JSON ({e.Message}): {line}");
        }

        var message = Assert.IsType<JsonObject>(node, exactMatch: true);
        Assert.Equal("2.0", message["jsonrpc"]?.GetValue<string>());
        Assert.True(
            message.ContainsKey("method") || message.ContainsKey("result") || message.ContainsKey("error"),
            $"not a JSON-RPC request, notification or response: {line}");
        return message;
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
