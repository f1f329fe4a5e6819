using System.Text.Json;
using HatchetMcp.Emulator;
using HatchetMcp.Safety;
using HatchetMcp.Server.Http;
using HatchetMcp.Tests.ToolTests;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace HatchetMcp.Tests.Http;

/// <summary>
/// Writes confirmed across serve-http replicas: a token issued by one is honoured by another sharing
/// HATCHET_MCP_CONFIRMATION_KEY and refused under another key; a trigger's token starts at most one run whichever
/// replica redeems it second; a filter's preview taken to another replica is refused saying why; and a client that
/// speaks multi-round-trip requests is asked the approve/reject question itself, answered on any replica.
/// </summary>
public sealed class ReplicaConfirmationTests : IAsyncLifetime
{
    private static readonly string SharedKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 11 + 3)).ToArray());
    private static readonly string OtherKey = Convert.ToHexString(Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray());

    private HatchetEmulator _emulator = null!;
    private readonly List<StreamableHttpServer> _servers = [];

    public async ValueTask InitializeAsync() =>
        _emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { EnableTestHooks = true }, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        await _emulator.DisposeAsync();
    }

    private async Task<McpClient> ReplicaAsync(string? key, string confirm = "on", McpClientOptions? options = null)
    {
        var server = await HttpTestServers.StartAsync(_emulator, new Dictionary<string, string?>
        {
            [ConfirmationOptions.KeyVariable] = key,
            [ConfirmationOptions.EnvironmentVariable] = confirm,
        });
        _servers.Add(server);
        var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = server.McpUrl, TransportMode = HttpTransportMode.StreamableHttp });
        return await McpClient.CreateAsync(transport, options, cancellationToken: TestContext.Current.CancellationToken);
    }

    private static string Str(string value) => JsonSerializer.Serialize(value, TestJson.Default.String);

    private async Task<string> HeldWorkflowArgumentsAsync(McpClient client)
    {
        // A workflow whose action no worker serves: the runs it starts stay queued.
        var held = await client.CallAsync("get_run", $$"""{"run_id":"{{_emulator.Facts.NoWorkerRunIds[0]}}"}""");
        var workflow = Str(held.Structured.GetProperty("workflowName").GetString()!);
        return "{\"workflow\":" + workflow + ",\"input\":{\"day\":\"" + Guid.NewGuid().ToString("N") + "\"}}";
    }

    private static string WithToken(string arguments, string token) => arguments[..^1] + $$""","confirmation_token":{{Str(token)}}}""";

    private static string Token(ToolAnswer preview)
    {
        Assert.Equal("preview", preview.Structured.GetProperty("confirmation").GetProperty("result").GetString());
        return preview.Structured.GetProperty("confirmation").GetProperty("token").GetString()!;
    }

    private int Triggers => _emulator.Hooks.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/trigger", StringComparison.Ordinal));

    [Fact]
    public async Task A_token_issued_by_one_replica_is_honoured_by_another_sharing_the_key()
    {
        await using var first = await ReplicaAsync(SharedKey);
        await using var second = await ReplicaAsync(SharedKey);
        var arguments = await HeldWorkflowArgumentsAsync(first);

        var preview = await first.CallAsync("trigger_workflow", arguments);
        var done = await second.CallAsync("trigger_workflow", WithToken(arguments, Token(preview)));

        Assert.False(done.IsError, done.Text);
        Assert.Equal("started", done.Structured.GetProperty("outcome").GetString());
        Assert.Equal(1, Triggers);
    }

    [Fact]
    public async Task A_token_is_refused_by_a_replica_with_another_key_and_nothing_is_sent()
    {
        await using var first = await ReplicaAsync(SharedKey);
        await using var second = await ReplicaAsync(OtherKey);
        var arguments = await HeldWorkflowArgumentsAsync(first);

        var preview = await first.CallAsync("trigger_workflow", arguments);
        var refused = await second.CallAsync("trigger_workflow", WithToken(arguments, Token(preview)));

        Assert.True(refused.IsError);
        Assert.Contains("signature does not match", refused.Text, StringComparison.Ordinal);
        Assert.Contains(ConfirmationOptions.KeyVariable, refused.Text, StringComparison.Ordinal);
        Assert.Equal(0, Triggers);
    }

    [Fact]
    public async Task A_trigger_token_used_on_one_replica_is_refused_on_another_because_its_run_carries_the_token()
    {
        await using var first = await ReplicaAsync(SharedKey);
        await using var second = await ReplicaAsync(SharedKey);
        var arguments = await HeldWorkflowArgumentsAsync(first);
        var token = Token(await first.CallAsync("trigger_workflow", arguments));

        var done = await first.CallAsync("trigger_workflow", WithToken(arguments, token));
        var again = await second.CallAsync("trigger_workflow", WithToken(arguments, token));

        Assert.False(done.IsError, done.Text);
        Assert.True(again.IsError);
        Assert.Contains("already used", again.Text, StringComparison.Ordinal);
        Assert.Contains(done.Structured.GetProperty("runId").GetGuid().ToString(), again.Text, StringComparison.Ordinal);
        Assert.Equal(1, Triggers);
    }

    [Fact]
    public async Task A_filter_preview_taken_to_another_replica_is_refused_saying_so_and_nothing_is_sent()
    {
        await using var unattended = await ReplicaAsync(SharedKey, confirm: "off");
        await using var first = await ReplicaAsync(SharedKey);
        await using var second = await ReplicaAsync(SharedKey);
        var batch = Guid.NewGuid().ToString("N")[..12];
        var held = await HeldWorkflowArgumentsAsync(first);
        var workflow = JsonDocument.Parse(held).RootElement.GetProperty("workflow").GetString()!;
        for (var i = 0; i < 2; i++)
        {
            var started = await unattended.CallAsync("trigger_workflow", held[..^1] + ",\"metadata\":{\"batch\":\"" + batch + "\"}}");
            Assert.False(started.IsError, started.Text);
        }

        var filter = $$"""{"workflow":{{Str(workflow)}},"metadata":["batch={{batch}}"]}""";
        var preview = await first.CallAsync("cancel_runs", filter);
        _emulator.Hooks.ClearRequests();
        var refused = await second.CallAsync("cancel_runs", WithToken(filter, Token(preview)));

        Assert.True(refused.IsError);
        Assert.Contains("made by another server instance", refused.Text, StringComparison.Ordinal);
        Assert.Contains("without confirmation_token for a fresh preview", refused.Text, StringComparison.Ordinal);
        Assert.Contains("previewed run_ids", refused.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(_emulator.Hooks.Requests, r => r.Method == "POST");
    }

    [Theory]
    [InlineData("accept", 1)]
    [InlineData("decline", 0)]
    public async Task A_client_speaking_multi_round_trip_requests_is_asked_and_its_answer_decides(string action, int runs)
    {
        var asked = new List<string>();
        var options = new McpClientOptions
        {
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (request, _) =>
                {
                    asked.Add(request?.Message ?? string.Empty);
                    return ValueTask.FromResult(new ElicitResult { Action = action });
                },
            },
        };
        await using var client = await ReplicaAsync(SharedKey, options: options);
        var arguments = await HeldWorkflowArgumentsAsync(client);

        var answer = await client.CallAsync("trigger_workflow", arguments);

        var question = Assert.Single(asked);
        Assert.Contains("Approve to send it now", question, StringComparison.Ordinal);
        Assert.Equal(runs, Triggers);
        Assert.Equal(action == "accept" ? "approved" : "declined", answer.Structured.GetProperty("confirmation").GetProperty("result").GetString());
        Assert.Equal("elicitation", answer.Structured.GetProperty("confirmation").GetProperty("path").GetString());
    }
}
