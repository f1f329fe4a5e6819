using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HatchetMcp.Tools;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>
/// Answers cut to a budget say exactly what they left out and where to continue, their structured content carries the
/// same rows as their text, and summaries say what they count and over what.
/// </summary>
public sealed partial class AnswerScopeTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>
{
    private const int SmallBudget = 4_000;

    private Emulator.ScenarioFacts Facts => fixture.Emulator.Facts;

    private static string Json(string value) => JsonSerializer.Serialize(value, TestJson.Default.String);

    private static List<Guid> TextRowIds(string text) =>
        text.Split('\n').Select(l => RunRowLine().Match(l)).Where(m => m.Success).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();

    private static List<Guid> StructuredIds(ToolAnswer answer, string list) =>
        answer.Structured.GetProperty(list).EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();

    [Fact]
    public async Task A_page_cut_by_the_budget_continues_at_the_first_run_not_shown_and_carries_only_the_shown_runs()
    {
        await using var small = await fixture.ConnectAsync(output: new ToolOutputOptions { MaxTextBytes = SmallBudget });
        await using var large = await fixture.ConnectAsync(output: new ToolOutputOptions { MaxTextBytes = 2_000_000 });
        var everything = StructuredIds(await large.CallAsync("list_runs", """{"since":"7d","limit":200}"""), "runs");

        var cut = await small.CallAsync("list_runs", """{"since":"7d","limit":200}""");

        var shownInText = TextRowIds(cut.Text);
        Assert.InRange(shownInText.Count, 1, 199);
        Assert.Equal(shownInText, StructuredIds(cut, "runs"));
        Assert.Equal(everything.Take(shownInText.Count), shownInText);
        var page = cut.Structured.GetProperty("page");
        Assert.Equal(shownInText.Count, page.GetProperty("nextOffset").GetInt32());
        Assert.Equal(shownInText.Count, page.GetProperty("returned").GetInt32());
        Assert.Contains("Narrow with", page.GetProperty("cut").GetString(), StringComparison.Ordinal);
        Assert.Contains($"showing 1-{shownInText.Count} ", cut.Text, StringComparison.Ordinal);
        Assert.Contains($"Next page: offset={shownInText.Count}.", cut.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("offset=200", cut.Text, StringComparison.Ordinal);

        var next = await small.CallAsync("list_runs", $$"""{"since":"7d","limit":200,"offset":{{shownInText.Count}}}""");
        Assert.Equal(everything[shownInText.Count], TextRowIds(next.Text)[0]);
    }

    [Fact]
    public async Task Structured_content_of_every_read_tool_stays_within_the_budget_beside_its_fixed_header()
    {
        await using var small = await fixture.ConnectAsync(output: new ToolOutputOptions { MaxTextBytes = SmallBudget });
        (string Tool, string Args, string List)[] calls =
        [
            ("list_runs", """{"since":"7d","limit":500}""", "runs"),
            ("list_workflows", """{"limit":200}""", "workflows"),
            ("list_workers", "{}", "workers"),
            ("get_run_logs", $$"""{"run_id":"{{Facts.SampleDagRunId}}","limit":1000}""", "lines"),
            ("get_run", $$"""{"run_id":"{{Facts.SampleDagRunId}}"}""", "tasks"),
            ("get_queue_metrics", """{"top":100}""", "deepestQueues"),
        ];

        foreach (var (tool, args, list) in calls)
        {
            var answer = await small.CallAsync(tool, args);
            var total = Encoding.UTF8.GetByteCount(answer.Structured.GetRawText());
            var rows = Encoding.UTF8.GetByteCount(answer.Structured.GetProperty(list).GetRawText());
            Assert.True(rows <= SmallBudget, $"{tool}: {rows} bytes of {list} in a {SmallBudget}-byte budget");
            Assert.True(total - rows <= SmallBudget, $"{tool}: {total - rows} bytes beside {list}");
        }
    }

    [Fact]
    public async Task Logs_cut_by_the_budget_carry_the_shown_lines_and_say_how_to_reach_the_older_ones()
    {
        await using var small = await fixture.ConnectAsync(output: new ToolOutputOptions { MaxTextBytes = ToolOutputOptions.MinimumMaxTextBytes });
        var all = await fixture.Server.CallAsync("get_run_logs", $$"""{"run_id":"{{Facts.SampleDagRunId}}","limit":1000}""");
        var allMessages = all.Structured.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("message").GetString()!).ToList();

        var cut = await small.CallAsync("get_run_logs", $$"""{"run_id":"{{Facts.SampleDagRunId}}","limit":1000}""");

        var shown = cut.Structured.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("message").GetString()!).ToList();
        Assert.InRange(shown.Count, 1, allMessages.Count - 1);
        Assert.Equal(allMessages.TakeLast(shown.Count), shown);
        var textLines = cut.Text.Split('\n').Where(l => shown.Any(m => l.Contains(m, StringComparison.Ordinal))).Count();
        Assert.Equal(shown.Count, textLines);
        Assert.Equal(allMessages.Count - shown.Count, cut.Structured.GetProperty("olderLinesCut").GetInt32());
        var until = cut.Structured.GetProperty("olderLinesUntil").GetString()!;
        Assert.Contains($"until={until}", cut.Text, StringComparison.Ordinal);

        var older = await fixture.Server.CallAsync("get_run_logs", $$"""{"run_id":"{{Facts.SampleDagRunId}}","limit":1000,"until":"{{until}}"}""");
        Assert.Equal(allMessages.SkipLast(shown.Count), older.Structured.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Queue_metrics_for_a_workflow_list_only_its_queues_and_count_runs()
    {
        var stuckWorkflow = Facts.StuckActionId[..Facts.StuckActionId.IndexOf(':', StringComparison.Ordinal)];

        var own = await fixture.Server.CallAsync("get_queue_metrics", $$"""{"workflow":{{Json(stuckWorkflow)}},"top":100}""");
        var other = await fixture.Server.CallAsync("get_queue_metrics", $$"""{"workflow":{{Json(Facts.DagWorkflowName)}},"top":100}""");

        var ownQueues = own.Structured.GetProperty("deepestQueues").EnumerateArray().Select(q => q.GetProperty("queue").GetString()!).ToList();
        Assert.Contains(Facts.StuckActionId, ownQueues, StringComparer.OrdinalIgnoreCase);
        Assert.All(ownQueues, q => Assert.StartsWith(stuckWorkflow + ":", q, StringComparison.OrdinalIgnoreCase));
        var otherQueues = other.Structured.GetProperty("deepestQueues").EnumerateArray().Select(q => q.GetProperty("queue").GetString()!).ToList();
        Assert.DoesNotContain(Facts.StuckActionId, otherQueues, StringComparer.OrdinalIgnoreCase);
        Assert.Contains($"Queues now of workflow {stuckWorkflow}", own.Text, StringComparison.Ordinal);

        // A DAG run has several tasks; Hatchet's task-metrics counts each run once, by the run's status.
        var runs = await fixture.Server.CallAsync("list_runs", $$"""{"workflow":{{Json(Facts.DagWorkflowName)}},"limit":500}""");
        var runCounts = other.Structured.GetProperty("runCounts").EnumerateObject().Sum(p => p.Value.GetInt64());
        Assert.Equal(runs.Structured.GetProperty("page").GetProperty("matched").GetProperty("exact").GetInt64(), runCounts);
        Assert.StartsWith($"Runs of workflow {Facts.DagWorkflowName} created since", other.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queue_served_only_by_full_workers_says_full_and_names_them()
    {
        using var http = new HttpClient { BaseAddress = fixture.Emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fixture.Emulator.Token);
        using var workers = JsonDocument.Parse(await http.GetStringAsync(
            $"/api/v1/tenants/{fixture.Emulator.TenantId}/worker", TestContext.Current.CancellationToken));
        var saturated = workers.RootElement.GetProperty("rows").EnumerateArray()
            .Single(w => w.GetProperty("metadata").GetProperty("id").GetGuid() == Facts.SaturatedWorkerId);
        var name = saturated.GetProperty("name").GetString()!;
        var actions = saturated.GetProperty("actions").EnumerateArray().Select(a => a.GetString()!.ToLowerInvariant()).ToHashSet();

        var answer = await fixture.Server.CallAsync("get_queue_metrics", """{"top":100}""");

        var queue = answer.Structured.GetProperty("deepestQueues").EnumerateArray()
            .Single(q => actions.Contains(q.GetProperty("queue").GetString()!.ToLowerInvariant()));
        Assert.Equal("FULL", queue.GetProperty("capacity").GetString());
        Assert.Contains(name, queue.GetProperty("fullWorkers").EnumerateArray().Select(w => w.GetString()));
        var line = answer.Text.Split('\n').Single(l => l.TrimStart().StartsWith(queue.GetProperty("queue").GetString()! + ":", StringComparison.Ordinal));
        Assert.Contains("FULL", line, StringComparison.Ordinal);
        Assert.Contains(name, line, StringComparison.Ordinal);
        Assert.DoesNotContain("1 active worker", line, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}) \|")]
    private static partial Regex RunRowLine();
}
