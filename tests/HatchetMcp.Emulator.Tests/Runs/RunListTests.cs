using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Runs;

/// <summary>GET /api/v1/stable/tenants/{tenant}/workflow-runs: required params, each filter, ordering, paging (§5.3, §4, §1.5).</summary>
public sealed class RunListTests(SharedEmulator shared)
{
    private readonly EmulatorHost host = shared.Host;

    [Fact]
    public async Task Since_is_required()
    {
        var response = await host.Api.GetAsync(Routes.Runs(host.Tenant, "only_tasks=false"));

        Assert.Equal(400, response.Status);
        Assert.Equal("Invalid format for parameter since: query parameter 'since' is required", response.Message);
    }

    [Fact]
    public async Task Only_tasks_is_required()
    {
        var response = await host.Api.GetAsync(Routes.Runs(host.Tenant, $"since={Wire.Time(host.LongAgo)}"));

        Assert.Equal(400, response.Status);
        Assert.Contains("only_tasks", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_since_answers_400_with_the_binding_message()
    {
        var response = await host.Api.GetAsync(Routes.Runs(host.Tenant, "since=yesterday&only_tasks=false"));

        Assert.Equal(400, response.Status);
        Assert.StartsWith("Invalid format for parameter since:", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unescaped_plus_offset_in_since_answers_400()
    {
        var response = await host.Api.GetAsync(Routes.Runs(host.Tenant, "since=2026-08-20T00:00:00+00:00&only_tasks=false"));

        Assert.Equal(400, response.Status);
        Assert.StartsWith("Invalid format for parameter since: error parsing '2026-08-20T00:00:00 00:00' as RFC3339 or 2006-01-02 time", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_only_since_is_accepted()
    {
        var since = host.Clock.GetUtcNow().AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var rows = Wire.Objects((await host.Api.GetAsync(Routes.Runs(host.Tenant, $"since={since}&only_tasks=false&limit=500"))).Expect(200).Rows).ToList();

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.True(Wire.ParseTime(r["metadata"]!["createdAt"]) >= DateTimeOffset.Parse(since + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Runs_are_listed_newest_first()
    {
        var rows = await RowsAsync(false, "&limit=200");

        var created = rows.Select(r => Wire.ParseTime(r["metadata"]!["createdAt"])).ToList();
        Assert.True(created.Count > 10);
        Assert.Equal(created.OrderByDescending(c => c).ToList(), created);
    }

    [Fact]
    public async Task Since_and_until_bound_the_creation_time()
    {
        var now = host.Clock.GetUtcNow();
        var since = now.AddHours(-30);
        var until = now.AddHours(-6);

        var rows = await RowsAsync(false, $"&until={Wire.Time(until)}&limit=1000", since);

        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            var created = Wire.ParseTime(r["metadata"]!["createdAt"]);
            Assert.InRange(created, since, until);
        });
    }

    [Fact]
    public async Task The_statuses_filter_keeps_only_those_statuses()
    {
        var failed = await RowsAsync(false, "&statuses=FAILED&limit=500");
        var finalBad = await RowsAsync(false, "&statuses=FAILED&statuses=CANCELLED&limit=500");

        Assert.NotEmpty(failed);
        Assert.All(failed, r => Assert.Equal("FAILED", Wire.Str(r["status"])));
        Assert.All(finalBad, r => Assert.Contains(Wire.Str(r["status"]), new[] { "FAILED", "CANCELLED" }));
        Assert.Contains(finalBad, r => Wire.Str(r["status"]) == "CANCELLED");
    }

    [Fact]
    public async Task The_workflow_ids_filter_keeps_only_that_workflow()
    {
        var workflowId = await WorkflowIdAsync(host.Facts.DagWorkflowName);

        var rows = await RowsAsync(false, $"&workflow_ids={workflowId}&limit=200");

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(workflowId.ToString(), Wire.Str(r["workflowId"])));
    }

    [Fact]
    public async Task The_additional_metadata_filter_matches_a_key_value_pair()
    {
        var sample = (await RowsAsync(false, "&limit=200"))
            .SelectMany(r => (r["additionalMetadata"] as JsonObject ?? []).Select(kv => (kv.Key, Value: kv.Value?.ToString())))
            .First(kv => kv.Value is not null);

        var rows = await RowsAsync(false, $"&additional_metadata={Wire.Q(sample.Key + ":" + sample.Value)}&limit=500");

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(sample.Value, r["additionalMetadata"]?[sample.Key]?.ToString()));
    }

    [Fact]
    public async Task Several_metadata_pairs_match_any_pair_by_default_and_all_pairs_with_and()
    {
        var rows = await RowsAsync(false, "&limit=300");
        var first = rows.Select(r => r["additionalMetadata"] as JsonObject).First(m => m is { Count: >= 2 })!;
        var pairA = first.ElementAt(0);
        var pairB = rows.Select(r => r["additionalMetadata"] as JsonObject ?? [])
            .SelectMany(m => m).First(kv => kv.Key != pairA.Key && !(first.ContainsKey(kv.Key) && first[kv.Key]!.ToString() == kv.Value!.ToString()));
        var query = $"&additional_metadata={Wire.Q($"{pairA.Key}:{pairA.Value}")}&additional_metadata={Wire.Q($"{pairB.Key}:{pairB.Value}")}&limit=1000";
        bool Has(JsonObject r, KeyValuePair<string, JsonNode?> kv) => r["additionalMetadata"]?[kv.Key]?.ToString() == kv.Value!.ToString();

        var any = await RowsAsync(false, query);
        var all = await RowsAsync(false, query + "&additional_metadata_operator=AND");

        Assert.All(any, r => Assert.True(Has(r, pairA) || Has(r, pairB)));
        Assert.Contains(any, r => Has(r, pairA) && !Has(r, pairB));
        Assert.All(all, r => Assert.True(Has(r, pairA) && Has(r, pairB)));
        Assert.True(all.Count < any.Count);
    }

    [Fact]
    public async Task The_worker_filter_applies_only_to_task_rows()
    {
        var allTasks = await RowsAsync(true, "&limit=5000");
        var workerTasks = await RowsAsync(true, $"&worker_id={host.Facts.SaturatedWorkerId}&limit=5000");
        var allRuns = await RowsAsync(false, "&limit=100");
        var runsWithWorker = await RowsAsync(false, $"&worker_id={host.Facts.SaturatedWorkerId}&limit=100");

        Assert.NotEmpty(workerTasks);
        Assert.True(workerTasks.Count < allTasks.Count);
        Assert.Equal(Ids(allRuns), Ids(runsWithWorker));
    }

    [Fact]
    public async Task The_parent_task_filter_applies_only_to_run_rows()
    {
        var parent = Guid.NewGuid();
        var runs = await RowsAsync(false, $"&parent_task_external_id={parent}&limit=100");
        var tasks = await RowsAsync(true, $"&parent_task_external_id={parent}&limit=100");
        var allTasks = await RowsAsync(true, "&limit=100");

        Assert.Empty(runs);
        Assert.Equal(Ids(allTasks), Ids(tasks));
    }

    [Fact]
    public async Task The_triggering_event_filter_keeps_the_runs_that_event_triggered()
    {
        var events = (await host.Api.GetAsync(Routes.Events(host.Tenant, $"?since={Wire.Time(host.LongAgo)}&limit=500"))).Expect(200).Rows;
        var evt = Wire.Objects(events).FirstOrDefault(e => e["triggeredRuns"] is JsonArray { Count: > 0 })
            ?? throw new Xunit.Sdk.XunitException("no seeded event triggered a run");
        var triggered = evt["triggeredRuns"]!.AsArray().Select(t => Wire.Str(t!["workflowRunId"])).ToHashSet();

        var rows = await RowsAsync(false, $"&triggering_event_external_id={Wire.Id(evt)}&limit=100");

        Assert.Equal(triggered, rows.Select(r => Wire.Str(r["metadata"]!["id"])).ToHashSet());
    }

    [Fact]
    public async Task A_zero_limit_answers_500()
    {
        var response = await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, false, "&limit=0"));

        Assert.Equal(500, response.Status);
        Assert.Equal("Internal Server Error", response.Message);
    }

    [Fact]
    public async Task Pagination_counts_pages_and_next_page_is_always_current_plus_one()
    {
        var first = (await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, false, "&limit=100"))).Expect(200);
        var pages = Wire.Int(first.Object["pagination"]!["num_pages"]);
        var lastOffset = (pages - 1) * 100;
        var last = (await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, false, $"&limit=100&offset={lastOffset}"))).Expect(200);

        Assert.True(pages > 1);
        Assert.Equal(1, Wire.Int(first.Object["pagination"]!["current_page"]));
        Assert.Equal(2, Wire.Int(first.Object["pagination"]!["next_page"]));
        Assert.Equal(pages, Wire.Int(last.Object["pagination"]!["current_page"]));
        Assert.Equal(pages + 1, Wire.Int(last.Object["pagination"]!["next_page"]));
        Assert.Equal(pages, Wire.Int(last.Object["pagination"]!["num_pages"]));
        Assert.InRange(last.Rows.Count, 1, 100);
    }

    [Fact]
    public async Task Consecutive_pages_do_not_overlap()
    {
        var first = await RowsAsync(false, "&limit=25");
        var second = await RowsAsync(false, "&limit=25&offset=25");
        var both = await RowsAsync(false, "&limit=50");

        Assert.Equal(25, first.Count);
        Assert.Empty(Ids(first).Intersect(Ids(second)));
        Assert.Equal(Ids(both), Ids(first).Concat(Ids(second)).ToList());
    }

    [Fact]
    public async Task The_default_limit_is_fifty()
    {
        var rows = await RowsAsync(false, "");

        Assert.Equal(50, rows.Count);
    }

    [Fact]
    public async Task Run_rows_share_one_id_across_metadata_task_and_run_and_have_no_action()
    {
        var rows = await RowsAsync(false, "&limit=100");

        Assert.All(rows, r =>
        {
            var id = Wire.Str(r["metadata"]!["id"]);
            Assert.Equal(id, Wire.Str(r["taskExternalId"]));
            Assert.Equal(id, Wire.Str(r["workflowRunExternalId"]));
            Assert.Equal("", Wire.Str(r["actionId"]));
            Assert.Equal(0, Wire.Int(r["numSpawnedChildren"]));
            Assert.True(r.ContainsKey("errorMessage"), "errorMessage is absent");
        });
    }

    [Fact]
    public async Task Dag_run_rows_carry_their_tasks_as_children_with_zero_task_id()
    {
        var workflowId = await WorkflowIdAsync(host.Facts.DagWorkflowName);

        var rows = await RowsAsync(false, $"&workflow_ids={workflowId}&limit=20");

        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            Assert.Equal(0, Wire.Int(r["taskId"]));
            Assert.Equal(Guid.Empty.ToString(), Wire.Str(r["stepId"]));
            Assert.True(r["children"] is JsonArray { Count: > 0 }, $"DAG row without children: {r.ToJsonString()}");
        });
    }

    [Fact]
    public async Task Task_rows_are_typed_task_with_their_action_and_owning_run()
    {
        var rows = await RowsAsync(true, "&limit=100");

        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            Assert.Equal("TASK", Wire.Str(r["type"]));
            Assert.NotEqual("", Wire.Str(r["actionId"]));
            Assert.True(Wire.Int(r["taskId"]) > 0);
            Assert.True(Guid.TryParse(Wire.Str(r["workflowRunExternalId"]), out _));
        });
        Assert.Contains(rows, r => Wire.Str(r["workflowRunExternalId"]) != Wire.Str(r["taskExternalId"]));
    }

    [Fact]
    public async Task Inputs_and_outputs_are_always_objects()
    {
        var rows = await RowsAsync(true, "&limit=200&include_payloads=true");

        Assert.All(rows, r =>
        {
            Assert.IsType<JsonObject>(r["input"]);
            Assert.IsType<JsonObject>(r["output"]);
        });
    }

    [Fact]
    public async Task Unknown_query_parameters_are_ignored()
    {
        var plain = await RowsAsync(false, "&limit=30");
        var extra = await RowsAsync(false, "&limit=30&includeOrchestratorEvents=true&whatever=1");

        Assert.Equal(Ids(plain), Ids(extra));
    }

    private async Task<List<JsonObject>> RowsAsync(bool onlyTasks, string extra, DateTimeOffset? since = null)
    {
        var response = (await host.Api.GetAsync(Routes.RunsSince(host.Tenant, since ?? host.LongAgo, onlyTasks, extra))).Expect(200);
        return Wire.Objects(response.Rows).ToList();
    }

    private async Task<Guid> WorkflowIdAsync(string name)
    {
        var workflows = (await host.Api.GetAsync(Routes.Workflows(host.Tenant, $"?name={Wire.Q(name)}"))).Expect(200);
        return Wire.Id(Wire.Objects(workflows.Rows).Single(w => Wire.Str(w["name"]) == name));
    }

    private static List<string> Ids(IEnumerable<JsonObject> rows) => rows.Select(r => Wire.Str(r["metadata"]!["id"])).ToList();
}
