using System.Net.Http.Headers;
using System.Text.Json;
using HatchetMcp.Safety;
using HatchetMcp.Server;
using HatchetMcp.Tests.ToolTests;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace HatchetMcp.Tests.Safety;

/// <summary>
/// pause_worker, resume_worker, pause_workflow and resume_workflow: confirmed like every write, with a preview of what
/// the pause holds back, nothing sent for a target already in the asked state, and the undo after the write. Each test
/// leaves what it paused as it found it.
/// </summary>
public sealed class PauseToolTests(ConfirmationFixture fixture) : IClassFixture<ConfirmationFixture>, IDisposable
{
    private readonly string _auditPath = Path.Combine(Path.GetTempPath(), $"hatchet-mcp-pause-audit-{Guid.NewGuid():N}.jsonl");

    private Emulator.ScenarioFacts Facts => fixture.Emulator.Facts;

    public void Dispose() => File.Delete(_auditPath);

    private static string Str(string value) => JsonSerializer.Serialize(value, TestJson.Default.String);

    private static string Token(ToolAnswer preview)
    {
        Assert.Equal("preview", preview.Structured.GetProperty("confirmation").GetProperty("result").GetString());
        return preview.Structured.GetProperty("confirmation").GetProperty("token").GetString()!;
    }

    private static string Outcome(ToolAnswer answer) => answer.Structured.GetProperty("outcome").GetString()!;

    private static McpClientOptions Eliciting(Func<ElicitRequestParams?, CancellationToken, ValueTask<ElicitResult>> answer) => new()
    {
        Handlers = new McpClientHandlers { ElicitationHandler = answer },
    };

    /// <summary>Sets the scene (or restores it) with confirmation off; its requests are no test's witness.</summary>
    private async Task SetAsync(string tool, string arguments)
    {
        await using var setup = await fixture.ConnectAsync(new SentRequests(), ConfirmationOptions.Skipped);
        var answer = await setup.CallAsync(tool, arguments);
        Assert.False(answer.IsError, answer.Text);
    }

    /// <summary>Hatchet's own list of the tasks RUNNING on a worker, read past the server under test.</summary>
    private async Task<List<Guid>> RunningTasksOnAsync(Guid worker)
    {
        using var http = new HttpClient { BaseAddress = fixture.Emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Emulator.Token);
        var since = Uri.EscapeDataString(fixture.Time.GetUtcNow().AddDays(-7).ToString("O"));
        var body = await http.GetStringAsync(
            $"api/v1/stable/tenants/{Facts.TenantId}/workflow-runs?since={since}&only_tasks=true&statuses=RUNNING&worker_id={worker}&limit=100",
            TestContext.Current.CancellationToken);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("metadata").GetProperty("id").GetGuid())];
    }

    private async Task<string> ConcurrencyWorkflowIdAsync(InMemoryMcpServer server)
    {
        var list = await server.CallAsync("list_workflows", $$"""{"name":{{Str(Facts.ConcurrencyWorkflowName)}}}""");
        return list.Structured.GetProperty("workflows").EnumerateArray()
            .Single(w => w.GetProperty("name").GetString() == Facts.ConcurrencyWorkflowName).GetProperty("id").GetGuid().ToString();
    }

    [Fact]
    public async Task Previewing_a_worker_pause_sends_nothing_and_names_its_running_tasks_and_the_actions_left_without_a_worker()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);
        var worker = Facts.SaturatedWorkerId;
        var running = await RunningTasksOnAsync(worker);
        Assert.NotEmpty(running);

        var preview = await server.CallAsync("pause_worker", $$"""{"worker_id":"{{worker}}"}""");

        Assert.False(preview.IsError, preview.Text);
        Assert.Empty(sent.Mutating);
        Assert.Equal("would_pause", Outcome(preview));
        Assert.Contains($"{running.Count} task", preview.Text, StringComparison.Ordinal);
        Assert.Contains(running[0].ToString(), preview.Text, StringComparison.Ordinal);
        Assert.Contains("running tasks finish", preview.Text, StringComparison.Ordinal);
        Assert.Contains("Finding: no other ACTIVE worker", preview.Text, StringComparison.Ordinal);
        Assert.Contains("Undo: resume_worker", preview.Text, StringComparison.Ordinal);
        Assert.Contains("nothing was sent", preview.Text, StringComparison.Ordinal);
        var get = await server.CallAsync("get_worker", $$"""{"worker_id":"{{worker}}"}""");
        Assert.Equal("ACTIVE", get.Structured.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_token_sends_exactly_one_PATCH_for_the_previewed_worker_and_answers_the_resume_that_undoes_it()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);
        var worker = Facts.SaturatedWorkerId;
        var args = $$"""{"worker_id":"{{worker}}"}""";
        var preview = await server.CallAsync("pause_worker", args);

        var done = await server.CallAsync("pause_worker", $$"""{"worker_id":"{{worker}}","confirmation_token":{{Str(Token(preview))}}}""");
        var after = await server.CallAsync("get_worker", args);
        await SetAsync("resume_worker", args);

        Assert.False(done.IsError, done.Text);
        var patch = Assert.Single(sent.Mutating);
        Assert.Equal(("PATCH", $"/api/v1/workers/{worker}"), (patch.Method, patch.Path));
        Assert.True(JsonDocument.Parse(patch.Body).RootElement.GetProperty("isPaused").GetBoolean());
        Assert.Equal("paused", Outcome(done));
        Assert.Equal("PAUSED", after.Structured.GetProperty("status").GetString());
        Assert.Equal($"resume_worker worker_id={worker}", done.Structured.GetProperty("undo").GetString());
        Assert.Contains($"resume_worker worker_id={worker}", done.Text, StringComparison.Ordinal);
        Assert.Contains("Confirmed by the preview's confirmation token", done.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_for_a_worker_paused_by_someone_else_since_the_preview_is_refused_and_nothing_is_sent()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);
        var args = $$"""{"worker_id":"{{Facts.SaturatedWorkerId}}"}""";
        var token = Token(await server.CallAsync("pause_worker", args));
        await SetAsync("pause_worker", args);

        var answer = await server.CallAsync("pause_worker", $$"""{"worker_id":"{{Facts.SaturatedWorkerId}}","confirmation_token":{{Str(token)}}}""");
        await SetAsync("resume_worker", args);

        Assert.True(answer.IsError);
        Assert.Contains("Nothing was sent", answer.Text, StringComparison.Ordinal);
        Assert.Empty(sent.Mutating);
    }

    [Fact]
    public async Task An_already_paused_worker_or_an_already_active_workflow_is_not_sent_and_needs_no_confirmation()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);

        var worker = await server.CallAsync("pause_worker", $$"""{"worker_id":"{{Facts.PausedWorkerId}}"}""");
        var workflow = await server.CallAsync("resume_workflow", $$"""{"workflow":{{Str(Facts.SingleTaskWorkflowName)}}}""");

        Assert.Empty(sent.Mutating);
        Assert.Equal("already_paused", Outcome(worker));
        Assert.Equal("not_needed", worker.Structured.GetProperty("confirmation").GetProperty("result").GetString());
        Assert.Contains("already PAUSED; nothing was sent", worker.Text, StringComparison.Ordinal);
        Assert.Equal("already_active", Outcome(workflow));
        Assert.Contains("not paused; nothing was sent", workflow.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approved_by_the_user_a_resume_sends_after_showing_what_it_releases_and_how_to_undo()
    {
        var sent = new SentRequests();
        ElicitRequestParams? asked = null;
        await using var server = await fixture.ConnectAsync(sent, client: Eliciting((request, _) =>
        {
            asked = request;
            return ValueTask.FromResult(new ElicitResult { Action = "accept" });
        }));
        var args = $$"""{"worker_id":"{{Facts.PausedWorkerId}}"}""";

        var answer = await server.CallAsync("resume_worker", args);
        await SetAsync("pause_worker", args);

        Assert.False(answer.IsError, answer.Text);
        Assert.NotNull(asked);
        Assert.Contains("go-media-1", asked.Message, StringComparison.Ordinal);
        Assert.Contains(Facts.PausedWorkerActionId, asked.Message, StringComparison.Ordinal);
        Assert.Contains("Undo: pause_worker", asked.Message, StringComparison.Ordinal);
        var patch = Assert.Single(sent.Mutating);
        Assert.False(JsonDocument.Parse(patch.Body).RootElement.GetProperty("isPaused").GetBoolean());
        Assert.Equal("resumed", Outcome(answer));
        Assert.Equal("elicitation", answer.Structured.GetProperty("confirmation").GetProperty("path").GetString());
    }

    [Fact]
    public async Task Rejected_by_the_user_a_workflow_pause_sends_nothing()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent, client: Eliciting((_, _) => ValueTask.FromResult(new ElicitResult { Action = "decline" })));

        var answer = await server.CallAsync("pause_workflow", $$"""{"workflow":{{Str(Facts.SingleTaskWorkflowName)}}}""");

        Assert.False(answer.IsError, answer.Text);
        Assert.Empty(sent.Mutating);
        Assert.Equal("not_confirmed", Outcome(answer));
        Assert.Equal("declined", answer.Structured.GetProperty("confirmation").GetProperty("result").GetString());
        Assert.Contains("nothing was sent", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Previewing_a_workflow_pause_counts_its_queued_and_running_runs_and_says_what_happens_to_its_crons()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);
        var crons = await server.CallAsync("list_crons", "{}");
        var cron = crons.Structured.GetProperty("crons").EnumerateArray().First(c => c.GetProperty("enabled").GetBoolean());
        var cronWorkflow = cron.GetProperty("workflowName").GetString()!;
        var expression = cron.GetProperty("expression").GetString()!;

        var held = await server.CallAsync("pause_workflow", $$"""{"workflow":{{Str(Facts.ConcurrencyWorkflowName)}}}""");
        var scheduled = await server.CallAsync("pause_workflow", $$"""{"workflow":{{Str(cronWorkflow)}},"cron_and_scheduled":"DROP"}""");

        Assert.Empty(sent.Mutating);
        Assert.Equal("would_pause", Outcome(held));
        Assert.Contains($"{Facts.ConcurrencyQueuedRunIds.Count} runs QUEUED", held.Text, StringComparison.Ordinal);
        Assert.Contains(Facts.ConcurrencyQueuedRunIds[0].ToString(), held.Text, StringComparison.Ordinal);
        Assert.Contains("1 run RUNNING", held.Text, StringComparison.Ordinal);
        Assert.Contains("inserted in the last 7 days", held.Text, StringComparison.Ordinal);
        Assert.Contains(expression, scheduled.Text, StringComparison.Ordinal);
        Assert.Contains("DROP", scheduled.Text, StringComparison.Ordinal);
        Assert.Contains("Undo: resume_workflow", scheduled.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_pauses_the_previewed_workflow_with_one_PATCH_carrying_the_behaviours_shown()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);
        var id = await ConcurrencyWorkflowIdAsync(server);
        var args = $$"""{"workflow":"{{id}}","queue_ttl":"2d"}""";
        var preview = await server.CallAsync("pause_workflow", args);

        var done = await server.CallAsync("pause_workflow", $$"""{"workflow":"{{id}}","queue_ttl":"2d","confirmation_token":{{Str(Token(preview))}}}""");
        await SetAsync("resume_workflow", $$"""{"workflow":"{{id}}"}""");

        Assert.False(done.IsError, done.Text);
        var patch = Assert.Single(sent.Mutating);
        Assert.Equal(("PATCH", $"/api/v1/workflows/{id}"), (patch.Method, patch.Path));
        var pause = JsonDocument.Parse(patch.Body).RootElement.GetProperty("pause");
        Assert.Equal("pause", pause.GetProperty("action").GetString());
        Assert.Equal("QUEUE", pause.GetProperty("pausedWorkflowCronRunQueueBehavior").GetString());
        Assert.Equal("2d", pause.GetProperty("pausedWorkflowQueueTTL").GetString());
        Assert.Equal("paused", Outcome(done));
        Assert.Equal($"resume_workflow workflow={id}", done.Structured.GetProperty("undo").GetString());
    }

    [Fact]
    public async Task A_paused_workflows_new_run_is_held_QUEUED_and_starts_after_resume_workflow()
    {
        await using var server = await fixture.ConnectAsync(new SentRequests(), ConfirmationOptions.Skipped);
        var workflow = $$"""{"workflow":{{Str(Facts.SingleTaskWorkflowName)}}}""";
        Assert.Equal("paused", Outcome(await server.CallAsync("pause_workflow", workflow)));
        var started = await server.CallAsync("trigger_workflow", $$"""{"workflow":{{Str(Facts.SingleTaskWorkflowName)}},"input":{"to":"ops@example.com","template":"welcome","customerId":"cus_1"} }""");
        var run = started.Structured.GetProperty("runId").GetGuid();

        var whilePaused = await StatusesAsync(server, run, 40);
        var resumed = await server.CallAsync("resume_workflow", workflow);
        var afterResume = await StatusesAsync(server, run, 40);

        Assert.Equal(["QUEUED"], whilePaused);
        Assert.Equal("resumed", Outcome(resumed));
        Assert.Contains("pause_workflow", resumed.Structured.GetProperty("undo").GetString(), StringComparison.Ordinal);
        Assert.NotEqual("QUEUED", afterResume[^1]);
    }

    /// <summary>Moves the shared clock a second at a time and reads the run's status after each step.</summary>
    private async Task<List<string>> StatusesAsync(InMemoryMcpServer server, Guid run, int steps)
    {
        var seen = new List<string>();
        for (var i = 0; i < steps; i++)
        {
            var status = (await server.CallAsync("get_run", $$"""{"run_id":"{{run}}"}""")).Structured.GetProperty("status").GetString()!;
            if (seen.Count == 0 || seen[^1] != status)
            {
                seen.Add(status);
            }

            if (status != "QUEUED")
            {
                break;
            }

            fixture.Time.Advance(TimeSpan.FromSeconds(1));
        }

        return seen;
    }

    [Fact]
    public async Task A_pause_whose_request_was_dropped_says_the_outcome_is_unknown_and_what_to_check_before_retrying()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent, ConfirmationOptions.Skipped);
        var worker = Facts.SaturatedWorkerId;
        fixture.Emulator.Hooks.InjectFault(new Emulator.Hooks.FaultSpec("PATCH", "/api/v1/workers/*", 1, Emulator.Hooks.FaultKind.Drop));

        var answer = await server.CallAsync("pause_worker", $$"""{"worker_id":"{{worker}}"}""");
        fixture.Emulator.Hooks.ClearFaults();
        await SetAsync("resume_worker", $$"""{"worker_id":"{{worker}}"}""");

        Assert.True(answer.IsError);
        Assert.Single(sent.Mutating);
        Assert.Contains("may or may not have reached Hatchet", answer.Text, StringComparison.Ordinal);
        Assert.Contains("check with get_worker before retrying", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_attempt_writes_an_audit_line_naming_the_tool_target_and_outcome()
    {
        var options = AuditLogOptions.FromEnvironment(new Dictionary<string, string?> { [AuditLogOptions.EnvironmentVariable] = _auditPath }, out var error);
        Assert.Null(error);
        await using var server = await fixture.ConnectAsync(new SentRequests(), audit: options);

        await server.CallAsync("pause_worker", $$"""{"worker_id":"{{Facts.SaturatedWorkerId}}"}""");
        await server.CallAsync("resume_workflow", $$"""{"workflow":{{Str(Facts.SingleTaskWorkflowName)}}}""");

        var lines = File.ReadAllLines(_auditPath).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        Assert.Equal(["pause_worker", "resume_workflow"], lines.Select(l => l.GetProperty("tool").GetString()));
        Assert.Equal(Facts.SaturatedWorkerId.ToString(), lines[0].GetProperty("targets")[0].GetString());
        Assert.Equal("would_pause", lines[0].GetProperty("outcomes")[0].GetProperty("outcome").GetString());
        Assert.Equal("already_active", lines[1].GetProperty("outcomes")[0].GetProperty("outcome").GetString());
        Assert.All(lines, l => Assert.Empty(l.GetProperty("sent").EnumerateArray()));
    }
}
