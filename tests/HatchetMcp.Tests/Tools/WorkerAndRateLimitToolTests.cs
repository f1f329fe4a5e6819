using System.Text.Json;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>get_worker and list_rate_limits against the default scenario: the findings it was built to contain.</summary>
public sealed class WorkerAndRateLimitToolTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>
{
    private Emulator.ScenarioFacts Facts => fixture.Emulator.Facts;

    private Task<ToolAnswer> Call(string tool, string args = "{}") => fixture.Server.CallAsync(tool, args);

    private Task<ToolAnswer> GetWorker(Guid id) => Call("get_worker", $$"""{"worker_id":"{{id}}"}""");

    [Fact]
    public async Task Get_worker_on_the_saturated_worker_says_FULL_with_its_slots_by_type()
    {
        var answer = await GetWorker(Facts.SaturatedWorkerId);

        Assert.False(answer.IsError, answer.Text);
        Assert.Equal("ACTIVE", answer.Structured.GetProperty("status").GetString());
        Assert.True(answer.Structured.GetProperty("full").GetBoolean());
        var taskSlots = answer.Structured.GetProperty("slots").EnumerateArray().Single(s => s.GetProperty("type").GetString() == "default");
        Assert.Equal(0, taskSlots.GetProperty("available").GetInt32());
        var limit = taskSlots.GetProperty("limit").GetInt32();
        Assert.True(limit > 0);
        Assert.Contains($"default {limit}/{limit}", answer.Text, StringComparison.Ordinal);
        Assert.Contains("FULL", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_worker_lists_its_actions_and_the_workflows_registered_on_it()
    {
        var answer = await GetWorker(Facts.SaturatedWorkerId);

        Assert.False(answer.IsError, answer.Text);
        var actions = answer.Structured.GetProperty("actions").EnumerateArray().Select(a => a.GetString()!).ToList();
        Assert.NotEmpty(actions);
        Assert.Equal(answer.Structured.GetProperty("actionsCount").GetInt32(), actions.Count);
        Assert.All(actions, a => Assert.Contains(a, answer.Text, StringComparison.Ordinal));
        var workflows = answer.Structured.GetProperty("registeredWorkflows").EnumerateArray().ToList();
        Assert.NotEmpty(workflows);
        Assert.All(workflows, w => Assert.Contains(w.GetProperty("name").GetString()!, answer.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_worker_on_the_paused_worker_says_PAUSED_and_why()
    {
        var answer = await GetWorker(Facts.PausedWorkerId);

        Assert.False(answer.IsError, answer.Text);
        Assert.Equal("PAUSED", answer.Structured.GetProperty("status").GetString());
        Assert.Contains("until resumed", answer.Structured.GetProperty("statusReason").GetString(), StringComparison.Ordinal);
        Assert.Contains("| PAUSED: takes no new tasks until resumed", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_worker_on_the_inactive_worker_says_INACTIVE_with_how_long_it_has_had_no_heartbeat()
    {
        var answer = await GetWorker(Facts.InactiveWorkerId);

        Assert.False(answer.IsError, answer.Text);
        Assert.Equal("INACTIVE", answer.Structured.GetProperty("status").GetString());
        var age = answer.Structured.GetProperty("heartbeatAgeSeconds").GetInt64();
        Assert.True(age > 5, $"heartbeat age {age} s");
        Assert.Contains("INACTIVE: no heartbeat for ", answer.Text, StringComparison.Ordinal);
        Assert.Contains("last heartbeat ", answer.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Get_worker_with_an_unknown_id_is_a_tool_error_that_says_where_worker_ids_come_from()
    {
        var unknown = Guid.Parse("6f1c2a9e-0d1b-4c3a-9e8f-7a6b5c4d3e2f");

        var answer = await GetWorker(unknown);

        Assert.True(answer.IsError);
        Assert.Contains($"no worker with id {unknown}", answer.Text, StringComparison.Ordinal);
        Assert.Contains("list_workers", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("../tenants")]
    [InlineData(" ")]
    public async Task Get_worker_with_a_bad_id_is_a_tool_error_naming_worker_id_and_sends_nothing(string bad)
    {
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await Call("get_worker", $$"""{"worker_id":{{JsonSerializer.Serialize(bad, TestJson.Default.String)}}}""");

        Assert.True(answer.IsError);
        Assert.Contains("worker_id", answer.Text, StringComparison.Ordinal);
        Assert.Contains("UUID", answer.Text, StringComparison.Ordinal);
        Assert.Empty(fixture.Requests("/workers/"));
    }

    [Fact]
    public async Task List_rate_limits_flags_the_nearly_exhausted_limit_with_its_numbers_and_threshold()
    {
        var answer = await Call("list_rate_limits");

        Assert.False(answer.IsError, answer.Text);
        var rows = answer.Structured.GetProperty("rateLimits").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!);
        var nearly = rows[Facts.NearlyExhaustedRateLimitKey];
        Assert.Equal("NEARLY_EXHAUSTED", nearly.GetProperty("finding").GetString());
        var limit = nearly.GetProperty("limit").GetInt32();
        var remaining = nearly.GetProperty("remaining").GetInt32();
        Assert.Equal(limit - remaining, nearly.GetProperty("used").GetInt32());
        Assert.True(remaining > 0 && remaining <= limit / 10);
        Assert.Equal("EXHAUSTED", rows[Facts.ExhaustedRateLimitKey].GetProperty("finding").GetString());
        Assert.All(rows.Values.Where(r => r.GetProperty("key").GetString() is { } key && key != Facts.NearlyExhaustedRateLimitKey && key != Facts.ExhaustedRateLimitKey),
            r => Assert.False(r.TryGetProperty("finding", out _), r.GetRawText()));
        var line = answer.Text.Split('\n').Single(l => l.StartsWith(Facts.NearlyExhaustedRateLimitKey + " |", StringComparison.Ordinal));
        Assert.Contains($"{limit - remaining}/{limit} used", line, StringComparison.Ordinal);
        Assert.EndsWith("NEARLY EXHAUSTED", line, StringComparison.Ordinal);
        Assert.Contains("at most 10% left", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_rate_limits_passes_search_and_paging_to_hatchet_and_gives_the_next_offset()
    {
        var searched = await Call("list_rate_limits", $$"""{"search":"{{Facts.NearlyExhaustedRateLimitKey}}"}""");
        var firstPage = await Call("list_rate_limits", """{"limit":1}""");

        Assert.False(searched.IsError, searched.Text);
        Assert.Equal([Facts.NearlyExhaustedRateLimitKey],
            searched.Structured.GetProperty("rateLimits").EnumerateArray().Select(r => r.GetProperty("key").GetString()));
        Assert.False(firstPage.IsError, firstPage.Text);
        Assert.Equal(1, firstPage.Structured.GetProperty("page").GetProperty("nextOffset").GetInt32());
        Assert.Contains("offset=1", firstPage.Text, StringComparison.Ordinal);
    }
}
