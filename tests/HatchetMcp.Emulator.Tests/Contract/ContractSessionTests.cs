using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Contract;

/// <summary>
/// Drives the emulator through a broad scripted session over real HTTP and checks every answer body against
/// the response schema of its operation and status in openapi.yaml, allowing only the departures listed in
/// <see cref="ContractDepartures"/>; then checks that every request the emulator served lies on a contract route.
/// </summary>
public sealed class ContractSessionTests
{
    [Fact]
    public async Task Every_answer_in_a_broad_session_matches_the_contract_or_a_listed_departure()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 600);
        var session = new Session(host.Api);
        await RunScriptAsync(host, session);

        var verdicts = host.Api.Observed.Select(r => ContractValidator.Default.Check(r.ToObserved())).ToList();
        var problems = session.StatusMismatches
            .Concat(verdicts.Where(v => v.IsViolation).Select(v => v.ToString()))
            .ToList();

        Assert.True(problems.Count == 0, $"{problems.Count} problem(s) in {verdicts.Count} answers:\n" + string.Join("\n", problems));
        var operations = verdicts.Select(v => v.Operation!.OperationId).Distinct().Count();
        Assert.True(operations >= 35, $"the session covered only {operations} operations");
        // Success bodies are checked against their schemas; only the trigger's nil-slice answer is excused among them.
        var excusedSuccesses = verdicts.Where(v => v.Response.Status < 300 && v.FollowedDeparture is not null).ToList();
        Assert.All(excusedSuccesses, v => Assert.Equal(DepartureId.TriggerReturnOnlyIdSendsNilSlices, v.FollowedDeparture!.Id));
        Assert.True(verdicts.Count(v => v.Response.Status < 300 && v.FollowedDeparture is null) >= 70, "the session validated too few success bodies");
    }

    [Fact]
    public async Task Every_route_the_emulator_served_in_a_session_is_in_the_contract()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 300);
        var session = new Session(host.Api);
        await RunScriptAsync(host, session);

        var log = await host.Api.GetAsync("/_emulator/requests", Credential.None);
        log.Expect(200);
        var served = Wire.Objects(log.Object["requests"]!.AsArray())
            .Select(r => (Method: Wire.Str(r["method"]), Path: Wire.Str(r["path"])))
            .ToList();

        var all = host.Api.Observed.Select(r => (r.Method, Path: r.Path.Split('?')[0])).ToList();
        Assert.All(all.Where(r => r.Path.StartsWith("/_emulator/", StringComparison.Ordinal)), r => Assert.Contains(r, DocumentedHooks));
        var sent = all.Where(r => !r.Path.StartsWith("/_emulator/", StringComparison.Ordinal)).ToList();
        var unrecorded = sent.Where(r => !served.Contains(r)).Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.True(sent.Count == served.Count && unrecorded.Count == 0, $"sent {sent.Count}, logged {served.Count}; not logged: {string.Join(", ", unrecorded)}");
        var outside = served.Where(r => ContractSpec.Shared.Find(r.Method, r.Path) is null).Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.True(outside.Count == 0, "served outside the contract:\n" + string.Join("\n", outside));
    }

    /// <summary>The test-hook routes emulator-api.md documents (served only with EnableTestHooks, never logged).</summary>
    private static readonly (string Method, string Path)[] DocumentedHooks =
    [
        ("GET", "/_emulator/requests"), ("DELETE", "/_emulator/requests"), ("POST", "/_emulator/faults"), ("DELETE", "/_emulator/faults"),
        ("POST", "/_emulator/time/advance"), ("GET", "/_emulator/facts"),
    ];

    private static async Task RunScriptAsync(EmulatorHost host, Session s)
    {
        var t = host.Tenant;
        var facts = host.Facts;
        var since = host.LongAgo;

        // Tenant and workflows.
        await s.Get(Routes.Tenant(t), 200);
        var workflows = (await s.Get(Routes.Workflows(t), 200)).Rows;
        await s.Get(Routes.Workflows(t, $"?name={Wire.Q(facts.DagWorkflowName)}"), 200);
        await s.Get(Routes.Workflows(t, "?limit=2&offset=2"), 200);
        var workflowId = Wire.Id(workflows[0]);
        await s.Get(Routes.Workflow(workflowId), 200);
        await s.Get(Routes.WorkflowVersions(workflowId), 200);
        // The regressed workflow's versions by id (before and after its deploy), an unknown one, and its triggers.
        var failingId = Wire.Id(workflows.OfType<JsonObject>().First(w => Wire.Str(w["name"]) == facts.FailingWorkflowName));
        await s.Get(Routes.WorkflowVersions(failingId) + $"?version={facts.LastGoodVersionId}", 200);
        await s.Get(Routes.WorkflowVersions(failingId) + $"?version={facts.FailingVersionId}", 200);
        await s.Get(Routes.WorkflowVersions(failingId) + $"?version={Guid.NewGuid()}", 404);
        // A version that registered an input schema (inputJsonSchema is an object in the contract).
        var schemaVersion = (await s.Get(Routes.WorkflowVersions(Wire.Id(workflows.OfType<JsonObject>().First(w => Wire.Str(w["name"]) == facts.SingleTaskWorkflowName))), 200)).Object;
        Assert.Equal("object", Wire.Str(schemaVersion["inputJsonSchema"]!["type"]));
        await s.Get(Routes.Crons(t, $"?workflowId={failingId}&limit=20&orderByField=createdAt&orderByDirection=DESC"), 200);
        await s.Get(Routes.Scheduled(t, $"?workflowId={failingId}&statuses=SCHEDULED&limit=1&orderByField=triggerAt&orderByDirection=ASC"), 200);

        // Runs list with each filter.
        var runs = (await s.Get(Routes.RunsSince(t, since, onlyTasks: false), 200)).Rows;
        var tasks = (await s.Get(Routes.RunsSince(t, since, onlyTasks: true), 200)).Rows;
        await s.Get(Routes.RunsSince(t, since, false, "&statuses=FAILED"), 200);
        await s.Get(Routes.RunsSince(t, since, false, "&statuses=FAILED&statuses=CANCELLED&statuses=QUEUED"), 200);
        await s.Get(Routes.RunsSince(t, since, false, $"&workflow_ids={workflowId}"), 200);
        await s.Get(Routes.RunsSince(t, since, true, $"&worker_id={facts.SaturatedWorkerId}"), 200);
        await s.Get(Routes.RunsSince(t, since, false, $"&until={Wire.Time(host.Clock.GetUtcNow().AddHours(-24))}"), 200);
        await s.Get(Routes.RunsSince(t, since, false, "&include_payloads=true&limit=5&offset=5"), 200);
        await s.Get(Routes.RunsSince(t, since, false, $"&parent_task_external_id={Guid.NewGuid()}"), 200);
        await s.Get(Routes.RunsSince(t, since, false, $"&triggering_event_external_id={Guid.NewGuid()}"), 200);
        await s.Get(Routes.RunsSince(t, since, false, "&includeOrchestratorEvents=true&no_such_param=1"), 200);
        var metadataPair = runs.OfType<JsonObject>()
            .SelectMany(r => (r["additionalMetadata"] as JsonObject ?? []).Select(kv => $"{kv.Key}:{kv.Value}"))
            .FirstOrDefault();
        if (metadataPair is not null)
        {
            await s.Get(Routes.RunsSince(t, since, false, $"&additional_metadata={Wire.Q(metadataPair)}"), 200);
        }

        // One run of each kind, its status, events and timings.
        foreach (var run in new[] { facts.SampleDagRunId, facts.SampleSingleTaskRunId, facts.StuckRunId })
        {
            await s.Get(Routes.Run(run), 200);
            await s.Get(Routes.Run(run) + "?includeOrchestratorEvents=false", 200);
            await s.Get(Routes.RunStatus(run), 200);
            await s.Get(Routes.RunTaskEvents(run), 200);
            await s.Get(Routes.RunTaskTimings(run), 200);
            await s.Get(Routes.RunTaskTimings(run) + "?depth=2", 200);
        }

        // Tasks: get, events, logs (each filter), tenant logs.
        var child = facts.SampleDagChildTaskId;
        await s.Get(Routes.Task(child), 200);
        await s.Get(Routes.Task(child) + "?attempt=1", 200);
        await s.Get(Routes.Task(facts.SampleSingleTaskRunId), 200);
        await s.Get(Routes.TaskEvents(child), 200);
        var anyTask = Guid.Parse(Wire.Str(tasks[0]!["taskExternalId"]));
        await s.Get(Routes.TaskLogs(anyTask), 200);
        await s.Get(Routes.TaskLogs(child), 200);
        await s.Get(Routes.TaskLogs(child, "?levels=ERROR&levels=WARN&order_by_direction=DESC&limit=100"), 200);
        await s.Get(Routes.TaskLogs(child, $"?search=error&attempt=1&since={Wire.Time(since)}&until={Wire.Time(host.Clock.GetUtcNow())}"), 200);
        await s.Get(Routes.TenantLogs(t, $"taskExternalIds={child}&taskExternalIds={anyTask}"), 200);
        await s.Get(Routes.TenantLogs(t, "levels=ERROR&limit=20"), 200);
        await s.Get(Routes.TenantLogs(t, $"search={Wire.Q(@"a\_b%")}&levels=ERROR&levels=WARN&workflow_ids={workflowId}" +
            $"&since={Wire.Time(since)}&until={Wire.Time(host.Clock.GetUtcNow())}&order_by_direction=DESC&limit=10000"), 200);
        await s.Get(Routes.TenantLogs(t, "limit=10001"), 500);
        await s.Get(Routes.TenantLogs(t, "levels=TRACE"), 500);

        // Workers.
        await s.Get(Routes.Workers(t), 200);
        await s.Get(Routes.Workers(t, "?includeOperators=false"), 200);
        foreach (var worker in new[] { facts.SaturatedWorkerId, facts.PausedWorkerId, facts.InactiveWorkerId })
        {
            await s.Get(Routes.Worker(worker), 200);
        }

        // Metrics.
        await s.Get(Routes.TaskMetrics(t, $"since={Wire.Time(since)}"), 200);
        await s.Get(Routes.TaskMetrics(t, $"since={Wire.Time(since)}&workflow_ids={workflowId}"), 200);
        await s.Get(Routes.StepRunQueueMetrics(t), 200);

        // Events.
        var events = (await s.Get(Routes.Events(t, $"?since={Wire.Time(since)}"), 200)).Rows;
        await s.Get(Routes.Events(t), 200);
        // As list_events asks: a window, keys and a page.
        await s.Get(Routes.Events(t, $"?since={Wire.Time(since)}&until={Wire.Time(host.Clock.GetUtcNow())}&keys={Wire.Q("order:created")}&keys={Wire.Q("audit:login")}&offset=2&limit=3"), 200);
        await s.Get(Routes.EventKeys(t), 200);
        if (events.Count > 0)
        {
            await s.Get(Routes.Event(t, Wire.Id(events[0])), 200);
        }

        // Crons and scheduled runs: list, get, create, delete.
        var crons = (await s.Get(Routes.Crons(t), 200)).Rows;
        // As list_crons and list_scheduled_runs ask: one workflow or all, statuses, a page, ordered.
        await s.Get(Routes.Crons(t, $"?workflowId={workflowId}&offset=1&limit=2&orderByField=createdAt&orderByDirection=DESC"), 200);
        await s.Get(Routes.Scheduled(t, $"?workflowId={workflowId}&statuses=SCHEDULED&statuses=SUCCEEDED&offset=1&limit=2&orderByField=triggerAt&orderByDirection=ASC"), 200);
        if (crons.Count > 0)
        {
            await s.Get(Routes.Cron(t, Wire.Id(crons[0])), 200);
        }

        var cron = await s.Post(Routes.CreateCron(t, facts.SingleTaskWorkflowName), new JsonObject
        {
            ["input"] = new JsonObject(), ["additionalMetadata"] = new JsonObject(), ["cronName"] = "contract-session", ["cronExpression"] = "*/5 * * * *",
        }, 200);
        if (cron.Status == 200)
        {
            await s.Delete(Routes.Cron(t, Wire.Id(cron.Json)), 204);
        }

        var scheduledRows = (await s.Get(Routes.Scheduled(t), 200)).Rows;
        if (scheduledRows.Count > 0)
        {
            await s.Get(Routes.ScheduledRun(t, Wire.Id(scheduledRows[0])), 200);
        }

        var scheduled = await s.Post(Routes.CreateScheduled(t, facts.SingleTaskWorkflowName), new JsonObject
        {
            ["input"] = new JsonObject(), ["additionalMetadata"] = new JsonObject(),
            ["triggerAt"] = host.Clock.GetUtcNow().AddHours(2).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }, 200);
        if (scheduled.Status == 200)
        {
            await s.Delete(Routes.ScheduledRun(t, Wire.Id(scheduled.Json)), 204);
        }

        // Rate limits.
        await s.Get(Routes.RateLimits(t), 200);
        await s.Get(Routes.RateLimits(t, $"?search={Wire.Q(facts.NearlyExhaustedRateLimitKey)}"), 200);

        // Mutations: trigger, cancel, replay.
        var triggered = await s.Post(Routes.Trigger(t), new JsonObject { ["workflowName"] = facts.SingleTaskWorkflowName, ["input"] = new JsonObject() }, 200);
        await s.Post(Routes.Trigger(t), new JsonObject { ["workflowName"] = facts.DagWorkflowName, ["input"] = new JsonObject(), ["return_only_id"] = true }, 200);
        await s.Post(Routes.Trigger(t), new JsonObject { ["workflowName"] = "no-such-workflow", ["input"] = new JsonObject() }, 400);
        await s.Post(Routes.Trigger(t), new JsonObject { ["workflowName"] = facts.SingleTaskWorkflowName, ["input"] = new JsonObject(), ["priority"] = 7 }, 400);
        var newRun = triggered.Status == 200 ? Wire.Id(triggered.Object["run"]) : Guid.NewGuid();
        await s.Post(Routes.Cancel(t), new JsonObject { ["externalIds"] = Wire.Array(newRun.ToString(), Guid.NewGuid().ToString()) }, 200);
        await s.Post(Routes.Cancel(t), new JsonObject { ["filter"] = new JsonObject { ["since"] = host.Clock.GetUtcNow().AddMinutes(-5).ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["statuses"] = Wire.Array("QUEUED") } }, 200);
        await s.Post(Routes.Replay(t), new JsonObject { ["externalIds"] = Wire.Array(facts.SampleSingleTaskRunId.ToString()) }, 200);
        await s.Post(Routes.Replay(t), new JsonObject
        {
            ["externalIds"] = Wire.Array(facts.SampleDagRunId.ToString()),
            ["filter"] = new JsonObject { ["since"] = since.ToString("O", System.Globalization.CultureInfo.InvariantCulture) },
        }, 500);

        // Remaining served routes: lookups, pauses, triggers of crons and schedules, unauthenticated and refused routes.
        await s.Get($"/api/v1/stable/tenants/{t}/workflow-runs/external-ids?since={Wire.Time(since)}", 200);
        await s.Get($"/api/v1/stable/tenants/{t}/workflow-runs/display-names?external_ids={facts.SampleDagRunId}&external_ids={facts.SampleSingleTaskRunId}", 200);
        await s.Send(HttpMethod.Patch, Routes.Worker(facts.SaturatedWorkerId), new JsonObject { ["isPaused"] = true }, 200);
        await s.Send(HttpMethod.Patch, Routes.Worker(facts.SaturatedWorkerId), new JsonObject { ["isPaused"] = false }, 200);
        await s.Send(HttpMethod.Patch, Routes.Workflow(workflowId), new JsonObject
        {
            ["pause"] = new JsonObject { ["action"] = "pause", ["pausedWorkflowCronRunQueueBehavior"] = "QUEUE", ["pausedWorkflowScheduledRunQueueBehavior"] = "QUEUE", ["pausedWorkflowQueueTTL"] = "1h" },
        }, 200);
        await s.Send(HttpMethod.Patch, Routes.Workflow(workflowId), new JsonObject { ["pause"] = new JsonObject { ["action"] = "unpause" } }, 200);
        if (crons.Count > 0)
        {
            await s.Send(HttpMethod.Patch, Routes.Cron(t, Wire.Id(crons[0])), new JsonObject { ["enabled"] = true }, 204);
            await s.Send(HttpMethod.Post, Routes.Cron(t, Wire.Id(crons[0])), new JsonObject(), 200);
        }

        if (scheduledRows.Count > 0)
        {
            await s.Send(HttpMethod.Post, Routes.ScheduledRun(t, Wire.Id(scheduledRows[0])), new JsonObject(), 200);
        }

        await s.Get("/api/v1/version", 200, Credential.None);
        await s.Get("/api/v1/meta", 200, Credential.None);
        await s.Get("/api/ready", 200, Credential.None);
        await s.Get("/api/live", 200, Credential.None);
        await s.Get("/api/v1/users/current", 403);
        await s.Get("/api/v1/users/memberships", 403);
        await s.Get("/api/v1/users/invites", 403);
        await s.Get("/api/v1/meta/integrations", 403);
        await s.Send(HttpMethod.Post, "/api/v1/tenants", new JsonObject { ["name"] = "x", ["slug"] = "x" }, 403);
        await s.Get($"/api/v1/stable/dags/tasks?dag_ids={facts.SampleDagRunId}&tenant={t}", 403);
        await s.Get($"/api/v1/tenants/{t}/api-tokens", 401);
        await s.Send(HttpMethod.Post, $"/api/v1/tenants/{t}/api-tokens", new JsonObject { ["name"] = "x" }, 401);

        // Deprecated routes (§5.14): populator-deprecated v0 resources and deprecated v0 operations.
        var anyId = Guid.NewGuid();
        foreach (var path in new[]
        {
            $"/api/v1/tenants/{t}/workflow-runs/{facts.SampleDagRunId}", $"/api/v1/tenants/{t}/workflow-runs/{facts.SampleDagRunId}/input",
            $"/api/v1/tenants/{t}/workflow-runs/{facts.SampleDagRunId}/step-run-events", $"/api/v1/tenants/{t}/step-runs/{anyId}",
            $"/api/v1/tenants/{t}/step-runs/{anyId}/schema", $"/api/v1/step-runs/{anyId}/events", $"/api/v1/step-runs/{anyId}/archives",
            $"/api/v1/webhook-workers/{anyId}/requests",
        })
        {
            await s.Get(path, 400);
        }

        await s.Send(HttpMethod.Delete, $"/api/v1/webhook-workers/{anyId}", null, 400);
        await s.Send(HttpMethod.Post, $"/api/v1/tenants/{t}/step-runs/{anyId}/cancel", new JsonObject(), 400);
        await s.Send(HttpMethod.Post, $"/api/v1/tenants/{t}/step-runs/{anyId}/rerun", new JsonObject { ["input"] = new JsonObject() }, 400);
        await s.Get($"/api/v1/tenants/{t}/workflows/runs", 400);
        await s.Get($"/api/v1/tenants/{t}/workflows/runs/metrics", 400);
        await s.Get($"/api/v1/tenants/{t}/events/keys", 400);
        await s.Get($"/api/v1/tenants/{t}/webhook-workers", 400);
        await s.Send(HttpMethod.Post, $"/api/v1/tenants/{t}/webhook-workers", new JsonObject { ["name"] = "w", ["url"] = "http://x" }, 400);
        await s.Send(HttpMethod.Post, $"/api/v1/tenants/{t}/events", new JsonObject { ["key"] = "k", ["data"] = new JsonObject() }, 400);
        await s.Send(HttpMethod.Post, $"/api/v1/tenants/{t}/events/bulk", new JsonObject { ["events"] = new JsonArray() }, 400);
        await s.Send(HttpMethod.Post, $"/api/v1/tenants/{t}/events/replay", new JsonObject { ["eventIds"] = new JsonArray() }, 400);
        await s.Send(HttpMethod.Post, $"/api/v1/tenants/{t}/events/cancel", new JsonObject { ["eventIds"] = new JsonArray() }, 400);
        await s.Send(HttpMethod.Post, $"/api/v1/tenants/{t}/workflow-runs/replay", new JsonObject { ["workflowRunIds"] = new JsonArray() }, 400);
        await s.Send(HttpMethod.Post, $"/api/v1/workflows/{workflowId}/trigger", new JsonObject { ["input"] = new JsonObject() }, 400);
        await s.Get($"/api/v1/tenants/{t}/workflows/{workflowId}/worker-count", 500);
        await s.Send(HttpMethod.Delete, Routes.RateLimits(t, $"?key={Wire.Q(facts.NearlyExhaustedRateLimitKey)}"), null, 204);

        // Error cases.
        await s.Get("/api/v1/tenants/not-a-uuid", 400);
        await s.Get(Routes.Tenant(Guid.NewGuid()), 404);
        await s.Get(Routes.Tenant(t), 403, Credential.None);
        await s.Get(Routes.Tenant(t), 403, Credential.Raw("bearer " + host.Api.Token));
        await s.Get(Routes.Tenant(facts.OtherTenantId), 403);
        await s.Get(Routes.Runs(t, "only_tasks=false"), 400);
        await s.Get(Routes.RunsSince(t, since, false, "&limit=0"), 500);
        await s.Get(Routes.Run(Guid.NewGuid()), 404);
        await s.Get(Routes.Run(child), 404);
        await s.Get(Routes.Task(Guid.NewGuid()), 404);
        await s.Send(HttpMethod.Patch, Routes.Worker(Guid.NewGuid()), new JsonObject { ["isPaused"] = true }, 404);
        await s.Send(HttpMethod.Patch, Routes.Workflow(Guid.NewGuid()), new JsonObject { ["pause"] = new JsonObject { ["action"] = "unpause" } }, 404);
        await s.Send(HttpMethod.Patch, "/api/v1/workers/not-a-uuid", new JsonObject { ["isPaused"] = true }, 400);
        await s.Get(Routes.TaskLogs(child, "?limit=10001"), 500);
        await s.Get(Routes.TaskMetrics(t, "workflow_ids=" + workflowId), 400);
        await s.Get(Routes.RunTaskTimings(facts.SampleDagRunId) + "?depth=11", 400);
        await s.Get(Routes.QueueMetrics(t), 400);
        await s.Get($"/api/v1/tenants/{t}/workflow-runs/{facts.SampleDagRunId}/shape", 400);
        await s.Get($"/api/v1/workflows/{workflowId}/metrics", 500);
        await s.Get($"/api/v1/tenants/{t}/events", 400);
        await s.Post($"/api/v1/tenants/{t}/workflows/cancel", new JsonObject { ["workflowRunIds"] = Wire.Array(newRun.ToString()) }, 400);
    }

    /// <summary>Sends the script's requests and notes each answer whose status differs from the script's expectation.</summary>
    private sealed class Session(HatchetApi api)
    {
        public List<string> StatusMismatches { get; } = [];

        public async Task<ApiResponse> Get(string path, int expected, Credential? auth = null) => Note(await api.GetAsync(path, auth), expected);

        public async Task<ApiResponse> Post(string path, JsonNode body, int expected) => Note(await api.PostAsync(path, body), expected);

        public async Task<ApiResponse> Delete(string path, int expected) => Note(await api.DeleteAsync(path), expected);

        public async Task<ApiResponse> Send(HttpMethod method, string path, JsonNode? body, int expected) => Note(await api.SendAsync(method, path, body), expected);

        private ApiResponse Note(ApiResponse response, int expected)
        {
            if (response.Status != expected)
            {
                StatusMismatches.Add($"{response}: the script expected {expected}; body: {(response.Body.Length > 300 ? response.Body[..300] : response.Body)}");
            }

            return response;
        }
    }
}
