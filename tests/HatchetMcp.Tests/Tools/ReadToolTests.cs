using System.Text;
using System.Text.Json;
using HatchetMcp.Tools;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>The seven read tools through a real MCP client against the emulator: what they answer and how they refuse.</summary>
public sealed class ReadToolTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>
{
    private const string UnknownId = "6f1c2a9e-0d1b-4c3a-9e8f-7a6b5c4d3e2f";

    private Emulator.ScenarioFacts Facts => fixture.Emulator.Facts;

    private Task<ToolAnswer> Call(string tool, string args = "{}") => fixture.Server.CallAsync(tool, args);

    private static string Json(object value) => value switch
    {
        string s => JsonSerializer.Serialize(s, TestJson.Default.String),
        _ => value.ToString()!,
    };

    [Fact]
    public async Task Whoami_names_the_tenant_the_api_base_and_that_the_api_answers()
    {
        var answer = await Call("whoami");

        Assert.False(answer.IsError, answer.Text);
        Assert.Contains(Facts.TenantName, answer.Text, StringComparison.Ordinal);
        Assert.Contains(fixture.Emulator.BaseUrl.ToString().TrimEnd('/'), answer.Text, StringComparison.Ordinal);
        Assert.Contains("answers", answer.Text, StringComparison.Ordinal);
        Assert.Equal(fixture.Emulator.TenantId, answer.Structured.GetProperty("tenantId").GetGuid());
        Assert.True(answer.Structured.GetProperty("apiAnswers").GetBoolean());
        Assert.DoesNotContain(fixture.Emulator.Token, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whoami_with_another_tenants_token_reports_that_the_api_refuses_it()
    {
        await using var foreign = await fixture.ConnectAsync(token: Facts.OtherTenantToken);

        var answer = await foreign.CallAsync("whoami");

        Assert.False(answer.Structured.GetProperty("apiAnswers").GetBoolean());
        Assert.Contains("NOT answering", answer.Text, StringComparison.Ordinal);
        Assert.Contains("another tenant", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Facts.OtherTenantToken, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whoami_warns_when_the_token_expires_within_a_week()
    {
        var shortLived = fixture.Emulator.Tokens.Mint(fixture.Emulator.TenantId, TimeSpan.FromDays(2));
        await using var server = await fixture.ConnectAsync(token: shortLived);

        var answer = await server.CallAsync("whoami");

        Assert.True(answer.Structured.GetProperty("apiAnswers").GetBoolean(), answer.Text);
        Assert.Contains("renew it soon", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(shortLived, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_foreign_token_makes_other_reads_fail_with_an_actionable_tool_error()
    {
        await using var foreign = await fixture.ConnectAsync(token: Facts.OtherTenantToken);

        var answer = await foreign.CallAsync("list_runs");

        Assert.True(answer.IsError);
        Assert.Contains("another tenant", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_workflows_shows_names_ids_and_latest_versions()
    {
        var answer = await Call("list_workflows");

        Assert.False(answer.IsError, answer.Text);
        var rows = answer.Structured.GetProperty("workflows").EnumerateArray().ToList();
        Assert.Contains(rows, w => w.GetProperty("name").GetString() == Facts.DagWorkflowName);
        Assert.All(rows, w => Assert.True(w.TryGetProperty("latestVersion", out _), w.ToString()));
        Assert.Contains(Facts.FailingWorkflowName, answer.Text, StringComparison.Ordinal);
        Assert.Equal(rows.Count, answer.Structured.GetProperty("page").GetProperty("matched").GetProperty("exact").GetInt32());
    }

    [Fact]
    public async Task List_runs_of_failures_in_the_last_week_finds_the_failing_workflow_and_groups_its_error()
    {
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await Call("list_runs", """{"since":"7d","statuses":["failed"],"limit":50}""");

        Assert.False(answer.IsError, answer.Text);
        var runs = answer.Structured.GetProperty("runs").EnumerateArray().ToList();
        Assert.NotEmpty(runs);
        Assert.All(runs, r => Assert.Equal("FAILED", r.GetProperty("status").GetString()));
        Assert.Contains(runs, r => r.GetProperty("workflowName").GetString() == Facts.FailingWorkflowName
                                   && r.GetProperty("error").GetString() == Facts.FailingErrorSignature);
        Assert.Contains("Top errors on this page", answer.Text, StringComparison.Ordinal);
        Assert.Contains("matched", answer.Text, StringComparison.Ordinal);
        var query = Assert.Single(fixture.Requests("/workflow-runs", "GET")).Query;
        Assert.Contains("statuses=FAILED", query, StringComparison.Ordinal);
        Assert.Contains("since=", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_runs_resolves_a_workflow_name_to_its_id()
    {
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await Call("list_runs", $$"""{"workflow":{{Json(Facts.DagWorkflowName)}},"limit":5}""");

        Assert.False(answer.IsError, answer.Text);
        var workflowId = answer.Structured.GetProperty("workflowId").GetGuid();
        Assert.All(answer.Structured.GetProperty("runs").EnumerateArray(), r => Assert.Equal(Facts.DagWorkflowName, r.GetProperty("workflowName").GetString()));
        Assert.Contains($"workflow_ids={workflowId}", Assert.Single(fixture.Requests("/workflow-runs", "GET")).Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_workflow_name_is_a_tool_error_listing_the_known_names()
    {
        var answer = await Call("list_runs", """{"workflow":"no-such-workflow"}""");

        Assert.True(answer.IsError);
        Assert.Contains("no workflow named 'no-such-workflow'", answer.Text, StringComparison.Ordinal);
        Assert.Contains(Facts.DagWorkflowName, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_runs_pages_with_offset_and_says_where_the_next_page_starts()
    {
        var first = await Call("list_runs", """{"limit":5}""");
        var next = first.Structured.GetProperty("page").GetProperty("nextOffset").GetInt32();
        var second = await Call("list_runs", $$"""{"limit":5,"offset":{{next}}}""");

        Assert.Equal(5, next);
        Assert.Contains("Next page: offset=5", first.Text, StringComparison.Ordinal);
        var firstIds = first.Structured.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetGuid());
        var secondIds = second.Structured.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetGuid());
        Assert.Empty(firstIds.Intersect(secondIds));
    }

    [Fact]
    public async Task Metadata_filters_are_sent_to_hatchet_as_key_colon_value()
    {
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await Call("list_runs", """{"metadata":["env=production"],"limit":3}""");

        Assert.False(answer.IsError, answer.Text);
        Assert.NotEmpty(answer.Structured.GetProperty("runs").EnumerateArray());
        var query = Uri.UnescapeDataString(Assert.Single(fixture.Requests("/workflow-runs", "GET")).Query);
        Assert.Contains("additional_metadata=env:production", query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"statuses":["SUCCEEDED"]}""", "statuses")]
    [InlineData("""{"since":"yesterday"}""", "since")]
    [InlineData("""{"until":"5 minutes"}""", "until")]
    [InlineData("""{"limit":-1}""", "limit")]
    [InlineData("""{"limit":0}""", "limit")]
    [InlineData("""{"limit":501}""", "limit")]
    [InlineData("""{"offset":-3}""", "offset")]
    [InlineData("""{"metadata":["env"]}""", "metadata")]
    public async Task Bad_list_runs_arguments_are_tool_errors_naming_the_argument_and_nothing_is_asked_of_hatchet(string args, string argument)
    {
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await Call("list_runs", args);

        Assert.True(answer.IsError);
        Assert.Contains(argument, answer.Text, StringComparison.Ordinal);
        Assert.Empty(fixture.Requests("/workflow-runs"));
    }

    [Theory]
    [InlineData("list_runs", """{"statuses":"FAILED"}""", "statuses must be a JSON array")]
    [InlineData("list_runs", """{"status":["FAILED"]}""", "status is not an argument")]
    [InlineData("get_run", "{}", "run_id is required")]
    [InlineData("list_runs", """{"limit":2.5}""", "limit must be a whole number")]
    public async Task Arguments_of_the_wrong_shape_are_tool_errors_naming_the_argument(string tool, string args, string expected)
    {
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await Call(tool, args);

        Assert.True(answer.IsError);
        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
        Assert.Empty(fixture.Emulator.Hooks.Requests);
    }

    [Fact]
    public async Task Get_run_of_a_dag_shows_every_task_and_the_workflow_name()
    {
        var answer = await Call("get_run", $$"""{"run_id":"{{Facts.SampleDagRunId}}"}""");

        Assert.False(answer.IsError, answer.Text);
        var s = answer.Structured;
        Assert.Equal("run", s.GetProperty("kind").GetString());
        Assert.Equal(Facts.DagWorkflowName, s.GetProperty("workflowName").GetString());
        var tasks = s.GetProperty("tasks").EnumerateArray().ToList();
        Assert.True(tasks.Count > 1);
        Assert.Contains(tasks, t => t.GetProperty("id").GetGuid() == Facts.SampleDagChildTaskId);
        foreach (var t in tasks)
        {
            Assert.Contains(t.GetProperty("id").GetGuid().ToString(), answer.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Get_run_with_a_dag_child_task_id_shows_the_task_and_names_its_run()
    {
        var answer = await Call("get_run", $$"""{"run_id":"{{Facts.SampleDagChildTaskId}}"}""");

        Assert.False(answer.IsError, answer.Text);
        Assert.Equal("task", answer.Structured.GetProperty("kind").GetString());
        Assert.Equal(Facts.SampleDagRunId, answer.Structured.GetProperty("runId").GetGuid());
        Assert.Contains($"of run {Facts.SampleDagRunId}", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_run_of_a_failed_run_gives_the_error_line_signature_input_summary_and_metadata()
    {
        var failed = await Call("list_runs", $$"""{"since":"7d","statuses":["FAILED"],"workflow":{{Json(Facts.FailingWorkflowName)}},"limit":1}""");
        var runId = failed.Structured.GetProperty("runs")[0].GetProperty("id").GetGuid();

        var answer = await Call("get_run", $$"""{"run_id":"{{runId}}"}""");

        var s = answer.Structured;
        Assert.Equal("FAILED", s.GetProperty("status").GetString());
        Assert.Equal(Facts.FailingErrorSignature, s.GetProperty("errorSignature").GetString());
        Assert.Contains($"Error: ⟦{Facts.FailingErrorSignature}", answer.Text, StringComparison.Ordinal);
        Assert.StartsWith("{", s.GetProperty("inputSummary").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(s.GetProperty("metadata").EnumerateObject());
        Assert.All(s.GetProperty("tasks").EnumerateArray(), t => Assert.True(t.GetProperty("attempt").GetInt32() >= 1));
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("../../api/v1/tenants")]
    [InlineData("")]
    public async Task A_malformed_run_id_is_a_tool_error_and_reaches_no_url(string id)
    {
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await Call("get_run", $$"""{"run_id":{{Json(id)}}}""");

        Assert.True(answer.IsError);
        Assert.Contains("run_id", answer.Text, StringComparison.Ordinal);
        Assert.Contains("UUID", answer.Text, StringComparison.Ordinal);
        Assert.Empty(fixture.Emulator.Hooks.Requests);
    }

    [Fact]
    public async Task A_missing_run_is_a_tool_error_that_says_where_run_ids_come_from()
    {
        var answer = await Call("get_run", $$"""{"run_id":"{{UnknownId}}"}""");

        Assert.True(answer.IsError);
        Assert.Contains(UnknownId, answer.Text, StringComparison.Ordinal);
        Assert.Contains("list_runs", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_of_a_dag_run_merge_every_task_oldest_first()
    {
        var answer = await Call("get_run_logs", $$"""{"run_id":"{{Facts.SampleDagRunId}}","limit":1000}""");

        Assert.False(answer.IsError, answer.Text);
        var lines = answer.Structured.GetProperty("lines").EnumerateArray().ToList();
        Assert.True(lines.Select(l => l.GetProperty("taskId").GetGuid()).Distinct().Count() > 1);
        var times = lines.Select(l => l.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order().ToList(), times);
        Assert.Equal(0, answer.Structured.GetProperty("olderLinesCut").GetInt32());
    }

    [Fact]
    public async Task Logs_over_the_limit_keep_the_newest_lines_and_say_how_many_older_were_left_out()
    {
        var all = await Call("get_run_logs", $$"""{"run_id":"{{Facts.SampleDagRunId}}","limit":1000}""");
        var total = all.Structured.GetProperty("linesReturned").GetInt32();

        var cut = await Call("get_run_logs", $$"""{"run_id":"{{Facts.SampleDagRunId}}","limit":5}""");

        Assert.Equal(total - 5, cut.Structured.GetProperty("olderLinesCut").GetInt32());
        Assert.Contains($"{total - 5} older lines left out", cut.Text, StringComparison.Ordinal);
        var newest = all.Structured.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("message").GetString()).TakeLast(5);
        var kept = cut.Structured.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("message").GetString());
        Assert.Equal(newest, kept);
    }

    [Fact]
    public async Task Following_the_hint_for_older_log_lines_returns_exactly_the_lines_left_out()
    {
        var all = await Call("get_run_logs", $$"""{"run_id":"{{Facts.SampleDagRunId}}","limit":1000}""");
        var messages = all.Structured.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("message").GetString()).ToList();
        var cut = await Call("get_run_logs", $$"""{"run_id":"{{Facts.SampleDagRunId}}","limit":5}""");
        var until = System.Text.RegularExpressions.Regex.Match(cut.Text, @"until=(\S+),").Groups[1].Value;

        var older = await Call("get_run_logs", $$"""{"run_id":"{{Facts.SampleDagRunId}}","limit":1000,"until":"{{until}}"}""");

        // The bound is the oldest kept line's time exactly as Hatchet sent it (microseconds), not a rounded copy.
        var oldestKept = cut.Structured.GetProperty("lines")[0];
        using var http = new HttpClient { BaseAddress = fixture.Emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fixture.Emulator.Token);
        using var raw = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(
            $"/api/v1/stable/tasks/{oldestKept.GetProperty("taskId").GetGuid()}/logs?limit=1000", TestContext.Current.CancellationToken));
        var rawTime = raw.RootElement.GetProperty("rows").EnumerateArray()
            .First(r => r.GetProperty("message").GetString() == oldestKept.GetProperty("message").GetString())
            .GetProperty("createdAt").GetDateTimeOffset();
        Assert.Equal(rawTime, DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(messages.SkipLast(5), older.Structured.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Logs_of_one_task_filtered_by_level_hold_only_that_task_and_level()
    {
        var failed = await Call("list_runs", $$"""{"since":"7d","statuses":["FAILED"],"workflow":{{Json(Facts.FailingWorkflowName)}},"limit":1}""");
        var runId = failed.Structured.GetProperty("runs")[0].GetProperty("id").GetGuid();

        var answer = await Call("get_run_logs", $$"""{"run_id":"{{runId}}","levels":["error"]}""");

        var lines = answer.Structured.GetProperty("lines").EnumerateArray().ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal("ERROR", l.GetProperty("level").GetString()));
        Assert.Contains("billing_country", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_search_is_a_case_insensitive_substring_sent_to_hatchet()
    {
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await Call("get_run_logs", $$"""{"run_id":"{{Facts.SampleDagRunId}}","search":"STARTING"}""");

        var lines = answer.Structured.GetProperty("lines").EnumerateArray().ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Contains("starting", l.GetProperty("message").GetString()!, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("search=STARTING", string.Join("&", fixture.Requests("/logs", "GET").Select(r => r.Query)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_search_text_is_literal_so_percent_is_not_a_wildcard()
    {
        var failed = await Call("list_runs", $$"""{"since":"7d","statuses":["FAILED"],"workflow":{{Json(Facts.FailingWorkflowName)}},"limit":1}""");
        var runId = failed.Structured.GetProperty("runs")[0].GetProperty("id").GetGuid();

        var literal = await Call("get_run_logs", $$"""{"run_id":"{{runId}}","search":"billing_country"}""");
        var wildcard = await Call("get_run_logs", $$"""{"run_id":"{{runId}}","search":"billing%country"}""");

        Assert.NotEmpty(literal.Structured.GetProperty("lines").EnumerateArray());
        Assert.Empty(wildcard.Structured.GetProperty("lines").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"levels":["TRACE"]}""", "levels")]
    [InlineData("""{"limit":0}""", "limit")]
    [InlineData("""{"since":"soon"}""", "since")]
    public async Task Bad_log_arguments_are_tool_errors(string extra, string argument)
    {
        using var doc = JsonDocument.Parse(extra);
        var args = new StringBuilder($"{{\"run_id\":\"{Facts.SampleDagRunId}\"");
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            args.Append(',').Append(JsonSerializer.Serialize(p.Name, TestJson.Default.String)).Append(':').Append(p.Value.GetRawText());
        }

        var answer = await Call("get_run_logs", args.Append('}').ToString());

        Assert.True(answer.IsError);
        Assert.Contains(argument, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_workers_shows_status_heartbeat_slots_and_marks_full_paused_and_inactive_workers()
    {
        var answer = await Call("list_workers");

        Assert.False(answer.IsError, answer.Text);
        var workers = answer.Structured.GetProperty("workers").EnumerateArray().ToDictionary(w => w.GetProperty("id").GetGuid());
        var saturated = workers[Facts.SaturatedWorkerId];
        Assert.Equal(0, saturated.GetProperty("slotsAvailable").GetInt32());
        Assert.True(saturated.GetProperty("slotsUsed").GetInt32() > 0);
        Assert.True(workers[Facts.PausedWorkerId].GetProperty("paused").GetBoolean());
        Assert.Equal("INACTIVE", workers[Facts.InactiveWorkerId].GetProperty("status").GetString());
        Assert.Contains("FULL", answer.Text, StringComparison.Ordinal);
        Assert.Contains("heartbeat", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queue_metrics_count_runs_by_status_with_since_and_flag_a_queue_no_active_worker_serves()
    {
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await Call("get_queue_metrics");

        Assert.False(answer.IsError, answer.Text);
        var counts = answer.Structured.GetProperty("runCounts");
        Assert.True(counts.GetProperty("COMPLETED").GetInt64() > 0);
        var stuck = answer.Structured.GetProperty("deepestQueues").EnumerateArray()
            .Single(q => string.Equals(q.GetProperty("queue").GetString(), Facts.StuckActionId, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, stuck.GetProperty("activeWorkers").GetInt32());
        Assert.Contains("NO ACTIVE WORKER", answer.Text, StringComparison.Ordinal);
        Assert.Contains("since=", Assert.Single(fixture.Requests("/task-metrics")).Query, StringComparison.Ordinal);
        Assert.Single(fixture.Requests("/step-run-queue-metrics"));
        Assert.DoesNotContain(fixture.Requests("/queue-metrics"), r => !r.Path.Contains("step-run", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Text_stays_within_a_small_budget_cuts_at_a_line_and_says_how_to_narrow()
    {
        await using var small = await fixture.ConnectAsync(output: new ToolOutputOptions { MaxTextBytes = 2_000 });

        var answer = await small.CallAsync("list_runs", """{"since":"7d","limit":200}""");

        Assert.True(Encoding.UTF8.GetByteCount(answer.Text) <= 2_000 + 200, answer.Text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var shown = answer.Structured.GetProperty("runs").GetArrayLength();
        Assert.Contains($"{200 - shown} more runs of this page not shown", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Narrow with", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_answer_or_error_carries_the_token_or_any_part_of_it()
    {
        await using var foreign = await fixture.ConnectAsync(token: Facts.OtherTenantToken);
        var calls = new[]
        {
            ("whoami", "{}"), ("list_workflows", "{}"), ("list_runs", """{"limit":3}"""), ("list_workers", "{}"),
            ("get_queue_metrics", "{}"), ("get_run", $$"""{"run_id":"{{Facts.SampleDagRunId}}"}"""),
            ("get_run_logs", $$"""{"run_id":"{{Facts.SampleDagRunId}}","limit":5}"""), ("get_run", """{"run_id":"nope"}"""),
        };
        var secrets = new[] { fixture.Emulator.Token, Facts.OtherTenantToken }
            .SelectMany(t => t.Split('.').Append(t))
            .ToList();

        foreach (var server in new[] { fixture.Server, foreign })
        {
            foreach (var (tool, args) in calls)
            {
                var answer = await server.CallAsync(tool, args);
                var everything = answer.Text + (answer.Result.StructuredContent?.GetRawText() ?? string.Empty);
                foreach (var secret in secrets)
                {
                    Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task Text_content_is_lines_not_a_json_dump()
    {
        foreach (var (tool, args) in new[] { ("whoami", "{}"), ("list_workers", "{}"), ("get_queue_metrics", "{}"), ("list_runs", """{"limit":5}""") })
        {
            var answer = await Call(tool, args);
            Assert.False(answer.Text.TrimStart().StartsWith('{'), tool);
            Assert.DoesNotContain("\"metadata\":", answer.Text, StringComparison.Ordinal);
        }
    }
}
