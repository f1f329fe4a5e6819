using System.Text.Json;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>find_stuck_runs names what holds each group of long-waiting runs in the default scenario (issue 9).</summary>
public sealed class StuckRunToolTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>
{
    private HatchetMcp.Emulator.ScenarioFacts Facts => fixture.Emulator.Facts;

    [Fact]
    public async Task It_names_the_missing_paused_inactive_and_full_workers_the_exhausted_limit_and_the_concurrency_limit_for_the_runs_they_hold()
    {
        var paused = await WorkerNameAsync(Facts.PausedWorkerId);
        var inactive = await WorkerNameAsync(Facts.InactiveWorkerId);
        var full = await WorkerNameAsync(Facts.SaturatedWorkerId);

        var answer = await fixture.Server.CallAsync("find_stuck_runs", """{"older_than":"1m"}""");

        var groups = answer.Structured.GetProperty("groups").EnumerateArray().ToList();
        AssertGroup(groups, "NO_WORKER", Facts.NoWorkerRunIds[0], c => c.GetProperty("evidence").GetString()!.Contains(Facts.NoWorkerActionId, StringComparison.Ordinal));
        AssertGroup(groups, "WORKER_PAUSED", Facts.PausedWorkerRunIds[0], c => Workers(c).SequenceEqual([paused]));
        AssertGroup(groups, "WORKER_INACTIVE", Facts.StuckRunId, c => Workers(c).SequenceEqual([inactive]));
        // Reports start as slots free up (this emulator's clock is real), so the full worker's group is found by its cause.
        Assert.Contains(groups, g => g.GetProperty("causes").EnumerateArray().Any(c => c.GetProperty("kind").GetString() == "WORKERS_FULL" && Workers(c).SequenceEqual([full])));
        AssertGroup(groups, "RATE_LIMIT_EXHAUSTED", Facts.RateLimitedRunIds[0],
            c => c.GetProperty("rateLimitKeys").EnumerateArray().Select(k => k.GetString()).SequenceEqual([Facts.ExhaustedRateLimitKey]));
        AssertGroup(groups, "CONCURRENCY_LIMIT", Facts.ConcurrencyQueuedRunIds[0], c => c.GetProperty("basis").GetString() == "HEURISTIC");
        Assert.Equal(Facts.RateLimitedRunIds.Count, groups.Single(g => Kinds(g).Contains("RATE_LIMIT_EXHAUSTED")).GetProperty("runs").GetInt32());
        foreach (var name in new[] { paused, inactive, full, Facts.ExhaustedRateLimitKey, Facts.NoWorkerActionId, "CONCURRENCY LIMIT" })
        {
            Assert.Contains(name, answer.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_threshold_leaves_out_runs_that_have_not_waited_that_long_and_the_counts_say_what_they_count()
    {
        var answer = await fixture.Server.CallAsync("find_stuck_runs", """{"older_than":"50m"}""");

        var structured = answer.Structured;
        var runIds = structured.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("exampleRunIds").EnumerateArray()).Select(e => e.GetGuid()).ToList();
        Assert.Contains(Facts.NoWorkerRunIds[0], runIds);  // queued 52 minutes ago
        Assert.DoesNotContain(Facts.NoWorkerRunIds[1], runIds); // queued 21 minutes ago
        Assert.DoesNotContain(Facts.RateLimitedRunIds[0], runIds); // 38 minutes
        Assert.True(structured.GetProperty("tasksScanned").GetInt32() >= structured.GetProperty("runsStuck").GetInt32());
        Assert.Contains("QUEUED or RUNNING for over 50m", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workflow_narrows_the_scan_to_its_runs()
    {
        var answer = await fixture.Server.CallAsync("find_stuck_runs", $$"""{"older_than":"1m","workflow":"{{Facts.ConcurrencyWorkflowName}}"}""");

        var groups = answer.Structured.GetProperty("groups").EnumerateArray().ToList();
        Assert.All(groups, g => Assert.Equal(Facts.ConcurrencyWorkflowName, g.GetProperty("workflow").GetString()));
        Assert.Contains(groups, g => Kinds(g).Contains("CONCURRENCY_LIMIT"));
        Assert.Contains(groups, g => Kinds(g).Contains("STILL_RUNNING") && g.GetProperty("exampleRunIds")[0].GetGuid() == Facts.ConcurrencyRunningRunId);
    }

    [Fact]
    public async Task Groups_cut_to_the_output_budget_are_counted_and_text_and_structured_content_keep_the_same_groups()
    {
        var all = (await fixture.Server.CallAsync("find_stuck_runs", """{"older_than":"1m"}""")).Structured.GetProperty("groups").GetArrayLength();
        await using var small = await fixture.ConnectAsync(output: new HatchetMcp.Tools.ToolOutputOptions { MaxTextBytes = 2_000 });

        var answer = await small.CallAsync("find_stuck_runs", """{"older_than":"1m"}""");

        var shown = answer.Structured.GetProperty("groups").GetArrayLength();
        Assert.InRange(shown, 1, all - 1);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(answer.Text) <= 2_000, answer.Text);
        Assert.Equal(shown, answer.Text.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d+\. ")));
        Assert.StartsWith($"{all - shown} groups left out", answer.Structured.GetProperty("cut").GetString(), StringComparison.Ordinal);
        Assert.Contains($"… {all - shown} more groups not shown", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ten minutes")]
    [InlineData("0m")]
    [InlineData("30d")]
    public async Task A_bad_threshold_is_a_tool_error_naming_the_argument_and_its_form(string value)
    {
        var answer = await fixture.Server.CallAsync("find_stuck_runs", $$"""{"older_than":"{{value}}"}""");

        Assert.True(answer.IsError);
        Assert.Contains("older_than must be a duration", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grouping_every_stuck_run_costs_a_bounded_number_of_requests()
    {
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await fixture.Server.CallAsync("find_stuck_runs", """{"older_than":"1m"}""");

        Assert.False(answer.IsError, answer.Text);
        var requests = fixture.Emulator.Hooks.Requests;
        Assert.Single(requests, r => r.Path.EndsWith("/worker", StringComparison.Ordinal));
        Assert.Single(requests, r => r.Path.EndsWith("/rate-limits", StringComparison.Ordinal));
        Assert.InRange(requests.Count(r => r.Path.EndsWith("/task-events", StringComparison.Ordinal)), 0, HatchetMcp.Findings.ProgressBlockers.MaxEventReads);
        Assert.InRange(requests.Count, 1, 40);
    }

    private static IEnumerable<string> Kinds(JsonElement group) =>
        group.GetProperty("causes").EnumerateArray().Select(c => c.GetProperty("kind").GetString()!);

    private static IEnumerable<string> Workers(JsonElement cause) =>
        cause.TryGetProperty("workers", out var w) ? w.EnumerateArray().Select(x => x.GetString()!) : [];

    private static void AssertGroup(List<JsonElement> groups, string kind, Guid exampleRun, Func<JsonElement, bool> evidence)
    {
        var group = groups.FirstOrDefault(g => g.GetProperty("exampleRunIds").EnumerateArray().Any(e => e.GetGuid() == exampleRun));
        Assert.True(group.ValueKind == JsonValueKind.Object, $"no group shows run {exampleRun} as an example");
        var cause = group.GetProperty("causes").EnumerateArray().FirstOrDefault(c => c.GetProperty("kind").GetString() == kind);
        Assert.True(cause.ValueKind == JsonValueKind.Object, $"run {exampleRun}'s group has no {kind} cause: {group}");
        Assert.True(evidence(cause), $"{kind} evidence: {cause}");
    }

    private async Task<string> WorkerNameAsync(Guid id)
    {
        var answer = await fixture.Server.CallAsync("get_worker", $$"""{"worker_id":"{{id}}"}""");
        return answer.Structured.GetProperty("name").GetString()!;
    }
}
