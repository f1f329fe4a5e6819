using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>get_workflow against the default scenario: the workflow's definition, triggers and how each version has fared.</summary>
public sealed class GetWorkflowToolTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>
{
    private Emulator.ScenarioFacts Facts => fixture.Emulator.Facts;

    private Task<ToolAnswer> Call(string tool, string args) => fixture.Server.CallAsync(tool, args);

    private static string Json(string value) => JsonSerializer.Serialize(value, TestJson.Default.String);

    [Fact]
    public async Task The_regressed_workflow_shows_both_versions_with_every_run_of_the_new_one_failed()
    {
        var answer = await Call("get_workflow", $$"""{"workflow":{{Json(Facts.FailingWorkflowName)}}}""");

        var structured = answer.Structured;
        Assert.False(structured.GetProperty("paused").GetBoolean());
        Assert.Equal(Facts.FailingVersionId, structured.GetProperty("latestVersion").GetProperty("id").GetGuid());
        Assert.Contains(structured.GetProperty("tasks").EnumerateArray(), t => t.GetProperty("name").GetString() == Facts.FailingWorkflowName);
        var versions = structured.GetProperty("outcomes").GetProperty("versions").EnumerateArray().ToList();
        var failing = versions.Single(v => v.GetProperty("versionId").GetGuid() == Facts.FailingVersionId);
        var lastGood = versions.Single(v => v.GetProperty("versionId").GetGuid() == Facts.LastGoodVersionId);
        Assert.True(failing.GetProperty("failed").GetInt32() > 0);
        Assert.Equal(0, failing.GetProperty("completed").GetInt32());
        Assert.Equal(failing.GetProperty("runs").GetInt32(), failing.GetProperty("failed").GetInt32() + failing.GetProperty("active").GetInt32());
        Assert.True(lastGood.GetProperty("completed").GetInt32() > 0);
        // Both versions are named, and the text names them with their counts.
        foreach (var v in new[] { failing, lastGood })
        {
            var label = v.GetProperty("version").GetString();
            Assert.False(string.IsNullOrEmpty(label));
            Assert.Contains($"{label} (id {v.GetProperty("versionId").GetGuid()}", answer.Text, StringComparison.Ordinal);
            Assert.Contains($"{v.GetProperty("failed").GetInt32()} failed", answer.Text, StringComparison.Ordinal);
        }

        // The new version's runs all came after the old version's last one: the deploy is the boundary.
        Assert.True(failing.GetProperty("firstSeen").GetDateTimeOffset() >= Facts.FailingSince);
        Assert.True(lastGood.GetProperty("lastSeen").GetDateTimeOffset() < Facts.FailingSince);
    }

    [Fact]
    public async Task Failures_per_version_add_up_to_the_failed_runs_list_runs_counts_in_the_same_window()
    {
        var answer = await Call("get_workflow", $$"""{"workflow":{{Json(Facts.FailingWorkflowName)}},"since":"24h"}""");
        var failedRuns = await Call("list_runs", $$"""{"workflow":{{Json(Facts.FailingWorkflowName)}},"since":"24h","statuses":["FAILED"],"limit":1}""");

        var outcomes = answer.Structured.GetProperty("outcomes");
        Assert.Equal(outcomes.GetProperty("matched").GetProperty("exact").GetInt64(), outcomes.GetProperty("scanned").GetInt32());
        var failed = outcomes.GetProperty("versions").EnumerateArray().Sum(v => v.GetProperty("failed").GetInt32());
        Assert.Equal(failedRuns.Structured.GetProperty("page").GetProperty("matched").GetProperty("exact").GetInt64(), failed);
    }

    [Fact]
    public async Task A_dag_workflow_shows_its_tasks_with_their_parents_from_the_version()
    {
        var answer = await Call("get_workflow", $$"""{"workflow":{{Json(Facts.DagWorkflowName)}}}""");

        Assert.Equal("version config", answer.Structured.GetProperty("tasksSource").GetString());
        var tasks = answer.Structured.GetProperty("tasks").EnumerateArray().ToList();
        Assert.True(tasks.Count > 1);
        Assert.Contains(tasks, t => t.GetProperty("parents").GetArrayLength() == 0);
        var child = tasks.First(t => t.GetProperty("parents").GetArrayLength() > 0);
        Assert.All(child.GetProperty("parents").EnumerateArray(), p => Assert.Contains(tasks, t => t.GetProperty("name").GetString() == p.GetString()));
        Assert.Contains($"{child.GetProperty("name").GetString()} (after ", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workflow_with_crons_and_a_pending_schedule_shows_each_cron_and_the_next_scheduled_run()
    {
        using var http = Hatchet();
        using var crons = JsonDocument.Parse(await http.GetStringAsync(
            $"/api/v1/tenants/{Facts.TenantId}/workflows/crons?workflowName={Uri.EscapeDataString(Facts.SingleTaskWorkflowName)}", TestContext.Current.CancellationToken));
        var expected = crons.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.NotEmpty(expected);

        var answer = await Call("get_workflow", $$"""{"workflow":{{Json(Facts.SingleTaskWorkflowName)}}}""");

        var shown = answer.Structured.GetProperty("crons").EnumerateArray().ToList();
        foreach (var cron in expected)
        {
            var row = shown.Single(c => c.GetProperty("name").GetString() == cron.GetProperty("name").GetString());
            Assert.Equal(cron.GetProperty("cron").GetString(), row.GetProperty("expression").GetString());
            Assert.Equal(cron.GetProperty("enabled").GetBoolean(), row.GetProperty("enabled").GetBoolean());
            Assert.Contains($"'{cron.GetProperty("cron").GetString()}' {cron.GetProperty("name").GetString()}", answer.Text, StringComparison.Ordinal);
        }

        Assert.True(answer.Structured.GetProperty("scheduledPending").GetInt64() >= 1);
        Assert.True(answer.Structured.GetProperty("nextScheduledAt").GetDateTimeOffset() > fixture.Emulator.Time.GetUtcNow());
    }

    [Fact]
    public async Task A_paused_workflow_says_it_is_paused()
    {
        var before = await Call("get_workflow", $$"""{"workflow":{{Json(Facts.DagWorkflowName)}}}""");
        var id = before.Structured.GetProperty("id").GetGuid();
        await PauseAsync(id, "pause");
        try
        {
            var answer = await Call("get_workflow", $$"""{"workflow":"{{id}}"}""");

            Assert.True(answer.Structured.GetProperty("paused").GetBoolean());
            Assert.Contains("PAUSED", answer.Text, StringComparison.Ordinal);
        }
        finally
        {
            await PauseAsync(id, "unpause");
        }
    }

    [Fact]
    public async Task An_unknown_workflow_is_a_tool_error_naming_the_known_ones()
    {
        var answer = await Call("get_workflow", """{"workflow":"no-such-workflow"}""");

        Assert.True(answer.IsError);
        Assert.Contains("workflow: no workflow named 'no-such-workflow'", answer.Text, StringComparison.Ordinal);
        Assert.Contains(Facts.FailingWorkflowName, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_window_is_a_tool_error_naming_since()
    {
        var answer = await Call("get_workflow", $$"""{"workflow":{{Json(Facts.FailingWorkflowName)}},"since":"yesterday-ish"}""");

        Assert.True(answer.IsError);
        Assert.Contains("since", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_answer_on_the_regressed_workflow_stays_within_two_kilobytes_of_text()
    {
        var answer = await Call("get_workflow", $$"""{"workflow":{{Json(Facts.FailingWorkflowName)}}}""");

        Assert.False(answer.IsError, answer.Text);
        Assert.True(Encoding.UTF8.GetByteCount(answer.Text) <= 2048, $"{Encoding.UTF8.GetByteCount(answer.Text)} bytes:\n{answer.Text}");
    }

    private HttpClient Hatchet()
    {
        var http = new HttpClient { BaseAddress = fixture.Emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Emulator.Token);
        return http;
    }

    private async Task PauseAsync(Guid workflowId, string action)
    {
        using var http = Hatchet();
        var body = action == "pause"
            ? """{"pause":{"action":"pause","pausedWorkflowCronRunQueueBehavior":"QUEUE","pausedWorkflowScheduledRunQueueBehavior":"QUEUE","pausedWorkflowQueueTTL":"1d"}}"""
            : """{"pause":{"action":"unpause"}}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PatchAsync($"/api/v1/workflows/{workflowId}", content, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
