using System.Text.Json;
using ModelContextProtocol.Client;
using NJsonSchema;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>
/// Every structured answer matches the output schema its tool declares. Clients check this (the official TypeScript
/// and Python SDK clients reject a tool result whose structuredContent does not validate), so a field that is null
/// where the schema says integer, or a required field left out, would break the tool for them.
/// </summary>
public sealed class OutputSchemaConformanceTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>
{
    private HatchetMcp.Emulator.ScenarioFacts Facts => fixture.Emulator.Facts;

    public static TheoryData<string, string> Reads => new()
    {
        { "whoami", "{}" },
        { "list_workflows", "{}" },
        { "list_workflows", """{"name":"order"}""" },
        { "list_runs", "{}" },
        { "list_runs", """{"statuses":["FAILED"],"since":"7d","limit":500}""" },
        { "list_runs", """{"statuses":["QUEUED","RUNNING"]}""" },
        { "list_runs", """{"since":"1m","until":"30s"}""" },
        { "list_workers", "{}" },
        { "list_workers", """{"status":"INACTIVE"}""" },
        { "get_queue_metrics", "{}" },
        { "get_queue_metrics", """{"since":"7d","top":1}""" },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task A_read_answer_matches_its_declared_output_schema(string tool, string args)
    {
        await AssertConformsAsync(tool, args);
    }

    [Fact]
    public async Task Workflow_run_and_log_answers_match_their_schemas_for_workflows_runs_tasks_cut_logs_and_log_searches()
    {
        foreach (var (tool, args) in new[]
        {
            ("get_workflow", $$"""{"workflow":"{{Facts.FailingWorkflowName}}"}"""),
            ("get_workflow", $$"""{"workflow":"{{Facts.DagWorkflowName}}"}"""),
            ("get_workflow", $$"""{"workflow":"{{Facts.SingleTaskWorkflowName}}","since":"1m"}"""),
            ("get_run", $$"""{"run_id":"{{Facts.SampleDagRunId}}"}"""),
            ("get_run", $$"""{"run_id":"{{Facts.SampleDagChildTaskId}}"}"""),
            ("get_run", $$"""{"run_id":"{{Facts.SampleSingleTaskRunId}}"}"""),
            ("get_run", $$"""{"run_id":"{{Facts.StuckRunId}}"}"""),
            ("get_run_logs", $$"""{"run_id":"{{Facts.SampleDagRunId}}"}"""),
            ("get_run_logs", $$"""{"run_id":"{{Facts.SampleDagRunId}}","limit":3}"""),
            ("get_run_logs", $$"""{"run_id":"{{Facts.SampleDagChildTaskId}}","levels":["ERROR"]}"""),
            ("get_run_logs", $$"""{"run_id":"{{Facts.StuckRunId}}"}"""),
            ("search_logs", """{"text":"billing_country","since":"7d"}"""),
            ("search_logs", """{"text":"starting","since":"7d","limit":50}"""),
            ("search_logs", """{"text":"no line says this"}"""),
            ("get_worker", $$"""{"worker_id":"{{Facts.SaturatedWorkerId}}"}"""),
            ("get_worker", $$"""{"worker_id":"{{Facts.InactiveWorkerId}}"}"""),
            ("list_rate_limits", "{}"),
            ("list_rate_limits", """{"limit":1,"offset":1}"""),
            ("list_crons", $$"""{"workflow":"{{Facts.SingleTaskWorkflowName}}"}"""),
            ("list_scheduled_runs", "{}"),
            ("list_events", """{"limit":20}"""),
            ("find_stuck_runs", "{}"),
            ("find_stuck_runs", """{"older_than":"1m"}"""),
            ("find_stuck_runs", $$"""{"workflow":"{{Facts.ConcurrencyWorkflowName}}","older_than":"90s"}"""),
            ("summarize_failures", "{}"),
            ("summarize_failures", $$"""{"workflow":"{{Facts.FailingWorkflowName}}","since":"7d"}"""),
            ("summarize_failures", """{"since":"1m"}"""),
            ("diagnose_run", $$"""{"run_id":"{{Facts.SampleDagRunId}}"}"""),
            ("diagnose_run", $$"""{"run_id":"{{Facts.SampleDagChildTaskId}}"}"""),
            ("diagnose_run", $$"""{"run_id":"{{Facts.StuckRunId}}"}"""),
            ("diagnose_run", $$"""{"run_id":"{{Facts.RateLimitedRunIds[0]}}"}"""),
            ("compare_runs", $$"""{"run_id":"{{Facts.SampleDagRunId}}"}"""),
            ("compare_runs", $$"""{"run_id":"{{Facts.SampleDagRunId}}","other_run_id":"{{Facts.StuckRunId}}"}"""),
        })
        {
            await AssertConformsAsync(tool, args);
        }
    }

    [Fact]
    public async Task Diagnosis_and_comparison_of_a_failed_run_match_their_schemas()
    {
        var failed = await fixture.Server.CallAsync("list_runs", $$"""{"statuses":["FAILED"],"workflow":{{Quoted(Facts.FailingWorkflowName)}},"limit":1}""");
        var failedRun = failed.Structured.GetProperty("runs")[0].GetProperty("id").GetGuid();

        await AssertConformsAsync("diagnose_run", $$"""{"run_id":"{{failedRun}}"}""");
        await AssertConformsAsync("compare_runs", $$"""{"run_id":"{{failedRun}}"}""");
    }

    [Fact]
    public async Task Write_answers_match_their_schemas()
    {
        var failed = await fixture.Server.CallAsync("list_runs", $$"""{"statuses":["FAILED"],"workflow":{{Quoted(Facts.FailingWorkflowName)}},"limit":1}""");
        var failedRun = failed.Structured.GetProperty("runs")[0].GetProperty("id").GetGuid();

        await AssertConformsAsync("trigger_workflow", $$"""{"workflow":{{Quoted(Facts.SingleTaskWorkflowName)}},"input":{"to":"a@example.com","template":"welcome","customerId":"cus_1"},"metadata":{"source":"test"} }""");
        await AssertConformsAsync("cancel_runs", $$"""{"run_ids":["{{Facts.StuckRunId}}","{{Facts.SampleDagRunId}}","{{Guid.NewGuid()}}"]}""");
        await AssertConformsAsync("replay_runs", $$"""{"run_ids":["{{failedRun}}","{{Guid.NewGuid()}}"]}""");
        // Already paused (nothing sent) and paused then resumed: both shapes of the pause answer.
        await AssertConformsAsync("pause_worker", $$"""{"worker_id":"{{Facts.PausedWorkerId}}"}""");
        await AssertConformsAsync("pause_workflow", $$"""{"workflow":{{Quoted(Facts.FailingWorkflowName)}},"cron_and_scheduled":"DROP"}""");
        await AssertConformsAsync("resume_workflow", $$"""{"workflow":{{Quoted(Facts.FailingWorkflowName)}}}""");
        await AssertConformsAsync("resume_worker", $$"""{"worker_id":"{{Facts.InactiveWorkerId}}"}""");
        await AssertConformsAsync("cancel_runs", """{"metadata":["conformance=matches-nothing"]}""");
    }

    [Fact]
    public async Task The_schema_check_itself_rejects_answers_of_the_wrong_shape()
    {
        // Guards the guard: a schema that compiled to "anything goes" would let every test above pass.
        var schema = await SchemaOfAsync("list_runs");

        Assert.NotEmpty(schema.Validate("""{"since":"2026-11-24T00:00:00.000Z","statuses":[],"metadata":[],"page":{"offset":0,"limit":50,"returned":0},"runs":"none"}"""));
        Assert.NotEmpty(schema.Validate("""{"since":"2026-11-24T00:00:00.000Z","statuses":[],"metadata":[],"page":{"offset":0,"limit":50,"returned":0},"runs":[{"id":"x","status":"FAILED","durationMs":"long"}]}"""));
        Assert.NotEmpty(schema.Validate("""{"statuses":[],"metadata":[],"runs":[]}"""));
    }

    private static string Quoted(string text) => "\"" + JsonEncodedText.Encode(text) + "\"";

    private async Task AssertConformsAsync(string tool, string args)
    {
        var answer = await fixture.Server.CallAsync(tool, args);
        var schema = await SchemaOfAsync(tool);

        var errors = schema.Validate(answer.Structured.GetRawText());

        Assert.True(errors.Count == 0,
            $"{tool} {args}: structured answer does not match its output schema:\n" + string.Join("\n", errors.Select(e => $"  {e.Path}: {e.Kind}")));
    }

    private async Task<JsonSchema> SchemaOfAsync(string tool)
    {
        var tools = await fixture.Server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var declared = Assert.Single(tools, t => t.Name == tool).ProtocolTool.OutputSchema;
        Assert.NotNull(declared);
        return await JsonSchema.FromJsonAsync(declared.Value.GetRawText(), TestContext.Current.CancellationToken);
    }
}
