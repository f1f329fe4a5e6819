using System.Net.Http.Headers;
using System.Text.Json;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>
/// search_logs against the emulator's default scenario: its counts agree with the tenant's raw log lines, matched
/// literally (so Hatchet's ILIKE wildcards % and _ in the text match only themselves), and it refuses bad arguments.
/// </summary>
public sealed class LogSearchToolTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>
{
    private Emulator.ScenarioFacts Facts => fixture.Emulator.Facts;

    private Task<ToolAnswer> Call(string args) => fixture.Server.CallAsync("search_logs", args);

    private (string Since, string Until) Window()
    {
        var now = fixture.Emulator.Time.GetUtcNow();
        return (Iso(now.AddHours(-3)), Iso(now));
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every line of the tenant in the window, read raw and unfiltered, then matched here as plain text.</summary>
    private async Task<List<JsonElement>> LinesContainingAsync(string text, string since, string until, string? level = null)
    {
        using var http = new HttpClient { BaseAddress = fixture.Emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Emulator.Token);
        var body = await http.GetStringAsync(
            $"/api/v1/stable/tenants/{fixture.Emulator.TenantId}/logs?limit=10000&since={Uri.EscapeDataString(since)}&until={Uri.EscapeDataString(until)}",
            TestContext.Current.CancellationToken);
        var all = JsonDocument.Parse(body).RootElement.GetProperty("rows").EnumerateArray().Select(r => r.Clone()).ToList();
        Assert.True(all.Count < 10000, "the window holds more lines than one raw read returns; the comparison would be partial");
        return all.Where(l => l.GetProperty("message").GetString()!.Contains(text, StringComparison.OrdinalIgnoreCase) &&
                              (level is null || l.GetProperty("level").GetString() == level)).ToList();
    }

    private static List<JsonElement> Groups(ToolAnswer answer) => answer.Structured.GetProperty("groups").EnumerateArray().ToList();

    [Fact]
    public async Task Billing_country_counts_every_matching_line_and_task_under_the_failing_workflow()
    {
        var (since, until) = Window();
        var expected = await LinesContainingAsync("billing_country", since, until);

        var answer = await Call($$"""{"text":"billing_country","since":"{{since}}","until":"{{until}}"}""");

        Assert.False(answer.IsError, answer.Text);
        Assert.NotEmpty(expected);
        var groups = Groups(answer);
        Assert.Equal(expected.Count, answer.Structured.GetProperty("linesMatched").GetInt32());
        Assert.Equal(expected.Count, groups.Sum(g => g.GetProperty("lines").GetInt32()));
        Assert.Equal(expected.Select(l => l.GetProperty("taskExternalId").GetString()).Distinct().Count(), groups.Sum(g => g.GetProperty("tasks").GetInt32()));
        var attributed = groups.Where(g => g.TryGetProperty("workflow", out _)).ToList();
        Assert.NotEmpty(attributed);
        Assert.All(attributed, g => Assert.Equal(Facts.FailingWorkflowName, g.GetProperty("workflow").GetString()));
        Assert.Equal(answer.Structured.GetProperty("unattributed").GetInt32(), groups.Except(attributed).Sum(g => g.GetProperty("lines").GetInt32()));
        Assert.All(groups, g => Assert.Contains("billing_country", g.GetProperty("sample").GetString(), StringComparison.OrdinalIgnoreCase));
        Assert.Contains($"{expected.Count} lines matched in the window", answer.Text, StringComparison.Ordinal);
        Assert.Contains(Facts.FailingWorkflowName + " / ", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_run_ids_of_a_group_open_runs_of_that_workflow()
    {
        var (since, until) = Window();
        var answer = await Call($$"""{"text":"billing_country","since":"{{since}}","until":"{{until}}"}""");

        var runId = Groups(answer)[0].GetProperty("runIds")[0].GetGuid();
        var run = await fixture.Server.CallAsync("get_run", $$"""{"run_id":"{{runId}}"}""");

        Assert.Contains(Facts.FailingWorkflowName, run.Text, StringComparison.Ordinal);
        Assert.Contains("billing_country", run.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("billing%country")]
    [InlineData("billing_countr_")]
    [InlineData("100%")]
    [InlineData("loaded_input")]
    [InlineData(@"billing\_country")]
    public async Task Percent_underscore_and_backslash_in_the_text_match_only_themselves(string text)
    {
        var (since, until) = Window();
        var expected = await LinesContainingAsync(text, since, until);

        var answer = await Call(JsonSerializer.Serialize(new Dictionary<string, string> { ["text"] = text, ["since"] = since, ["until"] = until }, TestJson.Default.DictionaryStringString));

        Assert.Equal(expected.Count, answer.Structured.GetProperty("linesMatched").GetInt32());
    }

    [Fact]
    public async Task A_levels_filter_counts_only_lines_of_those_levels()
    {
        var (since, until) = Window();
        var expected = await LinesContainingAsync("attempt", since, until, level: "WARN");

        var answer = await Call($$"""{"text":"attempt","levels":["warn"],"since":"{{since}}","until":"{{until}}","limit":10000}""");

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, answer.Structured.GetProperty("linesMatched").GetInt32());
        Assert.All(Groups(answer), g => Assert.Equal(["WARN"], g.GetProperty("levels").EnumerateObject().Select(p => p.Name)));
    }

    [Fact]
    public async Task A_task_filter_keeps_only_lines_of_that_task_name_and_says_it_was_applied_here()
    {
        var (since, until) = Window();
        var all = await Call($$"""{"text":"starting","since":"{{since}}","until":"{{until}}","limit":10000}""");
        var task = Groups(all).Select(g => g.GetProperty("task").GetString()!).Distinct().Skip(1).First();

        var answer = await Call($$"""{"text":"starting","task":{{JsonSerializer.Serialize(task, TestJson.Default.String)}},"since":"{{since}}","until":"{{until}}","limit":10000}""");

        Assert.NotEmpty(Groups(answer));
        Assert.All(Groups(answer), g => Assert.Equal(task, g.GetProperty("task").GetString()));
        Assert.Equal(Groups(all).Where(g => g.GetProperty("task").GetString() == task).Sum(g => g.GetProperty("lines").GetInt32()),
            answer.Structured.GetProperty("linesMatched").GetInt32());
        Assert.Contains("task name filtered here", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_name_that_matches_no_line_read_names_the_task_names_that_did()
    {
        var answer = await Call("""{"text":"billing_country","task":"charge-paymnet","since":"7d"}""");

        Assert.Equal(0, answer.Structured.GetProperty("linesMatched").GetInt32());
        Assert.Contains("none of the", answer.Text, StringComparison.Ordinal);
        Assert.Contains(Facts.FailingWorkflowName, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scan_cut_by_the_limit_says_more_may_exist_and_how_to_reach_them()
    {
        var answer = await Call("""{"text":"starting","since":"7d","limit":5}""");

        Assert.Equal(5, answer.Structured.GetProperty("linesScanned").GetInt32());
        Assert.True(answer.Structured.GetProperty("moreMayExist").GetBoolean());
        Assert.Contains("scanned the newest 5", answer.Text, StringComparison.Ordinal);
        Assert.Contains("until=", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lines_of_tasks_beyond_the_lookup_cap_are_counted_as_unattributed_and_said_so()
    {
        var answer = await Call("""{"text":"starting","since":"7d","limit":10000}""");

        var groups = Groups(answer);
        var tasks = groups.Sum(g => g.GetProperty("tasks").GetInt32());
        Assert.True(tasks > HatchetMcp.Findings.TaskOwners.ListPage + HatchetMcp.Findings.TaskOwners.MaxLookups, $"the scenario logs 'starting' in only {tasks} tasks");
        var unattributed = answer.Structured.GetProperty("unattributed").GetInt32();
        Assert.True(unattributed > 0);
        Assert.Equal(unattributed, groups.Where(g => !g.TryGetProperty("workflow", out _)).Sum(g => g.GetProperty("lines").GetInt32()));
        Assert.Contains("could not be attributed", answer.Structured.GetProperty("cut").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"text":"x"}""", "text")]
    [InlineData("""{"text":"  "}""", "text")]
    [InlineData("""{"text":"billing","levels":["TRACE"]}""", "levels")]
    [InlineData("""{"text":"billing","limit":0}""", "limit")]
    [InlineData("""{"text":"billing","limit":10001}""", "limit")]
    [InlineData("""{"text":"billing","since":"yesterday-ish"}""", "since")]
    [InlineData("""{"text":"billing","workflow":"no-such-workflow"}""", "workflow")]
    public async Task Bad_arguments_are_tool_errors_naming_the_argument(string args, string argument)
    {
        var answer = await Call(args);

        Assert.True(answer.IsError, answer.Text);
        Assert.Contains(argument, answer.Text, StringComparison.Ordinal);
    }
}
