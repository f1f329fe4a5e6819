using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HatchetMcp.Tools;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>list_crons, list_scheduled_runs and list_events against the default scenario, checked against Hatchet's own lists.</summary>
public sealed class TriggerAndEventToolTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>
{
    private Emulator.ScenarioFacts Facts => fixture.Emulator.Facts;

    private Task<ToolAnswer> Call(string tool, string args = "{}") => fixture.Server.CallAsync(tool, args);

    private static string Json(string value) => JsonSerializer.Serialize(value, TestJson.Default.String);

    private static List<JsonElement> Rows(JsonElement answer, string name) => answer.GetProperty(name).EnumerateArray().ToList();

    [Fact]
    public async Task List_crons_shows_every_cron_of_the_tenant_with_expression_workflow_state_and_method()
    {
        var expected = await RawRowsAsync("/workflows/crons?limit=500");
        Assert.NotEmpty(expected);

        var answer = await Call("list_crons");

        Assert.False(answer.IsError, answer.Text);
        var shown = Rows(answer.Structured, "crons");
        Assert.Equal(expected.Count, shown.Count);
        foreach (var cron in expected)
        {
            var row = shown.Single(c => c.GetProperty("id").GetGuid() == cron.GetProperty("metadata").GetProperty("id").GetGuid());
            Assert.Equal(cron.GetProperty("name").GetString(), row.GetProperty("name").GetString());
            Assert.Equal(cron.GetProperty("cron").GetString(), row.GetProperty("expression").GetString());
            Assert.Equal(cron.GetProperty("workflowName").GetString(), row.GetProperty("workflowName").GetString());
            Assert.Equal(cron.GetProperty("enabled").GetBoolean(), row.GetProperty("enabled").GetBoolean());
            Assert.Equal(cron.GetProperty("method").GetString() == "DEFAULT" ? "code" : "API", row.GetProperty("method").GetString());
            Assert.Contains($"{cron.GetProperty("name").GetString()} | {cron.GetProperty("cron").GetString()} | {cron.GetProperty("workflowName").GetString()}", answer.Text, StringComparison.Ordinal);
        }

        Assert.Contains($"{expected.Count} matched", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_crons_of_one_workflow_shows_only_its_crons_and_says_a_disabled_one_is_disabled()
    {
        var expected = await RawRowsAsync($"/workflows/crons?workflowName={Uri.EscapeDataString(Facts.SingleTaskWorkflowName)}");
        Assert.NotEmpty(expected);

        var answer = await Call("list_crons", $$"""{"workflow":{{Json(Facts.SingleTaskWorkflowName)}}}""");

        var shown = Rows(answer.Structured, "crons");
        Assert.Equal(expected.Select(c => c.GetProperty("name").GetString()).Order(), shown.Select(c => c.GetProperty("name").GetString()).Order());
        Assert.All(shown, c => Assert.Equal(Facts.SingleTaskWorkflowName, c.GetProperty("workflowName").GetString()));
        Assert.Equal(Facts.SingleTaskWorkflowName, answer.Structured.GetProperty("workflowName").GetString());
        if (expected.Any(c => !c.GetProperty("enabled").GetBoolean()))
        {
            Assert.Contains("DISABLED", answer.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task List_crons_pages_with_offset_and_the_next_page_starts_at_the_first_cron_not_shown()
    {
        var all = Rows((await Call("list_crons")).Structured, "crons").Select(c => c.GetProperty("id").GetGuid()).ToList();
        Assert.True(all.Count >= 3);

        var first = await Call("list_crons", """{"limit":2}""");
        var next = first.Structured.GetProperty("page").GetProperty("nextOffset").GetInt32();
        var second = await Call("list_crons", $$"""{"limit":2,"offset":{{next}}}""");

        Assert.Equal(2, next);
        Assert.Contains("Next page: offset=2", first.Text, StringComparison.Ordinal);
        Assert.Equal(all.Take(2), Rows(first.Structured, "crons").Select(c => c.GetProperty("id").GetGuid()));
        Assert.Equal(all.Skip(2).Take(2), Rows(second.Structured, "crons").Select(c => c.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task List_scheduled_runs_lists_the_pending_ones_soonest_first_with_how_long_until_they_fire()
    {
        var expected = await RawRowsAsync("/workflows/scheduled?statuses=SCHEDULED&orderByField=triggerAt&orderByDirection=ASC");
        Assert.NotEmpty(expected);

        var answer = await Call("list_scheduled_runs", """{"statuses":["scheduled"]}""");

        Assert.False(answer.IsError, answer.Text);
        var shown = Rows(answer.Structured, "scheduled");
        Assert.Equal(expected.Select(s => s.GetProperty("metadata").GetProperty("id").GetGuid()), shown.Select(s => s.GetProperty("id").GetGuid()));
        Assert.All(shown, s => Assert.Equal("SCHEDULED", s.GetProperty("status").GetString()));
        Assert.All(shown, s => Assert.False(s.TryGetProperty("runId", out _)));
        Assert.All(shown, s => Assert.True(s.GetProperty("triggerAt").GetDateTimeOffset() > fixture.Emulator.Time.GetUtcNow()));
        Assert.Contains(" (in ", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fired_scheduled_run_names_the_run_it_created_and_its_status()
    {
        var expected = await RawRowsAsync("/workflows/scheduled");
        var fired = expected.Where(s => s.TryGetProperty("workflowRunId", out _)).ToList();
        Assert.NotEmpty(fired);

        var answer = await Call("list_scheduled_runs");

        var shown = Rows(answer.Structured, "scheduled");
        foreach (var s in fired)
        {
            var row = shown.Single(r => r.GetProperty("id").GetGuid() == s.GetProperty("metadata").GetProperty("id").GetGuid());
            Assert.Equal(s.GetProperty("workflowRunId").GetGuid(), row.GetProperty("runId").GetGuid());
            Assert.Equal(s.GetProperty("workflowRunStatus").GetString(), row.GetProperty("status").GetString());
            Assert.Contains($"run {s.GetProperty("workflowRunId").GetGuid()}", answer.Text, StringComparison.Ordinal);
        }

        Assert.Contains(" ago)", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_scheduled_runs_of_one_workflow_shows_only_that_workflow()
    {
        var answer = await Call("list_scheduled_runs", $$"""{"workflow":{{Json(Facts.SingleTaskWorkflowName)}}}""");

        var shown = Rows(answer.Structured, "scheduled");
        Assert.NotEmpty(shown);
        Assert.All(shown, s => Assert.Equal(Facts.SingleTaskWorkflowName, s.GetProperty("workflowName").GetString()));
    }

    [Fact]
    public async Task List_events_shows_each_event_with_the_runs_it_triggered_as_hatchet_lists_them()
    {
        var since = fixture.Emulator.Time.GetUtcNow().AddHours(-24);
        var expected = await RawRowsAsync($"/events?limit=20&since={Uri.EscapeDataString(since.ToString("O"))}", stable: true);
        Assert.NotEmpty(expected);

        var answer = await Call("list_events", """{"limit":20}""");

        Assert.False(answer.IsError, answer.Text);
        var shown = Rows(answer.Structured, "events");
        Assert.Equal(expected.Select(e => e.GetProperty("metadata").GetProperty("id").GetGuid()), shown.Select(e => e.GetProperty("id").GetGuid()));
        foreach (var (e, row) in expected.Zip(shown))
        {
            Assert.Equal(e.GetProperty("key").GetString(), row.GetProperty("key").GetString());
            var runIds = e.GetProperty("triggeredRuns").EnumerateArray().Select(r => r.GetProperty("workflowRunId").GetGuid()).ToList();
            Assert.Equal(runIds, row.GetProperty("runIds").EnumerateArray().Select(r => r.GetGuid()));
            var summary = e.GetProperty("workflowRunSummary");
            var runs = row.GetProperty("runs");
            foreach (var state in new[] { "queued", "running", "succeeded", "failed", "cancelled" })
            {
                Assert.Equal(summary.GetProperty(state).GetInt64(), runs.GetProperty(state).GetInt64());
            }

            Assert.Equal(runIds.Count, runs.GetProperty("total").GetInt64());
            foreach (var id in runIds)
            {
                Assert.Contains(id.ToString(), answer.Text, StringComparison.Ordinal);
            }
        }

        Assert.Contains(shown, e => e.GetProperty("runs").GetProperty("total").GetInt64() > 0);
    }

    [Fact]
    public async Task List_events_by_key_holds_only_that_key()
    {
        var answer = await Call("list_events", """{"keys":["audit:login"],"limit":10}""");

        var shown = Rows(answer.Structured, "events");
        Assert.NotEmpty(shown);
        Assert.All(shown, e => Assert.Equal("audit:login", e.GetProperty("key").GetString()));
        Assert.Contains("triggered no runs", answer.Text, StringComparison.Ordinal);
        Assert.Contains("keys=audit:login", Uri.UnescapeDataString(fixture.Requests("/events", "GET")[^1].Query), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_events_pages_with_offset_and_the_next_page_starts_at_the_first_event_not_shown()
    {
        var all = Rows((await Call("list_events", """{"limit":6}""")).Structured, "events").Select(e => e.GetProperty("id").GetGuid()).ToList();

        var first = await Call("list_events", """{"limit":3}""");
        var next = first.Structured.GetProperty("page").GetProperty("nextOffset").GetInt32();
        var second = await Call("list_events", $$"""{"limit":3,"offset":{{next}}}""");

        Assert.Equal(3, next);
        Assert.Equal(all.Skip(3), Rows(second.Structured, "events").Select(e => e.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task A_page_cut_to_the_text_budget_continues_at_the_first_event_not_shown()
    {
        await using var small = await fixture.ConnectAsync(output: new ToolOutputOptions { MaxTextBytes = 1_500 });

        var answer = await small.CallAsync("list_events", """{"limit":50}""");

        var shown = Rows(answer.Structured, "events");
        Assert.InRange(shown.Count, 1, 49);
        var page = answer.Structured.GetProperty("page");
        Assert.Equal(shown.Count, page.GetProperty("nextOffset").GetInt32());
        Assert.Contains($"continue with offset={shown.Count}", answer.Text, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(answer.Text) <= 1_500, answer.Text);
        var rest = await small.CallAsync("list_events", $$"""{"limit":1,"offset":{{shown.Count}}}""");
        var all = Rows((await Call("list_events", """{"limit":50}""")).Structured, "events");
        Assert.Equal(all[shown.Count].GetProperty("id").GetGuid(), Rows(rest.Structured, "events")[0].GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("list_crons", """{"limit":0}""", "limit")]
    [InlineData("list_crons", """{"offset":-1}""", "offset")]
    [InlineData("list_crons", """{"workflow":"no-such-workflow"}""", "workflow")]
    [InlineData("list_scheduled_runs", """{"statuses":["DONE"]}""", "statuses")]
    [InlineData("list_scheduled_runs", """{"limit":201}""", "limit")]
    [InlineData("list_events", """{"since":"yesterday"}""", "since")]
    [InlineData("list_events", """{"until":"soon"}""", "until")]
    [InlineData("list_events", """{"limit":-5}""", "limit")]
    public async Task Bad_arguments_are_tool_errors_naming_the_argument(string tool, string args, string argument)
    {
        var answer = await Call(tool, args);

        Assert.True(answer.IsError);
        Assert.Contains(argument, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_key_longer_than_two_hundred_characters_is_a_tool_error_naming_keys_and_reaches_no_url()
    {
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await Call("list_events", $$"""{"keys":[{{Json(new string('k', 201))}}]}""");

        Assert.True(answer.IsError);
        Assert.Contains("keys must be at most 200 characters", answer.Text, StringComparison.Ordinal);
        Assert.Empty(fixture.Requests("/events"));
    }

    private async Task<List<JsonElement>> RawRowsAsync(string pathAndQuery, bool stable = false)
    {
        using var http = new HttpClient { BaseAddress = fixture.Emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Emulator.Token);
        var prefix = stable ? $"/api/v1/stable/tenants/{Facts.TenantId}" : $"/api/v1/tenants/{Facts.TenantId}";
        using var doc = JsonDocument.Parse(await http.GetStringAsync(prefix + pathAndQuery, TestContext.Current.CancellationToken));
        return doc.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.Clone()).ToList();
    }
}
