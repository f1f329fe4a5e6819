using System.Text.Json;
using HatchetMcp.Shaping;
using HatchetMcp.Tools;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>summarize_failures against the default scenario: the deploy that broke a workflow, named with its evidence.</summary>
public sealed class FailureSummaryToolTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>
{
    private Emulator.ScenarioFacts Facts => fixture.Emulator.Facts;

    private static string Json(string value) => JsonSerializer.Serialize(value, TestJson.Default.String);

    [Fact]
    public async Task The_regressed_workflow_comes_first_with_its_signature_onset_count_since_and_both_versions()
    {
        var answer = await fixture.Server.CallAsync("summarize_failures");

        var workflows = answer.Structured.GetProperty("workflows");
        var regressed = workflows[0];
        Assert.Equal(Facts.FailingWorkflowName, regressed.GetProperty("workflow").GetString());
        Assert.True(regressed.GetProperty("regressed").GetBoolean());
        Assert.Equal(Facts.FailingErrorSignature, regressed.GetProperty("signatures")[0].GetProperty("signature").GetString());
        var onset = regressed.GetProperty("failingSince").GetDateTimeOffset();
        Assert.True(onset >= Facts.FailingSince, $"onset {onset} before the deploy {Facts.FailingSince}");
        Assert.True(regressed.GetProperty("lastSuccessAt").GetDateTimeOffset() < Facts.FailingSince);
        var since = regressed.GetProperty("failuresSinceSuccess").GetInt32();
        Assert.True(since >= 2);
        Assert.Equal(Facts.LastGoodVersionId, regressed.GetProperty("lastGoodVersionId").GetGuid());
        Assert.Equal(Facts.FailingVersionId, regressed.GetProperty("failingVersionId").GetGuid());

        // The text says the same: workflow, signature, onset, count since, the two versions by name.
        var text = answer.Text;
        Assert.StartsWith("Failures in the tenant", text, StringComparison.Ordinal);
        var line = text.Split('\n').First(l => l.StartsWith(Facts.FailingWorkflowName + ":", StringComparison.Ordinal));
        Assert.Contains("REGRESSED", line, StringComparison.Ordinal);
        Assert.Contains($"failing since {TimeText.Format(onset)}", line, StringComparison.Ordinal);
        Assert.Contains($"{since:N0} failures since", line, StringComparison.Ordinal);
        Assert.Contains($"last success ran {regressed.GetProperty("lastGoodVersion").GetString()} ({Facts.LastGoodVersionId})", line, StringComparison.Ordinal);
        Assert.Contains($"first failure after it {regressed.GetProperty("failingVersion").GetString()} ({Facts.FailingVersionId})", line, StringComparison.Ordinal);
        Assert.Contains($"× ⟦{Facts.FailingErrorSignature}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_failed_run_of_the_window_is_in_exactly_one_group_and_the_total_matches_list_runs()
    {
        var answer = await fixture.Server.CallAsync("summarize_failures", """{"since":"24h"}""");
        var failedRuns = await fixture.Server.CallAsync("list_runs", """{"since":"24h","statuses":["FAILED"],"limit":1}""");

        var s = answer.Structured;
        var matched = failedRuns.Structured.GetProperty("page").GetProperty("matched").GetProperty("exact").GetInt32();
        Assert.Equal(matched, s.GetProperty("failedMatched").GetInt32());
        Assert.Equal(matched, s.GetProperty("failedScanned").GetInt32());
        Assert.Equal(0, s.GetProperty("workflowsLeftOut").GetInt32());
        var workflows = s.GetProperty("workflows").EnumerateArray().ToList();
        Assert.True(workflows.Count >= 2, "the scenario fails in more than one workflow");
        Assert.Equal(matched, workflows.Sum(w => w.GetProperty("failed").GetInt32()));
        foreach (var w in workflows)
        {
            Assert.Equal(0, w.GetProperty("signaturesLeftOut").GetInt32());
            Assert.Equal(w.GetProperty("failed").GetInt32(), w.GetProperty("signatures").EnumerateArray().Sum(g => g.GetProperty("failures").GetInt32()));
            Assert.True(w.GetProperty("runs").GetInt32() >= w.GetProperty("failed").GetInt32());
            Assert.Contains(w.GetProperty("workflow").GetString() + ":", answer.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_workflow_argument_narrows_to_that_workflow_and_counts_its_runs()
    {
        var answer = await fixture.Server.CallAsync("summarize_failures", $$"""{"workflow":{{Json(Facts.FailingWorkflowName)}}}""");
        var runs = await fixture.Server.CallAsync("list_runs", $$"""{"workflow":{{Json(Facts.FailingWorkflowName)}},"limit":1}""");

        var s = answer.Structured;
        var only = Assert.Single(s.GetProperty("workflows").EnumerateArray());
        Assert.Equal(Facts.FailingWorkflowName, only.GetProperty("workflow").GetString());
        var count = runs.Structured.GetProperty("page").GetProperty("matched").GetProperty("exact").GetInt32();
        Assert.Equal(count, s.GetProperty("runsInWindow").GetInt32());
        Assert.Equal(count, only.GetProperty("runs").GetInt32());
        Assert.StartsWith($"Failures in workflow {Facts.FailingWorkflowName}", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_budget_too_small_for_every_workflow_names_the_ones_left_out_and_how_to_get_them()
    {
        var full = (await fixture.Server.CallAsync("summarize_failures")).Structured.GetProperty("workflows").EnumerateArray()
            .Select(w => w.GetProperty("workflow").GetString()!).ToList();
        await using var small = await fixture.ConnectAsync(output: new ToolOutputOptions { MaxTextBytes = ToolOutputOptions.MinimumMaxTextBytes });

        var answer = await small.CallAsync("summarize_failures");

        var s = answer.Structured;
        var shown = s.GetProperty("workflows").EnumerateArray().Select(w => w.GetProperty("workflow").GetString()!).ToList();
        var leftOut = s.GetProperty("workflowsLeftOut").GetInt32();
        Assert.True(leftOut > 0);
        Assert.Equal(full.Count, shown.Count + leftOut);
        var cut = s.GetProperty("cut").GetString()!;
        Assert.Contains("workflow=<name>", cut, StringComparison.Ordinal);
        Assert.Contains(cut, answer.Text, StringComparison.Ordinal);
        foreach (var name in full.Except(shown))
        {
            Assert.Contains(name, cut, StringComparison.Ordinal);
        }

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(answer.Text) <= ToolOutputOptions.MinimumMaxTextBytes);
    }

    [Fact]
    public async Task A_window_with_no_failures_says_so()
    {
        var answer = await fixture.Server.CallAsync("summarize_failures", """{"since":"1s"}""");

        Assert.Equal(0, answer.Structured.GetProperty("failedMatched").GetInt32());
        Assert.Empty(answer.Structured.GetProperty("workflows").EnumerateArray());
        Assert.Contains(": 0 of ", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"since":"yesterday-ish"}""", "since")]
    [InlineData("""{"workflow":"no-such-workflow"}""", "workflow")]
    public async Task A_bad_argument_is_a_tool_error_naming_it(string args, string argument)
    {
        var answer = await fixture.Server.CallAsync("summarize_failures", args);

        Assert.True(answer.IsError);
        Assert.Contains(argument, answer.Text, StringComparison.Ordinal);
    }
}
