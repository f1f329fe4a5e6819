using System.Text.Json;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>compare_runs against the default scenario: a failure of the regressed workflow against its last success.</summary>
public sealed class CompareRunsToolTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>
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
    public async Task By_default_a_failure_is_compared_with_the_last_success_before_it_and_the_version_change_leads()
    {
        var runId = await LatestFailedRunAsync();
        var diagnosis = await Call("diagnose_run", $$"""{"run_id":"{{runId}}"}""");
        var lastSuccess = diagnosis.Structured.GetProperty("history").GetProperty("lastSuccessRunId").GetGuid();

        var answer = await Call("compare_runs", $$"""{"run_id":"{{runId}}"}""");

        var s = answer.Structured;
        Assert.Equal(lastSuccess, s.GetProperty("otherRunId").GetGuid());
        Assert.Equal("last success before it", s.GetProperty("otherChosen").GetString());
        var differences = s.GetProperty("differences").EnumerateArray().ToList();
        var version = differences.Single(d => d.GetProperty("aspect").GetString() == "version");
        Assert.Contains(Facts.FailingVersionId.ToString(), version.GetProperty("thisRun").GetString(), StringComparison.Ordinal);
        Assert.Contains(Facts.LastGoodVersionId.ToString(), version.GetProperty("otherRun").GetString(), StringComparison.Ordinal);
        var status = differences.Single(d => d.GetProperty("aspect").GetString() == "status");
        Assert.Equal("FAILED", status.GetProperty("thisRun").GetString());
        Assert.Equal("COMPLETED", status.GetProperty("otherRun").GetString());
        Assert.Contains($"  version: {version.GetProperty("thisRun").GetString()} vs {version.GetProperty("otherRun").GetString()}", answer.Text, StringComparison.Ordinal);
        Assert.Contains("workflow", s.GetProperty("identical").EnumerateArray().Select(i => i.GetString()));
        Assert.DoesNotContain(differences, d => d.GetProperty("aspect").GetString() == "workflow");
    }

    [Fact]
    public async Task The_logs_part_where_the_failure_logs_its_error_and_the_success_goes_on()
    {
        var runId = await LatestFailedRunAsync();
        var diagnosis = await Call("diagnose_run", $$"""{"run_id":"{{runId}}"}""");
        var log = diagnosis.Structured.GetProperty("log");
        var firstError = log.GetProperty("lines").EnumerateArray().First(l => l.GetProperty("level").GetString() == "ERROR");

        var answer = await Call("compare_runs", $$"""{"run_id":"{{runId}}"}""");

        var logs = answer.Structured.GetProperty("logs");
        Assert.True(logs.GetProperty("matchingLines").GetInt32() >= 1);
        var mine = logs.GetProperty("thisRun");
        Assert.Equal(firstError.GetProperty("message").GetString(), mine.GetProperty("message").GetString());
        Assert.Equal(log.GetProperty("attempt").GetInt32(), mine.GetProperty("attempt").GetInt32());
        Assert.NotEqual("ERROR", logs.GetProperty("otherRun").GetProperty("level").GetString());
        Assert.Contains($"ERROR ⟦{firstError.GetProperty("message").GetString()}⟧", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_compared_with_itself_has_no_differences_and_says_what_is_identical()
    {
        var answer = await Call("compare_runs", $$"""{"run_id":"{{Facts.SampleDagRunId}}","other_run_id":"{{Facts.SampleDagRunId}}"}""");

        Assert.Empty(answer.Structured.GetProperty("differences").EnumerateArray());
        Assert.Equal("given", answer.Structured.GetProperty("otherChosen").GetString());
        Assert.Contains("No differences found", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Identical: workflow, version, status, input, metadata, tasks", answer.Text, StringComparison.Ordinal);
        var logs = answer.Structured.GetProperty("logs");
        Assert.Equal(logs.GetProperty("thisRunLines").GetInt32(), logs.GetProperty("matchingLines").GetInt32());
        Assert.False(logs.TryGetProperty("thisRun", out _));
    }

    [Fact]
    public async Task A_bad_other_run_id_is_a_tool_error_naming_the_argument()
    {
        var answer = await Call("compare_runs", $$"""{"run_id":"{{Facts.SampleDagRunId}}","other_run_id":"nope"}""");

        Assert.True(answer.IsError);
        Assert.Contains("other_run_id", answer.Text, StringComparison.Ordinal);
    }
}
