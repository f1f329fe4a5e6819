using System.Text.Json;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>
/// Every answer that names a run, a workflow or a worker links to it in the Hatchet dashboard: an answer about one
/// thing prints its full link once; a list prints one line with the route and leaves the id as a placeholder, and
/// each structured row carries its full <c>url</c>. Without HATCHET_DASHBOARD_URL the dashboard is the API's origin.
/// </summary>
public sealed class DashboardLinkToolTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>
{
    private HatchetMcp.Emulator.ScenarioFacts Facts => fixture.Emulator.Facts;

    /// <summary>The API base's origin, then the tenant: the default dashboard root.</summary>
    private string Root => $"{fixture.Emulator.BaseUrl.GetLeftPart(UriPartial.Authority)}/tenants/{Facts.TenantId:D}";

    [Fact]
    public async Task List_answers_give_the_route_once_in_text_and_every_row_its_own_url()
    {
        var cases = new (string Tool, string Args, string Rows, string Route, string Placeholder)[]
        {
            ("list_runs", "{}", "runs", "runs", "<run id>"),
            ("list_runs", """{"statuses":["FAILED"],"since":"7d"}""", "runs", "runs", "<run id>"),
            ("list_workflows", "{}", "workflows", "workflows", "<workflow id>"),
            ("list_workers", "{}", "workers", "workers", "<worker id>"),
        };
        foreach (var (tool, args, rowsProperty, route, placeholder) in cases)
        {
            var answer = await fixture.Server.CallAsync(tool, args);

            var pattern = $"Dashboard: {Root}/{route}/{placeholder}";
            Assert.Equal(1, Occurrences(answer.Text, pattern));
            var rows = answer.Structured.GetProperty(rowsProperty).EnumerateArray().ToList();
            Assert.True(rows.Count > 0, $"{tool} {args}: no rows to check");
            // The text pays for the route once, not for a link per row.
            Assert.DoesNotContain(rows[0].GetProperty("url").GetString()!, answer.Text, StringComparison.Ordinal);
            foreach (var row in rows)
            {
                Assert.Equal($"{Root}/{route}/{row.GetProperty("id").GetGuid():D}", row.GetProperty("url").GetString());
            }
        }
    }

    [Fact]
    public async Task Answers_about_one_run_workflow_or_worker_print_its_full_link_and_carry_it()
    {
        var failing = await fixture.Server.CallAsync("get_workflow", $$"""{"workflow":"{{Facts.FailingWorkflowName}}"}""");
        var failingId = failing.Structured.GetProperty("id").GetGuid();
        var cases = new (string Tool, string Args, string Expected)[]
        {
            ("get_run", $$"""{"run_id":"{{Facts.SampleDagRunId}}"}""", $"{Root}/runs/{Facts.SampleDagRunId:D}"),
            // A task inside a DAG run: the page looks the id up as a task.
            ("get_run", $$"""{"run_id":"{{Facts.SampleDagChildTaskId}}"}""", $"{Root}/runs/{Facts.SampleDagChildTaskId:D}"),
            ("get_run", $$"""{"run_id":"{{Facts.StuckRunId}}"}""", $"{Root}/runs/{Facts.StuckRunId:D}"),
            ("get_run_logs", $$"""{"run_id":"{{Facts.SampleDagRunId}}"}""", $"{Root}/runs/{Facts.SampleDagRunId:D}"),
            ("get_run_logs", $$"""{"run_id":"{{Facts.SampleDagChildTaskId}}"}""", $"{Root}/runs/{Facts.SampleDagChildTaskId:D}"),
            ("get_workflow", $$"""{"workflow":"{{Facts.FailingWorkflowName}}"}""", $"{Root}/workflows/{failingId:D}"),
            ("get_queue_metrics", $$"""{"workflow":"{{Facts.FailingWorkflowName}}"}""", $"{Root}/workflows/{failingId:D}"),
            ("get_worker", $$"""{"worker_id":"{{Facts.SaturatedWorkerId}}"}""", $"{Root}/workers/{Facts.SaturatedWorkerId:D}"),
            ("get_worker", $$"""{"worker_id":"{{Facts.InactiveWorkerId}}"}""", $"{Root}/workers/{Facts.InactiveWorkerId:D}"),
            ("diagnose_run", $$"""{"run_id":"{{Facts.SampleDagRunId}}"}""", $"{Root}/runs/{Facts.SampleDagRunId:D}"),
            ("diagnose_run", $$"""{"run_id":"{{Facts.StuckRunId}}"}""", $"{Root}/runs/{Facts.StuckRunId:D}"),
            ("compare_runs", $$"""{"run_id":"{{Facts.SampleDagRunId}}","other_run_id":"{{Facts.StuckRunId}}"}""", $"{Root}/runs/{Facts.SampleDagRunId:D}"),
        };
        foreach (var (tool, args, expected) in cases)
        {
            var answer = await fixture.Server.CallAsync(tool, args);

            Assert.Contains($"Dashboard: {expected}", answer.Text, StringComparison.Ordinal);
            Assert.Equal(1, Occurrences(answer.Text, expected));
            Assert.Equal(expected, answer.Structured.GetProperty("url").GetString());
        }
    }

    [Fact]
    public async Task A_worker_links_the_workflows_it_registers()
    {
        var answer = await fixture.Server.CallAsync("get_worker", $$"""{"worker_id":"{{Facts.SaturatedWorkerId}}"}""");

        var workflows = answer.Structured.GetProperty("registeredWorkflows").EnumerateArray().ToList();
        Assert.NotEmpty(workflows);
        foreach (var workflow in workflows)
        {
            Assert.Equal($"{Root}/workflows/{workflow.GetProperty("id").GetGuid():D}", workflow.GetProperty("url").GetString());
        }

        Assert.Contains($"Dashboard: {Root}/workflows/<workflow id>", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_listing_run_ids_give_the_run_route_in_text_and_as_a_template()
    {
        foreach (var (tool, args) in new[]
        {
            ("search_logs", """{"text":"billing_country","since":"7d"}"""),
            ("list_events", """{"since":"48h"}"""),
            ("find_stuck_runs", """{"older_than":"1m"}"""),
            ("summarize_failures", "{}"),
        })
        {
            var answer = await fixture.Server.CallAsync(tool, args);

            Assert.Contains($"Dashboard: {Root}/runs/<run id>", answer.Text, StringComparison.Ordinal);
            Assert.Equal($"{Root}/runs/{{runId}}", answer.Structured.GetProperty("runUrl").GetString());
        }
    }

    [Fact]
    public async Task A_failure_summary_links_each_failing_workflow()
    {
        var workflow = await fixture.Server.CallAsync("get_workflow", $$"""{"workflow":"{{Facts.FailingWorkflowName}}"}""");
        var failingId = workflow.Structured.GetProperty("id").GetGuid();

        var summary = await fixture.Server.CallAsync("summarize_failures", "{}");

        var row = summary.Structured.GetProperty("workflows").EnumerateArray()
            .Single(w => w.GetProperty("workflow").GetString() == Facts.FailingWorkflowName);
        Assert.Equal($"{Root}/workflows/{failingId:D}", row.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Crons_link_their_workflow_and_scheduled_runs_the_run_they_started()
    {
        var workflow = await fixture.Server.CallAsync("get_workflow", $$"""{"workflow":"{{Facts.SingleTaskWorkflowName}}","since":"1m"}""");
        var workflowUrl = $"{Root}/workflows/{workflow.Structured.GetProperty("id").GetGuid():D}";

        var crons = await fixture.Server.CallAsync("list_crons", $$"""{"workflow":"{{Facts.SingleTaskWorkflowName}}"}""");
        Assert.Contains($"Dashboard: {workflowUrl}", crons.Text, StringComparison.Ordinal);
        var cronRows = crons.Structured.GetProperty("crons").EnumerateArray().ToList();
        Assert.NotEmpty(cronRows);
        Assert.All(cronRows, row => Assert.Equal(workflowUrl, row.GetProperty("url").GetString()));

        var allCrons = await fixture.Server.CallAsync("list_crons");
        Assert.Contains($"Dashboard: {Root}/cron-jobs", allCrons.Text, StringComparison.Ordinal);

        var scheduled = await fixture.Server.CallAsync("list_scheduled_runs", """{"limit":200}""");
        var rows = scheduled.Structured.GetProperty("scheduled").EnumerateArray().ToList();
        Assert.Contains(rows, row => row.TryGetProperty("runId", out _));
        foreach (var row in rows)
        {
            if (row.TryGetProperty("runId", out var runId))
            {
                Assert.Equal($"{Root}/runs/{runId.GetGuid():D}", row.GetProperty("url").GetString());
            }
            else
            {
                // Not fired yet: no run, so nothing to open.
                Assert.False(row.TryGetProperty("url", out _));
            }
        }

        Assert.Contains($"Dashboard: {Root}/runs/<run id>", scheduled.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_link_the_run_they_started_and_each_target_found()
    {
        var triggered = await fixture.Server.CallAsync("trigger_workflow", $$"""{"workflow":"{{Facts.SingleTaskWorkflowName}}","input":{"to":"a@example.com","template":"welcome","customerId":"cus_1"} }""");
        var runId = triggered.Structured.GetProperty("runId").GetGuid();
        Assert.Equal($"{Root}/runs/{runId:D}", triggered.Structured.GetProperty("url").GetString());
        Assert.Contains($"Dashboard: {Root}/runs/{runId:D}", triggered.Text, StringComparison.Ordinal);

        var unknown = Guid.NewGuid();
        var cancelled = await fixture.Server.CallAsync("cancel_runs", $$"""{"run_ids":["{{runId}}","{{unknown}}"]}""");
        var results = cancelled.Structured.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetGuid());
        Assert.Equal($"{Root}/runs/{runId:D}", results[runId].GetProperty("url").GetString());
        // Hatchet does not know it: there is no page to open.
        Assert.False(results[unknown].TryGetProperty("url", out _));
        Assert.Contains($"Dashboard: {Root}/runs/<run id>", cancelled.Text, StringComparison.Ordinal);

        var failed = await fixture.Server.CallAsync("list_runs", $$"""{"statuses":["FAILED"],"workflow":"{{Facts.FailingWorkflowName}}","limit":1}""");
        var failedRun = failed.Structured.GetProperty("runs")[0].GetProperty("id").GetGuid();
        var replayed = await fixture.Server.CallAsync("replay_runs", $$"""{"run_ids":["{{failedRun}}"]}""");
        Assert.Equal($"{Root}/runs/{failedRun:D}", replayed.Structured.GetProperty("results")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task Pause_and_resume_link_the_worker_or_workflow_they_name()
    {
        // Already paused and not paused: answered without a write, and linked all the same.
        var worker = await fixture.Server.CallAsync("pause_worker", $$"""{"worker_id":"{{Facts.PausedWorkerId}}"}""");
        var workflow = await fixture.Server.CallAsync("resume_workflow", $$"""{"workflow":"{{Facts.FailingWorkflowName}}"}""");
        var workflowId = workflow.Structured.GetProperty("id").GetGuid();

        Assert.Equal($"{Root}/workers/{Facts.PausedWorkerId:D}", worker.Structured.GetProperty("url").GetString());
        Assert.Contains($"Dashboard: {Root}/workers/{Facts.PausedWorkerId:D}", worker.Text, StringComparison.Ordinal);
        Assert.Equal($"{Root}/workflows/{workflowId:D}", workflow.Structured.GetProperty("url").GetString());
        Assert.Contains($"Dashboard: {Root}/workflows/{workflowId:D}", workflow.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_id_that_would_need_escaping_is_refused_before_any_link_is_made()
    {
        foreach (var (tool, args) in new[]
        {
            ("get_run", """{"run_id":"../../settings?token=x#y"}"""),
            ("get_run_logs", """{"run_id":"a b/c"}"""),
            ("get_worker", """{"worker_id":"%2e%2e%2fadmin"}"""),
        })
        {
            var answer = await fixture.Server.CallAsync(tool, args);

            Assert.True(answer.IsError, $"{tool} {args}: {answer.Text}");
            Assert.Contains("_id", answer.Text, StringComparison.Ordinal);
            Assert.Contains("UUID", answer.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("/tenants/", answer.Text, StringComparison.Ordinal);
        }
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    internal static IEnumerable<string> PropertyNames(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    yield return property.Name;
                    foreach (var name in PropertyNames(property.Value))
                    {
                        yield return name;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var name in PropertyNames(item))
                    {
                        yield return name;
                    }
                }

                break;
        }
    }
}
