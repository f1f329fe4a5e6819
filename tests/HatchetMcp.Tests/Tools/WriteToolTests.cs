using System.Text.Json;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>trigger_workflow, cancel_runs and replay_runs against the emulator: what they change and what they refuse to send.</summary>
public sealed class WriteToolTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>
{
    private const string UnknownId = "6f1c2a9e-0d1b-4c3a-9e8f-7a6b5c4d3e2f";

    private Emulator.ScenarioFacts Facts => fixture.Emulator.Facts;

    private Task<ToolAnswer> Call(string tool, string args) => fixture.Server.CallAsync(tool, args);

    private static string Str(string value) => JsonSerializer.Serialize(value, TestJson.Default.String);

    private static Dictionary<Guid, JsonElement> Outcomes(ToolAnswer answer) =>
        answer.Structured.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetGuid());

    private async Task<Guid> NewestRunAsync(string status, string workflow)
    {
        var list = await Call("list_runs", $$"""{"since":"7d","statuses":["{{status}}"],"workflow":{{Str(workflow)}},"limit":1}""");
        return list.Structured.GetProperty("runs")[0].GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Trigger_starts_a_run_and_answers_its_id_and_status()
    {
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await Call("trigger_workflow",
            $$"""{"workflow":{{Str(Facts.SingleTaskWorkflowName)}},"input":{"to":"ops@example.com","template":"welcome","customerId":"cus_1"},"metadata":{"ticket":"OPS-42"},"priority":3}""");

        Assert.False(answer.IsError, answer.Text);
        var runId = answer.Structured.GetProperty("runId").GetGuid();
        Assert.NotEqual(Guid.Empty, runId);
        Assert.False(string.IsNullOrEmpty(answer.Structured.GetProperty("status").GetString()));
        Assert.Contains(runId.ToString(), answer.Text, StringComparison.Ordinal);
        Assert.Single(fixture.Requests("/workflow-runs/trigger", "POST"));

        var run = await Call("get_run", $$"""{"run_id":"{{runId}}"}""");
        Assert.Equal(Facts.SingleTaskWorkflowName, run.Structured.GetProperty("workflowName").GetString());
        Assert.Equal("OPS-42", run.Structured.GetProperty("metadata").GetProperty("ticket").GetString());
    }

    [Fact]
    public async Task Trigger_accepts_input_given_as_a_string_holding_a_json_object()
    {
        var answer = await Call("trigger_workflow", $$"""{"workflow":{{Str(Facts.SingleTaskWorkflowName)}},"input":"{\"to\":\"a@b.c\",\"template\":\"welcome\",\"customerId\":\"cus_1\"}"}""");

        Assert.False(answer.IsError, answer.Text);
    }

    [Theory]
    [InlineData("""[1,2]""", "input")]
    [InlineData("""42""", "input")]
    [InlineData(""" "not json" """, "input")]
    [InlineData("""{}, "priority": 7""", "priority")]
    [InlineData("""{}, "metadata": ["a=b"]""", "metadata")]
    [InlineData("""{}, "metadata": {"nested": {"a": 1}}""", "metadata")]
    public async Task Bad_trigger_arguments_are_tool_errors_and_nothing_is_triggered(string inputAndMore, string argument)
    {
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await Call("trigger_workflow", $$"""{"workflow":{{Str(Facts.SingleTaskWorkflowName)}},"input":{{inputAndMore}}}""");

        Assert.True(answer.IsError);
        Assert.Contains(argument, answer.Text, StringComparison.Ordinal);
        Assert.Empty(fixture.Requests("/trigger", "POST"));
    }

    [Fact]
    public async Task Triggering_an_unknown_workflow_lists_the_known_ones_and_sends_nothing()
    {
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await Call("trigger_workflow", """{"workflow":"no-such-workflow","input":{}}""");

        Assert.True(answer.IsError);
        Assert.Contains(Facts.SingleTaskWorkflowName, answer.Text, StringComparison.Ordinal);
        Assert.Empty(fixture.Requests("/trigger", "POST"));
    }

    [Fact]
    public async Task Cancel_says_per_id_what_happened_and_sends_only_the_active_known_ones()
    {
        var completed = await NewestRunAsync("COMPLETED", Facts.SingleTaskWorkflowName);
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await Call("cancel_runs", $$"""{"run_ids":["{{Facts.StuckRunId}}","{{completed}}","{{UnknownId}}"]}""");

        Assert.False(answer.IsError, answer.Text);
        var outcomes = Outcomes(answer);
        Assert.Equal("cancel_requested", outcomes[Facts.StuckRunId].GetProperty("outcome").GetString());
        Assert.Equal("QUEUED", outcomes[Facts.StuckRunId].GetProperty("statusBefore").GetString());
        Assert.Equal("already_finished", outcomes[completed].GetProperty("outcome").GetString());
        Assert.Equal("unknown", outcomes[Guid.Parse(UnknownId)].GetProperty("outcome").GetString());
        Assert.Equal([Facts.StuckRunId], answer.Structured.GetProperty("sent").EnumerateArray().Select(e => e.GetGuid()).ToArray());
        Assert.Single(fixture.Requests("/tasks/cancel", "POST"));
        Assert.Contains("already finished (COMPLETED)", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_only_unknown_or_finished_ids_sends_no_mutation_at_all()
    {
        var completed = await NewestRunAsync("COMPLETED", Facts.SingleTaskWorkflowName);
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await Call("cancel_runs", $$"""{"run_ids":["{{UnknownId}}","{{completed}}"]}""");

        Assert.False(answer.IsError, answer.Text);
        Assert.Contains("nothing was changed", answer.Text, StringComparison.Ordinal);
        Assert.Empty(fixture.Requests("/tasks/cancel"));
    }

    [Fact]
    public async Task Another_tenants_run_is_reported_not_accessible_and_not_sent()
    {
        await using var other = await fixture.ConnectAsync(token: Facts.OtherTenantToken, tenant: Facts.OtherTenantId);
        var theirs = (await other.CallAsync("list_runs", """{"since":"7d","limit":1}""")).Structured.GetProperty("runs")[0].GetProperty("id").GetGuid();
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await Call("cancel_runs", $$"""{"run_ids":["{{theirs}}"]}""");

        Assert.False(answer.IsError, answer.Text);
        Assert.Contains(Outcomes(answer)[theirs].GetProperty("outcome").GetString(), new[] { "not_accessible", "unknown" });
        Assert.Empty(fixture.Requests("/tasks/cancel"));
    }

    [Theory]
    [InlineData("""[]""")]
    [InlineData("""["6f1c2a9e-0d1b-4c3a-9e8f-7a6b5c4d3e2f","not-a-uuid"]""")]
    public async Task Bad_id_lists_are_tool_errors_before_any_request(string ids)
    {
        fixture.Emulator.Hooks.ClearRequests();

        var cancel = await Call("cancel_runs", $$"""{"run_ids":{{ids}}}""");
        var replay = await Call("replay_runs", $$"""{"run_ids":{{ids}}}""");

        Assert.True(cancel.IsError);
        Assert.True(replay.IsError);
        Assert.Contains("run_ids", cancel.Text, StringComparison.Ordinal);
        Assert.Empty(fixture.Emulator.Hooks.Requests);
    }

    [Fact]
    public async Task More_than_a_hundred_ids_is_a_tool_error()
    {
        var ids = string.Join(",", Enumerable.Range(0, 101).Select(_ => $"\"{Guid.NewGuid()}\""));

        var answer = await Call("cancel_runs", $$"""{"run_ids":[{{ids}}]}""");

        Assert.True(answer.IsError);
        Assert.Contains("at most 100", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_queues_a_failed_run_and_skips_active_and_unknown_ones()
    {
        var failed = await NewestRunAsync("FAILED", Facts.FailingWorkflowName);
        // A run triggered a moment ago is still queued or running: its DAG takes seconds.
        var running = (await Call("trigger_workflow", "{\"workflow\":" + Str(Facts.DagWorkflowName) + ",\"input\":{\"orderId\":\"T-1\"}}"))
            .Structured.GetProperty("runId").GetGuid();
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await Call("replay_runs", $$"""{"run_ids":["{{failed}}","{{running}}","{{UnknownId}}"]}""");

        Assert.False(answer.IsError, answer.Text);
        var outcomes = Outcomes(answer);
        Assert.Equal("queued_for_replay", outcomes[failed].GetProperty("outcome").GetString());
        Assert.Equal("skipped_active", outcomes[running].GetProperty("outcome").GetString());
        Assert.Equal("unknown", outcomes[Guid.Parse(UnknownId)].GetProperty("outcome").GetString());
        Assert.Equal([failed], answer.Structured.GetProperty("sent").EnumerateArray().Select(e => e.GetGuid()).ToArray());
        Assert.Single(fixture.Requests("/tasks/replay", "POST"));
    }

    [Fact]
    public async Task Replaying_only_unknown_ids_sends_no_mutation()
    {
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await Call("replay_runs", $$"""{"run_ids":["{{UnknownId}}"]}""");

        Assert.False(answer.IsError, answer.Text);
        Assert.Empty(fixture.Requests("/tasks/replay"));
    }
}
