using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Scenario;

/// <summary>The realistic scenario's facts hold when read over HTTP (issue 2, seeded scenarios).</summary>
public sealed class ScenarioFactTests(SharedEmulator shared)
{
    private readonly EmulatorHost host = shared.Host;

    [Fact]
    public async Task The_failing_workflow_fails_every_run_since_the_deploy_with_its_signature()
    {
        var workflowId = await WorkflowIdAsync(host.Facts.FailingWorkflowName);
        var since = Wire.Time(host.Facts.FailingSince);
        var sinceDeploy = Wire.Objects((await host.Api.GetAsync(Routes.Runs(host.Tenant, $"since={since}&only_tasks=false&workflow_ids={workflowId}&limit=1000"))).Expect(200).Rows).ToList();
        var finished = sinceDeploy.Where(r => RunWatch.FinalStatuses.Contains(Wire.Str(r["status"]))).ToList();
        var before = Wire.Objects((await host.Api.GetAsync(Routes.Runs(host.Tenant, $"since={Wire.Time(host.LongAgo)}&until={since}&only_tasks=false&workflow_ids={workflowId}&limit=1000"))).Expect(200).Rows).ToList();

        Assert.True(finished.Count >= 3, $"only {finished.Count} finished runs since the deploy");
        Assert.All(finished, r => Assert.Equal("FAILED", Wire.Str(r["status"])));
        Assert.Contains(before, r => Wire.Str(r["status"]) == "COMPLETED");
        var failedTask = Wire.Objects((await host.Api.GetAsync(Routes.Runs(host.Tenant, $"since={since}&only_tasks=true&workflow_ids={workflowId}&statuses=FAILED&limit=20"))).Expect(200).Rows).First();
        Assert.Contains(host.Facts.FailingErrorSignature, Wire.Str(failedTask["errorMessage"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_failing_signature_appears_in_the_failed_tasks_error_logs()
    {
        var workflowId = await WorkflowIdAsync(host.Facts.FailingWorkflowName);
        var failedTask = Wire.Objects((await host.Api.GetAsync(Routes.Runs(host.Tenant, $"since={Wire.Time(host.Facts.FailingSince)}&only_tasks=true&workflow_ids={workflowId}&statuses=FAILED&limit=5"))).Expect(200).Rows).First();

        var errors = (await host.Api.GetAsync(Routes.TaskLogs(Guid.Parse(Wire.Str(failedTask["taskExternalId"])), "?levels=ERROR&limit=1000"))).Expect(200).Rows;

        Assert.Contains(errors, l => Wire.Str(l!["message"]).Contains(host.Facts.FailingErrorSignature, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_stuck_runs_task_waits_on_the_stuck_action()
    {
        var task = (await host.Api.GetAsync(Routes.Task(host.Facts.StuckRunId))).Expect(200).Object;

        Assert.Equal("QUEUED", Wire.Str(task["status"]));
        Assert.Equal(host.Facts.StuckActionId, Wire.Str(task["actionId"]));
    }

    [Fact]
    public async Task Runs_span_about_two_days_with_a_realistic_status_mix()
    {
        var metrics = (await host.Api.GetAsync(Routes.TaskMetrics(host.Tenant, $"since={Wire.Time(host.LongAgo)}"))).Expect(200).Json.AsArray()
            .ToDictionary(m => Wire.Str(m!["status"]), m => Wire.Int(m!["count"]));
        var oldest = (await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: false, "&limit=1&offset=2000"))).Expect(200);

        Assert.True(metrics["COMPLETED"] > metrics["FAILED"], "most tasks complete");
        Assert.True(metrics["FAILED"] > 0 && metrics["CANCELLED"] > 0 && metrics["RUNNING"] > 0 && metrics["QUEUED"] > 0, string.Join(",", metrics));
        Assert.True(Wire.Int(oldest.Object["pagination"]!["num_pages"]) >= 2000, "a few thousand runs");
        var oldestRun = (await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: false, $"&limit=1&offset={Wire.Int(oldest.Object["pagination"]!["num_pages"]) - 1}"))).Expect(200).Rows[0];
        Assert.InRange(host.Clock.GetUtcNow() - Wire.ParseTime(oldestRun!["metadata"]!["createdAt"]), TimeSpan.FromHours(40), TimeSpan.FromHours(50));
    }

    [Fact]
    public async Task Runs_carry_customer_ids_in_their_additional_metadata()
    {
        var rows = Wire.Objects((await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: false, "&limit=200"))).Expect(200).Rows);

        Assert.Contains(rows, r => r["additionalMetadata"] is JsonObject meta && meta.Any(kv => kv.Key.Contains("customer", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Some_tasks_were_retried()
    {
        var rows = Wire.Objects((await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: true, "&limit=10000"))).Expect(200).Rows);

        Assert.Contains(rows, r => Wire.Int(r["retryCount"]) >= 1);
    }

    [Fact]
    public async Task The_realistic_tenant_has_about_eight_workflows_of_both_kinds()
    {
        var workflows = (await host.Api.GetAsync(Routes.Workflows(host.Tenant))).Expect(200).Rows;

        Assert.InRange(workflows.Count, 6, 12);
    }

    private async Task<Guid> WorkflowIdAsync(string name)
    {
        var workflows = (await host.Api.GetAsync(Routes.Workflows(host.Tenant, $"?name={Wire.Q(name)}"))).Expect(200);
        return Wire.Id(Wire.Objects(workflows.Rows).Single(w => Wire.Str(w["name"]) == name));
    }
}
