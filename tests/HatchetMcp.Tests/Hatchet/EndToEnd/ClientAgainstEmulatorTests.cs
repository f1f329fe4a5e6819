using HatchetMcp.Emulator;
using HatchetMcp.Emulator.Hooks;
using HatchetMcp.Hatchet;
using Xunit;

namespace HatchetMcp.Tests.Hatchet.EndToEnd;

/// <summary>The typed client against the emulator over real HTTP: the calls the tools make, and the failures they meet.</summary>
public sealed class ClientAgainstEmulatorTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly HatchetEmulator _emulator = fixture.Emulator;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _emulator.Hooks.ClearFaults();

    private IReadOnlyList<RecordedRequest> RequestsTo(string pathSuffix) =>
        _emulator.Hooks.Requests.Where(r => r.Path.EndsWith(pathSuffix, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task The_token_decodes_to_the_emulators_tenant_and_the_tenant_answers()
    {
        using var client = fixture.Client();

        var tenant = await client.GetTenantAsync(Ct);

        Assert.Equal(_emulator.TenantId, fixture.Settings().TenantId);
        Assert.Equal(_emulator.TenantId, tenant.Metadata!.Id);
        Assert.Equal(_emulator.Facts.TenantName, tenant.Name);
    }

    [Fact]
    public async Task Listing_failed_runs_of_the_last_week_finds_the_failing_workflow()
    {
        using var client = fixture.Client();
        _emulator.Hooks.ClearRequests();

        var runs = await client.ListRunsAsync(new RunListQuery
        {
            Since = DateTimeOffset.UtcNow.AddDays(-7),
            Statuses = [V1TaskStatuses.Failed],
            Limit = 20,
        }, Ct);

        Assert.NotEmpty(runs.Rows!);
        Assert.All(runs.Rows!, r => Assert.Equal(V1TaskStatuses.Failed, r.Status));
        Assert.Contains(runs.Rows!, r => r.WorkflowName == _emulator.Facts.FailingWorkflowName);
        var query = Assert.Single(RequestsTo("/workflow-runs")).Query;
        Assert.Contains("only_tasks=false", query);
        Assert.Contains("include_payloads=false", query);
        Assert.Contains("since=", query);
    }

    [Fact]
    public async Task A_DAG_run_id_gives_the_run_with_its_tasks()
    {
        using var client = fixture.Client();

        var result = await client.GetRunAsync(_emulator.Facts.SampleDagRunId, Ct);

        Assert.Equal(RunLookupKind.Run, result.Kind);
        Assert.Equal(_emulator.Facts.SampleDagRunId, result.Run!.Run!.Metadata!.Id);
        Assert.True(result.Run.Tasks!.Count > 1, $"{result.Run.Tasks.Count} tasks");
    }

    [Fact]
    public async Task A_DAG_child_task_id_falls_back_to_the_task_and_names_its_run()
    {
        using var client = fixture.Client();

        var result = await client.GetRunAsync(_emulator.Facts.SampleDagChildTaskId, Ct);

        Assert.Equal(RunLookupKind.Task, result.Kind);
        Assert.Equal(_emulator.Facts.SampleDagChildTaskId, result.Task!.Metadata!.Id);
        Assert.Equal(_emulator.Facts.SampleDagRunId, result.Task.WorkflowRunExternalId);
    }

    [Fact]
    public async Task Logs_of_every_task_of_a_run_come_back_in_one_call()
    {
        using var client = fixture.Client();
        var run = await client.GetRunAsync(_emulator.Facts.SampleDagRunId, Ct);
        var taskIds = run.Run!.Tasks!.Select(t => t.Metadata!.Id!.Value).ToList();

        var logs = await client.ListLogsAsync(taskIds, new LogQuery { Limit = 1000 }, Ct);

        Assert.NotEmpty(logs.Rows!);
        Assert.All(logs.Rows!, line => Assert.Contains(line.TaskExternalId!.Value, taskIds));
    }

    [Fact]
    public async Task A_version_that_registered_an_input_schema_is_read_with_it()
    {
        using var client = fixture.Client();
        var workflows = await client.ListWorkflowsAsync(_emulator.Facts.SingleTaskWorkflowName, 50, 0, Ct);
        var id = workflows.Rows!.Single(w => w.Name == _emulator.Facts.SingleTaskWorkflowName).Metadata!.Id!.Value;

        var version = await client.GetWorkflowVersionAsync(id, null, Ct);

        var schema = Assert.NotNull(version.InputJsonSchema);
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Contains("to", schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_token_for_another_tenant_gets_the_403_message()
    {
        using var client = fixture.Client(_emulator.Facts.OtherTenantToken, _emulator.TenantId);

        var error = await Assert.ThrowsAsync<HatchetApiException>(() => client.ListWorkersAsync(Ct));

        Assert.Equal(HatchetErrorKind.Forbidden, error.Kind);
        Assert.Contains("token invalid, expired or for another tenant", error.Message);
        Assert.DoesNotContain(_emulator.Facts.OtherTenantToken, error.Message);
    }

    [Fact]
    public async Task A_missing_run_says_where_run_ids_come_from()
    {
        using var client = fixture.Client();
        var unknown = Guid.Parse("0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f");

        var error = await Assert.ThrowsAsync<HatchetApiException>(() => client.GetRunAsync(unknown, Ct));

        Assert.Equal(HatchetErrorKind.NotFound, error.Kind);
        Assert.Contains("list_runs gives run ids", error.Message);
    }

    [Fact]
    public async Task A_429_with_Retry_After_on_a_read_is_waited_out_then_succeeds()
    {
        using var client = fixture.Client();
        _emulator.Hooks.ClearRequests();
        _emulator.Hooks.InjectFault(new FaultSpec("GET", "/api/v1/tenants/*/worker", 1, FaultKind.Status) { Status = 429, RetryAfterSeconds = 1 });

        var workers = await client.ListWorkersAsync(Ct);

        Assert.NotEmpty(workers.Rows!);
        Assert.Equal([429, 200], RequestsTo("/worker").Select(r => r.Status));
    }

    [Fact]
    public async Task A_dropped_connection_on_a_read_is_retried()
    {
        using var client = fixture.Client();
        _emulator.Hooks.ClearRequests();
        _emulator.Hooks.InjectFault(new FaultSpec("GET", "/api/v1/tenants/*/step-run-queue-metrics", 1, FaultKind.Drop));

        var metrics = await client.GetStepRunQueueMetricsAsync(Ct);

        Assert.NotNull(metrics.Queues);
        Assert.Equal(2, RequestsTo("/step-run-queue-metrics").Count);
    }

    [Fact]
    public async Task A_body_cut_off_mid_read_is_retried()
    {
        using var client = fixture.Client();
        _emulator.Hooks.ClearRequests();
        _emulator.Hooks.InjectFault(new FaultSpec("GET", "/api/v1/tenants/*/workflows", 1, FaultKind.Truncate));

        var workflows = await client.ListWorkflowsAsync(null, 50, 0, Ct);

        Assert.NotEmpty(workflows.Rows!);
        Assert.Equal(2, RequestsTo("/workflows").Count);
    }

    [Fact]
    public async Task A_dropped_connection_on_a_write_is_reported_not_retried()
    {
        using var client = fixture.Client();
        _emulator.Hooks.ClearRequests();
        _emulator.Hooks.InjectFault(new FaultSpec("POST", "/api/v1/stable/tenants/*/tasks/replay", 1, FaultKind.Drop));

        var error = await Assert.ThrowsAsync<HatchetApiException>(() => client.ReplayAsync([_emulator.Facts.SampleDagRunId], Ct));

        Assert.Equal(HatchetErrorKind.Unreachable, error.Kind);
        Assert.Contains(_emulator.BaseUrl.ToString().TrimEnd('/'), error.Message);
        // A retry would have been answered (and recorded) before the failure surfaced.
        Assert.Single(RequestsTo("/tasks/replay"));
    }

    [Fact]
    public async Task Malformed_json_is_an_invalid_response()
    {
        using var client = fixture.Client();
        _emulator.Hooks.InjectFault(new FaultSpec("GET", "/api/v1/tenants/*", 1, FaultKind.Malformed));

        var error = await Assert.ThrowsAsync<HatchetApiException>(() => client.GetTenantAsync(Ct));

        Assert.Equal(HatchetErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public async Task Queue_metrics_and_task_metrics_answer()
    {
        using var client = fixture.Client();

        var counts = await client.GetTaskMetricsAsync(DateTimeOffset.UtcNow.AddDays(-1), null, null, Ct);
        var queues = await client.GetStepRunQueueMetricsAsync(Ct);

        Assert.Equal(5, counts.Count);
        Assert.Contains(queues.Depths(), d => d.Queue == _emulator.Facts.StuckActionId && d.Count > 0);
    }

    [Fact]
    public async Task A_revoked_token_gets_the_403_message()
    {
        var token = _emulator.Tokens.Mint(_emulator.TenantId);
        _emulator.Tokens.Revoke(token);
        using var client = fixture.Client(token);

        var error = await Assert.ThrowsAsync<HatchetApiException>(() => client.GetTenantAsync(Ct));

        Assert.Equal(HatchetErrorKind.Forbidden, error.Kind);
        Assert.DoesNotContain(token, error.ToString());
    }

    [Fact]
    public async Task A_read_slower_than_the_timeout_becomes_a_timeout_error()
    {
        using var client = HatchetClient.Create(fixture.Settings() with { Timeout = TimeSpan.FromSeconds(1) }, new SocketsHttpHandler());
        _emulator.Hooks.InjectFault(new FaultSpec("GET", "/api/v1/tenants/*/worker", 5, FaultKind.Delay) { DelayMs = 5_000 });

        var error = await Assert.ThrowsAsync<HatchetApiException>(() => client.ListWorkersAsync(Ct));

        Assert.Equal(HatchetErrorKind.Timeout, error.Kind);
        Assert.Contains("within 1 s", error.Message);
    }

    [Fact]
    public async Task Cancelling_the_caller_aborts_the_request_to_the_server()
    {
        using var client = fixture.Client();
        _emulator.Hooks.ClearRequests();
        _emulator.Hooks.InjectFault(new FaultSpec("GET", "/api/v1/tenants/*/worker", 1, FaultKind.Delay) { DelayMs = 60_000 });
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var call = client.ListWorkersAsync(caller.Token);
        // The emulator records a request when it ends; its delay fault is used on arrival, so wait for that, then cancel.
        await Eventually.WaitUntilAsync(() => _emulator.Hooks.FaultUsesLeft == 0);
        Assert.Equal(0, _emulator.Hooks.FaultUsesLeft);
        await caller.CancelAsync();

        // A cancellation, not the 20 s attempt timeout or a retry: the caller's token reached the HTTP call.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task A_proxy_html_page_on_every_attempt_is_described()
    {
        using var client = fixture.Client();
        _emulator.Hooks.ClearRequests();
        _emulator.Hooks.InjectFault(new FaultSpec("GET", "/api/v1/version", 3, FaultKind.Html));

        var error = await Assert.ThrowsAsync<HatchetApiException>(() => client.GetVersionAsync(Ct));

        Assert.Equal(HatchetErrorKind.ServerError, error.Kind);
        Assert.Equal(502, error.StatusCode);
        Assert.Contains("HTML error page", error.Message);
        Assert.Equal(3, RequestsTo("/version").Count);
    }

    [Fact]
    public async Task Triggering_a_workflow_by_name_answers_the_new_run_and_it_can_be_cancelled()
    {
        using var client = fixture.Client();
        using var input = System.Text.Json.JsonDocument.Parse("""{"source":"client-e2e"}""");

        var started = await client.TriggerAsync(new TriggerRequest
        {
            WorkflowName = _emulator.Facts.SingleTaskWorkflowName,
            Input = input.RootElement,
            AdditionalMetadata = new Dictionary<string, string> { ["test"] = "client-e2e" },
            ReturnOnlyId = true,
        }, Ct);
        var runId = started.Run!.Metadata!.Id!.Value;
        var cancelled = await client.CancelAsync([runId], Ct);

        Assert.NotEqual(Guid.Empty, runId);
        Assert.Equal([runId], cancelled.Ids);
    }

    [Fact]
    public async Task Triggering_an_unknown_workflow_quotes_Hatchet()
    {
        using var client = fixture.Client();
        using var input = System.Text.Json.JsonDocument.Parse("{}");

        var error = await Assert.ThrowsAsync<HatchetApiException>(() => client.TriggerAsync(
            new TriggerRequest { WorkflowName = "no-such-workflow-e2e", Input = input.RootElement }, Ct));

        Assert.Equal(HatchetErrorKind.BadRequest, error.Kind);
        Assert.Contains("no-such-workflow-e2e", error.Message);
    }
}
