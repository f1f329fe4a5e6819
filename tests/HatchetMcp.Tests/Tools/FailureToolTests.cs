using HatchetMcp.Emulator.Hooks;
using ModelContextProtocol.Protocol;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>
/// Tools when Hatchet misbehaves (faults injected in the emulator): retried reads recover, everything else becomes an
/// actionable tool error, never a crash, and writes are never retried.
/// </summary>
public sealed class FailureToolTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>, IDisposable
{
    private const string RunsPath = "/api/v1/stable/tenants/*/workflow-runs";
    private const string WorkersPath = "/api/v1/tenants/*/worker";

    private Emulator.ScenarioFacts Facts => fixture.Emulator.Facts;

    public void Dispose()
    {
        fixture.Emulator.Hooks.ClearFaults();
        fixture.Emulator.Hooks.ClearRequests();
    }

    private void Fault(string method, string path, int count, FaultKind kind, int status = 503, string? body = null, int delayMs = 0, int? retryAfter = null)
    {
        fixture.Emulator.Hooks.ClearRequests();
        fixture.Emulator.Hooks.InjectFault(new FaultSpec(method, path, count, kind)
        {
            Status = status,
            Body = body,
            DelayMs = delayMs,
            RetryAfterSeconds = retryAfter,
        });
    }

    [Fact]
    public async Task A_429_with_retry_after_is_waited_out_and_the_read_then_succeeds()
    {
        Fault("GET", RunsPath, 1, FaultKind.Status, status: 429, body: "null", retryAfter: 1);

        var answer = await fixture.Server.CallAsync("list_runs", """{"limit":3}""");

        Assert.False(answer.IsError, answer.Text);
        Assert.Equal(3, answer.Structured.GetProperty("runs").GetArrayLength());
        var calls = fixture.Requests("/workflow-runs", "GET");
        Assert.Equal([429, 200], calls.Select(c => c.Status).ToArray());
    }

    [Fact]
    public async Task A_500_is_a_tool_error_carrying_hatchets_message()
    {
        Fault("GET", "/api/v1/stable/workflow-runs/*", 5, FaultKind.Status, status: 500, body: """{"message":"Internal Server Error"}""");

        var answer = await fixture.Server.CallAsync("get_run", $$"""{"run_id":"{{Facts.SampleDagRunId}}"}""");

        Assert.True(answer.IsError);
        Assert.Contains("500", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Internal Server Error", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Persistent_503s_on_reads_are_retried_then_reported()
    {
        Fault("GET", WorkersPath, 20, FaultKind.Status, status: 503, body: """{"errors":[{"description":"engine overloaded"}]}""");

        var answer = await fixture.Server.CallAsync("list_workers");

        Assert.True(answer.IsError);
        Assert.Contains("503", answer.Text, StringComparison.Ordinal);
        Assert.True(fixture.Requests("/worker", "GET").Count > 1);
    }

    [Fact]
    public async Task A_dropped_connection_is_a_tool_error_naming_the_api_base()
    {
        Fault("GET", WorkersPath, 20, FaultKind.Drop);

        var answer = await fixture.Server.CallAsync("list_workers");

        Assert.True(answer.IsError);
        Assert.Contains(fixture.Emulator.BaseUrl.ToString().TrimEnd('/'), answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FaultKind.Malformed)]
    [InlineData(FaultKind.Truncate)]
    [InlineData(FaultKind.Html)]
    public async Task Answers_that_are_not_the_expected_json_are_tool_errors(FaultKind kind)
    {
        Fault("GET", "/api/v1/tenants/*/workflows", 20, kind);

        var answer = await fixture.Server.CallAsync("list_workflows");

        Assert.True(answer.IsError);
        Assert.Contains("Hatchet", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_hatchet_times_out_with_a_message_that_says_how_to_proceed()
    {
        await using var impatient = await fixture.ConnectAsync(timeoutSeconds: 1);
        Fault("GET", WorkersPath, 20, FaultKind.Delay, delayMs: 4_000);

        var answer = await impatient.CallAsync("list_workers");

        Assert.True(answer.IsError);
        Assert.Contains("did not answer within", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_tool_call_aborts_its_http_call_to_hatchet()
    {
        // Hatchet answers only after 60 s and the client would wait 120 s; a call aborted by the cancellation is logged
        // by the emulator with status 0 as soon as it is aborted.
        await using var patient = await fixture.ConnectAsync(timeoutSeconds: 120);
        Assert.False((await patient.CallAsync("list_workers")).IsError);
        Fault("GET", WorkersPath, 1, FaultKind.Delay, delayMs: 60_000);
        var ct = TestContext.Current.CancellationToken;

        // The SDK client does not send notifications/cancelled when its token fires, so write the wire sequence as a
        // client such as Claude Code does: the call with a known id, then the cancellation of that id.
        var id = new RequestId("cancel-me");
        _ = patient.Client.SendRequestAsync(new JsonRpcRequest
        {
            Id = id,
            Method = RequestMethods.ToolsCall,
            Params = new System.Text.Json.Nodes.JsonObject { ["name"] = "list_workers", ["arguments"] = new System.Text.Json.Nodes.JsonObject() },
        }, ct);
        // Wait until the call has reached Hatchet (its delay fault is used on arrival); the emulator logs a request
        // only once it ends.
        await Eventually.WaitUntilAsync(() => fixture.Emulator.Hooks.FaultUsesLeft == 0);
        Assert.Equal(0, fixture.Emulator.Hooks.FaultUsesLeft);
        await patient.Client.SendNotificationAsync(NotificationMethods.CancelledNotification,
            new CancelledNotificationParams { RequestId = id, Reason = "test" }, ModelContextProtocol.McpJsonUtilities.DefaultOptions, ct);

        await Eventually.WaitUntilAsync(() => fixture.Requests("/worker", "GET").Count > 0);
        Assert.Equal(0, Assert.Single(fixture.Requests("/worker", "GET")).Status);
    }

    [Fact]
    public async Task A_failed_cancel_post_is_reported_and_not_retried()
    {
        Fault("POST", "/api/v1/stable/tenants/*/tasks/cancel", 5, FaultKind.Status, status: 503, body: """{"message":"unavailable"}""");

        var answer = await fixture.Server.CallAsync("cancel_runs", $$"""{"run_ids":["{{Facts.StuckRunId}}"]}""");

        Assert.True(answer.IsError);
        Assert.Contains("nothing was cancelled", answer.Text, StringComparison.Ordinal);
        Assert.Single(fixture.Requests("/tasks/cancel", "POST"));
    }

    [Theory]
    [InlineData(FaultKind.Status, 504)]
    [InlineData(FaultKind.Drop, 0)]
    public async Task A_cancel_post_that_may_have_reached_hatchet_does_not_claim_nothing_happened(FaultKind kind, int status)
    {
        Fault("POST", "/api/v1/stable/tenants/*/tasks/cancel", 5, kind, status: status, body: """{"message":"gateway timeout"}""");

        var answer = await fixture.Server.CallAsync("cancel_runs", $$"""{"run_ids":["{{Facts.StuckRunId}}"]}""");

        Assert.True(answer.IsError);
        Assert.DoesNotContain("nothing was cancelled", answer.Text, StringComparison.Ordinal);
        Assert.Contains("may or may not have reached Hatchet", answer.Text, StringComparison.Ordinal);
        Assert.Contains("get_run", answer.Text, StringComparison.Ordinal);
        Assert.Single(fixture.Requests("/tasks/cancel", "POST"));
    }

    [Fact]
    public async Task A_cancel_answered_with_an_unreadable_body_is_unknown_not_requested()
    {
        Fault("POST", "/api/v1/stable/tenants/*/tasks/cancel", 1, FaultKind.Malformed);

        var answer = await fixture.Server.CallAsync("cancel_runs", $$"""{"run_ids":["{{Facts.StuckRunId}}"]}""");

        Assert.True(answer.IsError);
        Assert.Contains("Outcome unknown", answer.Text, StringComparison.Ordinal);
        Assert.Single(fixture.Requests("/tasks/cancel", "POST"));
    }

    [Fact]
    public async Task When_hatchet_cannot_be_asked_at_all_a_cancel_sends_nothing_and_says_so()
    {
        Fault("GET", "/api/v1/stable/workflow-runs/*", 50, FaultKind.Drop);

        var answer = await fixture.Server.CallAsync("cancel_runs", $$"""{"run_ids":["{{Facts.StuckRunId}}"]}""");

        Assert.True(answer.IsError);
        Assert.Contains("Could not look up 1 id: ", answer.Text, StringComparison.Ordinal);
        Assert.EndsWith(". Nothing was sent to Hatchet.", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("nothing sent", answer.Text, StringComparison.Ordinal); // said once, as one sentence
        Assert.Empty(fixture.Requests("/tasks/cancel"));
    }

    [Fact]
    public async Task A_failed_trigger_is_not_retried()
    {
        Fault("POST", "/api/v1/stable/tenants/*/workflow-runs/trigger", 5, FaultKind.Status, status: 502, body: "bad gateway");

        var answer = await fixture.Server.CallAsync("trigger_workflow", $$"""{"input":{"to":"a@example.com","template":"welcome","customerId":"cus_1"},"workflow":"{{Facts.SingleTaskWorkflowName}}"}""");

        Assert.True(answer.IsError);
        Assert.Single(fixture.Requests("/workflow-runs/trigger", "POST"));
    }

    [Fact]
    public async Task Whoami_reports_an_unreachable_api_instead_of_failing()
    {
        Fault("GET", "/api/v1/tenants/*", 20, FaultKind.Drop);

        var answer = await fixture.Server.CallAsync("whoami");

        Assert.False(answer.IsError, answer.Text);
        Assert.False(answer.Structured.GetProperty("apiAnswers").GetBoolean());
        Assert.Contains("NOT answering", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queue_metrics_still_answer_when_the_worker_list_fails()
    {
        Fault("GET", WorkersPath, 20, FaultKind.Status, status: 500, body: """{"message":"Internal Server Error"}""");

        var answer = await fixture.Server.CallAsync("get_queue_metrics");

        Assert.False(answer.IsError, answer.Text);
        Assert.Contains("Worker coverage unknown", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, """{"message":"Not Found"}""")]
    [InlineData(500, """{"message":"Internal Server Error"}""")]
    public async Task Queue_metrics_still_give_the_run_counts_when_the_queue_depths_cannot_be_read(int status, string body)
    {
        Fault("GET", $"/api/v1/tenants/{fixture.Emulator.TenantId}/step-run-queue-metrics", 20, FaultKind.Status, status: status, body: body);

        var answer = await fixture.Server.CallAsync("get_queue_metrics");

        Assert.False(answer.IsError, answer.Text);
        Assert.Contains("Queues now tenant-wide: unknown (", answer.Text, StringComparison.Ordinal);
        Assert.Contains("COMPLETED", answer.Text, StringComparison.Ordinal);
        Assert.True(answer.Structured.GetProperty("runCounts").GetProperty("COMPLETED").GetInt64() > 0);
        Assert.False(answer.Structured.TryGetProperty("totalQueued", out _));
        Assert.False(string.IsNullOrEmpty(answer.Structured.GetProperty("queuesNote").GetString()));
    }
}
