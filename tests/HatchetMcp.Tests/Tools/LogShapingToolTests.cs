using HatchetMcp.Hatchet;
using HatchetMcp.Tools;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Protocol;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>get_run_logs' shaping on a scripted client: repeats collapse, the newest lines survive the text budget.</summary>
public sealed class LogShapingToolTests
{
    private static readonly Guid TaskId = Guid.Parse("0b4f7a5e-2c1d-4e8f-9a3b-5d6c7e8f9a0b");
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    private static LogTools Tools(IReadOnlyList<V1LogLine> lines, int maxTextBytes = 24_000) =>
        new(new ScriptedLogClient(lines), new ToolOutputOptions { MaxTextBytes = maxTextBytes }, new FakeTimeProvider(Start.AddHours(1)), HatchetMcp.Shaping.DashboardLinks.None);

    private static V1LogLine Line(int second, string message, string level = "INFO") => new()
    {
        CreatedAt = Start.AddSeconds(second),
        Message = message,
        Level = level,
        TaskExternalId = TaskId,
        TaskDisplayName = "charge-payment",
        Attempt = 1,
    };

    [Fact]
    public async Task Consecutive_identical_lines_collapse_into_one_with_a_count_and_the_last_time()
    {
        var lines = new List<V1LogLine> { Line(0, "connecting") };
        lines.AddRange(Enumerable.Range(1, 40).Select(i => Line(i, "retrying connection to db", "WARN")));
        lines.Add(Line(60, "gave up", "ERROR"));

        var result = await Tools(lines).GetRunLogs(TaskId.ToString(), cancellationToken: TestContext.Current.CancellationToken);

        var text = Text(result);
        Assert.Contains("⟦retrying connection to db⟧ ×40 (until 03:00:40.000)", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l.Contains("retrying connection", StringComparison.Ordinal));
        Assert.Contains("42 lines", text, StringComparison.Ordinal);
        Assert.Contains("39 repeats collapsed", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_text_budget_is_small_the_newest_lines_are_kept_and_the_cut_is_announced()
    {
        var lines = Enumerable.Range(0, 300).Select(i => Line(i, $"step {i:D3} " + new string('x', 60))).ToList();

        var result = await Tools(lines, maxTextBytes: 3_000).GetRunLogs(TaskId.ToString(), limit: 300, cancellationToken: TestContext.Current.CancellationToken);

        var text = Text(result);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(text) <= 3_000);
        Assert.EndsWith("step 299 " + new string('x', 60) + "⟧", text, StringComparison.Ordinal);
        Assert.DoesNotContain("step 000", text, StringComparison.Ordinal);
        Assert.Contains("older lines left out (to fit the output budget of 3000 bytes)", text, StringComparison.Ordinal);
    }

    /// <summary>Answers get-run with one task and its log lines (newest first, as asked); everything else is unused here.</summary>
    private sealed class ScriptedLogClient(IReadOnlyList<V1LogLine> lines) : ScriptedHatchetClient
    {
        public override Task<RunLookupResult> GetRunAsync(Guid runOrTaskId, CancellationToken cancellationToken) =>
            Task.FromResult(RunLookupResult.ForTask(new V1TaskSummary
            {
                TaskExternalId = runOrTaskId,
                WorkflowRunExternalId = runOrTaskId,
                DisplayName = "charge-payment",
                Status = V1TaskStatuses.Failed,
            }));

        public override Task<V1LogLineList> ListTaskLogsAsync(Guid taskId, LogQuery query, CancellationToken cancellationToken)
        {
            var ordered = query.NewestFirst == true ? lines.OrderByDescending(l => l.CreatedAt) : lines.OrderBy(l => l.CreatedAt);
            return Task.FromResult(new V1LogLineList { Rows = ordered.Take(query.Limit ?? 50).ToList() });
        }

    }
}
