using System.Text.Json;
using System.Text.RegularExpressions;
using HatchetMcp.Emulator.Hooks;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>
/// trigger_workflow when Hatchet's answer is lost, late, an error or unreadable: exactly one POST, the run named when it
/// exists, "not created" only when Hatchet refused, and otherwise the trigger id and the list_runs call to check before
/// retrying.
/// </summary>
public sealed partial class AmbiguousTriggerTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>, IDisposable
{
    private const string TriggerPath = "/api/v1/stable/tenants/*/workflow-runs/trigger";
    private const string RunsPath = "/api/v1/stable/tenants/*/workflow-runs";

    private string Workflow => fixture.Emulator.Facts.SingleTaskWorkflowName;

    public void Dispose()
    {
        fixture.Emulator.Hooks.ClearFaults();
        fixture.Emulator.Hooks.ClearRequests();
    }

    private void Fault(string method, string path, FaultKind kind, int status = 503, bool serveFirst = false, int delayMs = 0, int count = 1, string? body = null)
    {
        fixture.Emulator.Hooks.ClearRequests();
        fixture.Emulator.Hooks.InjectFault(new FaultSpec(method, path, count, kind)
        {
            Status = status, ServeFirst = serveFirst, DelayMs = delayMs, Body = body,
        });
    }

    private Task<ToolAnswer> TriggerAsync(ModelContextProtocol.Client.McpClient? client = null) =>
        (client is null ? fixture.Server.CallAsync("trigger_workflow", Args) : CallWith(client));

    private string Args => $$$"""{"workflow":{{{JsonSerializer.Serialize(Workflow, TestJson.Default.String)}}},"input":{"to":"ops@example.com","template":"welcome","customerId":"cus_1"},"metadata":{"ticket":"OPS-7"}}""";

    private async Task<ToolAnswer> CallWith(ModelContextProtocol.Client.McpClient client)
    {
        using var doc = JsonDocument.Parse(Args);
        var arguments = doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        return new ToolAnswer(await client.CallToolAsync(
            new ModelContextProtocol.Protocol.CallToolRequestParams { Name = "trigger_workflow", Arguments = arguments }, TestContext.Current.CancellationToken));
    }

    private int TriggerPosts => fixture.Requests("/workflow-runs/trigger", "POST").Count;

    /// <summary>The runs carrying a trigger id, asked the way the answer tells an agent to ask.</summary>
    private async Task<List<Guid>> RunsWithTriggerIdAsync(string triggerId)
    {
        var list = await fixture.Server.CallAsync("list_runs", $$"""{"since":"1h","metadata":["hatchet_mcp_trigger_id={{triggerId}}"]}""");
        return list.Structured.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
    }

    private static string TriggerIdIn(string text)
    {
        var match = TriggerIdPattern().Match(text);
        Assert.True(match.Success, "no trigger id in: " + text);
        return match.Groups[1].Value;
    }

    [GeneratedRegex("""hatchet_mcp_trigger_id=([0-9a-f]{32})""")]
    private static partial Regex TriggerIdPattern();

    [Fact]
    public async Task Every_triggered_run_carries_a_fresh_trigger_id_beside_the_callers_metadata()
    {
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await TriggerAsync();

        var result = answer.Structured;
        var triggerId = result.GetProperty("triggerId").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", triggerId);
        Assert.Equal("started", result.GetProperty("outcome").GetString());
        Assert.Contains($"Trigger id: {triggerId} (added as metadata hatchet_mcp_trigger_id", answer.Text, StringComparison.Ordinal);
        var run = await fixture.Server.CallAsync("get_run", $$"""{"run_id":"{{result.GetProperty("runId").GetGuid()}}"}""");
        var metadata = run.Structured.GetProperty("metadata");
        Assert.Equal("OPS-7", metadata.GetProperty("ticket").GetString());
        Assert.Equal(triggerId, metadata.GetProperty("hatchet_mcp_trigger_id").GetString());
        Assert.Equal(1, TriggerPosts);
    }

    [Fact]
    public async Task The_trigger_id_key_is_reserved_in_the_callers_metadata()
    {
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await fixture.Server.CallAsync("trigger_workflow",
            $$$"""{"workflow":{{{JsonSerializer.Serialize(Workflow, TestJson.Default.String)}}},"input":{},"metadata":{"hatchet_mcp_trigger_id":"mine"}}""");

        Assert.True(answer.IsError);
        Assert.Contains("metadata key 'hatchet_mcp_trigger_id' is reserved", answer.Text, StringComparison.Ordinal);
        Assert.Equal(0, TriggerPosts);
    }

    [Theory]
    [InlineData(FaultKind.Status, 500)]
    [InlineData(FaultKind.Status, 502)]
    [InlineData(FaultKind.Drop, 0)]
    [InlineData(FaultKind.Malformed, 0)]
    public async Task A_run_created_before_the_answer_was_lost_is_named_from_its_trigger_id(FaultKind kind, int status)
    {
        Fault("POST", TriggerPath, kind, status, serveFirst: true);

        var answer = await TriggerAsync();

        Assert.False(answer.IsError, answer.Text);
        var runId = answer.Structured.GetProperty("runId").GetGuid();
        var triggerId = answer.Structured.GetProperty("triggerId").GetString()!;
        Assert.Equal("found_after_failure", answer.Structured.GetProperty("outcome").GetString());
        Assert.StartsWith($"Created: run {runId}", answer.Text, StringComparison.Ordinal);
        Assert.Contains("do not trigger again", answer.Text, StringComparison.Ordinal);
        Assert.Equal([runId], await RunsWithTriggerIdAsync(triggerId));
        Assert.Equal(1, TriggerPosts);
    }

    [Theory]
    [InlineData(FaultKind.Status, 500)]
    [InlineData(FaultKind.Status, 504)]
    [InlineData(FaultKind.Drop, 0)]
    [InlineData(FaultKind.Malformed, 0)]
    public async Task An_ambiguous_failure_with_no_run_found_says_not_found_yet_and_how_to_check_never_not_created(FaultKind kind, int status)
    {
        Fault("POST", TriggerPath, kind, status);

        var answer = await TriggerAsync();

        Assert.True(answer.IsError);
        Assert.DoesNotContain("not created", answer.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Not found yet", answer.Text, StringComparison.Ordinal);
        Assert.Contains("may still be in flight", answer.Text, StringComparison.Ordinal);
        var triggerId = TriggerIdIn(answer.Text);
        Assert.Contains($"list_runs metadata=[\"hatchet_mcp_trigger_id={triggerId}\"] since=", answer.Text, StringComparison.Ordinal);
        Assert.Equal(1, TriggerPosts);
        Assert.Single(fixture.Requests("/workflow-runs", "GET"));
    }

    [Fact]
    public async Task A_trigger_that_times_out_but_completes_later_is_not_claimed_absent_and_the_advised_check_finds_it()
    {
        await using var impatient = await fixture.ConnectAsync(timeoutSeconds: 1);
        Fault("POST", TriggerPath, FaultKind.LateServe, delayMs: 2_500);

        var answer = await TriggerAsync(impatient.Client);

        Assert.True(answer.IsError);
        Assert.DoesNotContain("not created", answer.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Not found yet", answer.Text, StringComparison.Ordinal);
        var triggerId = TriggerIdIn(answer.Text);

        // The emulator serves the POST after the client gave up: the run appears later, carrying the answer's trigger id.
        await Eventually.WaitUntilAsync(() => TriggerPosts == 1);
        Assert.Equal(1, TriggerPosts);
        Assert.Single(await RunsWithTriggerIdAsync(triggerId));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(503)]
    public async Task A_trigger_hatchet_refused_says_not_created(int status)
    {
        Fault("POST", TriggerPath, FaultKind.Status, status, body: """{"message":"refused"}""");

        var answer = await TriggerAsync();

        Assert.True(answer.IsError);
        Assert.Contains("Not created", answer.Text, StringComparison.Ordinal);
        Assert.Equal(1, TriggerPosts);
    }

    [Fact]
    public async Task When_the_lookup_fails_too_the_outcome_is_unknown_with_the_same_advice()
    {
        Fault("POST", TriggerPath, FaultKind.Drop);
        fixture.Emulator.Hooks.InjectFault(new FaultSpec("GET", RunsPath, 10, FaultKind.Status) { Status = 500, Body = """{"message":"down"}""" });

        var answer = await TriggerAsync();

        Assert.True(answer.IsError);
        Assert.DoesNotContain("not created", answer.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Outcome unknown", answer.Text, StringComparison.Ordinal);
        var triggerId = TriggerIdIn(answer.Text);
        Assert.Contains($"list_runs metadata=[\"hatchet_mcp_trigger_id={triggerId}\"] since=", answer.Text, StringComparison.Ordinal);
        Assert.Equal(1, TriggerPosts);
    }

    [Fact]
    public async Task A_cancel_answered_with_an_unreadable_success_is_unknown_not_accepted()
    {
        Fault("POST", "/api/v1/stable/tenants/*/tasks/cancel", FaultKind.Malformed, serveFirst: true);

        var answer = await fixture.Server.CallAsync("cancel_runs", $$"""{"run_ids":["{{fixture.Emulator.Facts.StuckRunId}}"]}""");

        Assert.True(answer.IsError);
        Assert.Contains("Outcome unknown", answer.Text, StringComparison.Ordinal);
        Assert.Contains("check with get_run before retrying", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("cancel requested", answer.Text, StringComparison.Ordinal);
    }
}
