using System.Net.Http.Headers;
using System.Text.Json;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>diagnose_run against the default scenario: one call names the failing task, its attempts, the error, the log line, the version change and a labelled verdict.</summary>
public sealed class DiagnoseRunToolTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>
{
    private Emulator.ScenarioFacts Facts => fixture.Emulator.Facts;

    private Task<ToolAnswer> Call(string tool, string args) => fixture.Server.CallAsync(tool, args);

    private static string Json(string value) => JsonSerializer.Serialize(value, TestJson.Default.String);

    private async Task<Guid> LatestFailedRunAsync()
    {
        var list = await Call("list_runs", $$"""{"workflow":{{Json(Facts.FailingWorkflowName)}},"statuses":["FAILED"],"limit":1}""");
        return list.Structured.GetProperty("runs")[0].GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task The_latest_failure_of_the_regressed_workflow_names_its_task_attempts_error_and_first_error_log_line()
    {
        var runId = await LatestFailedRunAsync();
        var run = await Call("get_run", $$"""{"run_id":"{{runId}}"}""");
        var expectedAttempts = run.Structured.GetProperty("attempt").GetInt32();
        var taskId = run.Structured.GetProperty("tasks")[0].GetProperty("id").GetGuid();
        var firstErrorLine = await FirstErrorLogLineAsync(taskId, expectedAttempts);

        var answer = await Call("diagnose_run", $$"""{"run_id":"{{runId}}"}""");

        var s = answer.Structured;
        Assert.Equal("FAILED", s.GetProperty("status").GetString());
        var task = Assert.Single(s.GetProperty("failingTasks").EnumerateArray());
        Assert.Equal(taskId, task.GetProperty("id").GetGuid());
        var attempts = task.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(expectedAttempts, attempts.Count);
        Assert.True(expectedAttempts > 1);
        Assert.Equal(Enumerable.Range(1, expectedAttempts), attempts.Select(a => a.GetProperty("attempt").GetInt32()));
        Assert.All(attempts, a =>
        {
            Assert.Contains(Facts.FailingErrorSignature, a.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(a.GetProperty("worker").GetString()));
            Assert.True(a.GetProperty("durationMs").GetInt64() >= 0);
        });
        Assert.Contains($"{expectedAttempts} attempts", answer.Text, StringComparison.Ordinal);
        Assert.Contains($"attempt {expectedAttempts} | started", answer.Text, StringComparison.Ordinal);

        var log = s.GetProperty("log");
        Assert.Equal(expectedAttempts, log.GetProperty("attempt").GetInt32());
        Assert.True(log.GetProperty("hasError").GetBoolean());
        var firstError = log.GetProperty("lines").EnumerateArray().First(l => l.GetProperty("level").GetString() == "ERROR");
        Assert.Equal(firstErrorLine, firstError.GetProperty("message").GetString());
        Assert.Contains($"ERROR ⟦{firstErrorLine}⟧", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_latest_failure_names_the_version_change_since_the_last_success_and_a_labelled_code_regression_verdict()
    {
        var runId = await LatestFailedRunAsync();

        var answer = await Call("diagnose_run", $$"""{"run_id":"{{runId}}"}""");

        var s = answer.Structured;
        Assert.Equal(Facts.FailingVersionId, s.GetProperty("version").GetProperty("id").GetGuid());
        Assert.True(s.GetProperty("versionChanged").GetBoolean());
        var good = s.GetProperty("history").GetProperty("lastSuccessVersion");
        Assert.Equal(Facts.LastGoodVersionId, good.GetProperty("id").GetGuid());
        var goodName = good.GetProperty("name").GetString();
        var badName = s.GetProperty("version").GetProperty("name").GetString();
        Assert.False(string.IsNullOrEmpty(goodName));
        Assert.NotEqual(goodName, badName);
        Assert.Contains($"Version change: this run ran {badName} ({Facts.FailingVersionId}); the last success ran {goodName} ({Facts.LastGoodVersionId})", answer.Text, StringComparison.Ordinal);

        var history = s.GetProperty("history");
        Assert.True(history.GetProperty("lastSuccessCreatedAt").GetDateTimeOffset() < Facts.FailingSince);
        Assert.True(history.GetProperty("firstFailureCreatedAt").GetDateTimeOffset() >= Facts.FailingSince);
        Assert.True(history.GetProperty("everyFinishedRunFailed").GetBoolean());
        Assert.True(history.GetProperty("failuresSince").GetInt32() >= 2);

        var verdict = s.GetProperty("verdict");
        Assert.Equal("code regression", verdict.GetProperty("cause").GetString());
        Assert.True(verdict.GetProperty("heuristic").GetBoolean());
        var evidence = verdict.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(evidence, e => e.Contains(Facts.LastGoodVersionId.ToString(), StringComparison.Ordinal) && e.Contains(Facts.FailingVersionId.ToString(), StringComparison.Ordinal));
        Assert.Contains(evidence, e => e.Contains(Facts.FailingErrorSignature, StringComparison.Ordinal));
        Assert.Contains("Verdict (heuristic finding, not a certainty): code regression.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_completed_run_gives_its_queue_wait_task_durations_and_slowest_task_for_its_attempt()
    {
        var answer = await Call("diagnose_run", $$"""{"run_id":"{{Facts.SampleDagRunId}}"}""");
        var run = await Call("get_run", $$"""{"run_id":"{{Facts.SampleDagRunId}}"}""");

        var timings = answer.Structured.GetProperty("timings");
        Assert.Equal(run.Structured.GetProperty("attempt").GetInt32(), timings.GetProperty("attempt").GetInt32());
        var tasks = timings.GetProperty("tasks").EnumerateArray().ToList();
        var expected = run.Structured.GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("durationMs").GetInt64());
        Assert.Equal(expected.Count, tasks.Count);
        foreach (var t in tasks)
        {
            Assert.Equal(expected[t.GetProperty("name").GetString()!], t.GetProperty("durationMs").GetInt64());
        }

        var slowest = expected.MaxBy(kv => kv.Value).Key;
        Assert.Equal(slowest, timings.GetProperty("slowest").GetString());
        Assert.Contains($"Slowest task: {slowest} (", answer.Text, StringComparison.Ordinal);
        Assert.True(timings.GetProperty("queuedMs").GetInt64() >= 0);
    }

    [Fact]
    public async Task A_run_waiting_for_the_saturated_worker_names_it_full()
    {
        var full = (await Call("get_worker", $$"""{"worker_id":"{{Facts.SaturatedWorkerId}}"}""")).Structured.GetProperty("name").GetString()!;

        var answer = await Call("diagnose_run", $$"""{"run_id":"{{Facts.SaturatedWorkerQueuedRunIds[^1]}}"}""");

        var cause = Cause(answer, "WORKERS_FULL");
        Assert.Equal([full], cause.GetProperty("workers").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains("WORKERS FULL: every ACTIVE worker registering", answer.Text, StringComparison.Ordinal);
        Assert.Contains(full, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_whose_only_worker_is_paused_names_the_paused_worker()
    {
        var paused = (await Call("get_worker", $$"""{"worker_id":"{{Facts.PausedWorkerId}}"}""")).Structured.GetProperty("name").GetString()!;

        var answer = await Call("diagnose_run", $$"""{"run_id":"{{Facts.PausedWorkerRunIds[0]}}"}""");

        var cause = Cause(answer, "WORKER_PAUSED");
        Assert.Equal([paused], cause.GetProperty("workers").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains($"are paused: {paused}", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stuck_run_names_its_inactive_worker_and_a_run_no_worker_serves_names_the_missing_action()
    {
        var inactive = (await Call("get_worker", $$"""{"worker_id":"{{Facts.InactiveWorkerId}}"}""")).Structured.GetProperty("name").GetString()!;

        var stuck = await Call("diagnose_run", $$"""{"run_id":"{{Facts.StuckRunId}}"}""");
        var orphan = await Call("diagnose_run", $$"""{"run_id":"{{Facts.NoWorkerRunIds[0]}}"}""");

        Assert.Equal([inactive], Cause(stuck, "WORKER_INACTIVE").GetProperty("workers").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains(inactive, stuck.Text, StringComparison.Ordinal);
        Assert.Contains(Facts.NoWorkerActionId, Cause(orphan, "NO_WORKER").GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains($"NO WORKER: no worker seen in the last 24h registers {Facts.NoWorkerActionId}", orphan.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_held_by_an_exhausted_rate_limit_names_the_limit()
    {
        var answer = await Call("diagnose_run", $$"""{"run_id":"{{Facts.RateLimitedRunIds[0]}}"}""");

        var cause = Cause(answer, "RATE_LIMIT_EXHAUSTED");
        Assert.Equal([Facts.ExhaustedRateLimitKey], cause.GetProperty("rateLimits").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains($"RATE LIMIT EXHAUSTED: {Facts.ExhaustedRateLimitKey} 0/", answer.Text, StringComparison.Ordinal);
        Assert.Contains("REQUEUED_RATE_LIMIT", answer.Text, StringComparison.Ordinal);
    }

    private static JsonElement Cause(ToolAnswer answer, string kind) =>
        answer.Structured.GetProperty("blockers").EnumerateArray()
            .SelectMany(t => t.GetProperty("causes").EnumerateArray())
            .Single(c => c.GetProperty("kind").GetString() == kind);

    [Fact]
    public async Task A_run_id_that_is_not_a_uuid_is_a_tool_error_naming_the_argument()
    {
        var answer = await Call("diagnose_run", """{"run_id":"not-a-run"}""");

        Assert.True(answer.IsError);
        Assert.Contains("run_id", answer.Text, StringComparison.Ordinal);
    }

    /// <summary>The first ERROR line of one attempt, read straight from the emulator.</summary>
    private async Task<string> FirstErrorLogLineAsync(Guid taskId, int attempt)
    {
        using var http = new HttpClient { BaseAddress = fixture.Emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Emulator.Token);
        using var doc = JsonDocument.Parse(await http.GetStringAsync(
            $"/api/v1/stable/tasks/{taskId}/logs?attempt={attempt}&levels=ERROR&limit=1000", TestContext.Current.CancellationToken));
        return doc.RootElement.GetProperty("rows").EnumerateArray()
            .OrderBy(r => r.GetProperty("createdAt").GetDateTimeOffset())
            .First().GetProperty("message").GetString()!;
    }
}
