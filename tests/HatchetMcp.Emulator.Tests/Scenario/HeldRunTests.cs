using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Scenario;

/// <summary>
/// The realistic scenario holds runs for each reason a run stops progressing (issue 9), and what holds them is visible
/// over HTTP the way Hatchet shows it: task events, worker status and slots, rate limits, the version's settings.
/// </summary>
public sealed class HeldRunTests(SharedEmulator shared)
{
    private readonly EmulatorHost host = shared.Host;

    [Fact]
    public async Task Runs_held_by_the_exhausted_rate_limit_are_requeued_for_it_and_their_version_declares_it()
    {
        var facts = host.Facts;
        Assert.NotEmpty(facts.RateLimitedRunIds);
        foreach (var run in facts.RateLimitedRunIds)
        {
            Assert.Equal("QUEUED", await StatusAsync(run));
            Assert.Contains("REQUEUED_RATE_LIMIT", await EventTypesAsync(run));
        }

        var limit = Wire.Objects((await host.Api.GetAsync(Routes.RateLimits(host.Tenant, $"?search={Wire.Q(facts.ExhaustedRateLimitKey)}"))).Expect(200).Rows).Single();
        Assert.Equal(0, Wire.Int(limit["value"]));
        var details = (await host.Api.GetAsync(Routes.Run(facts.RateLimitedRunIds[0]))).Expect(200).Object;
        var declared = details["workflowConfig"]!["tasks"]!.AsArray()
            .Single(t => Wire.Str(t!["action"]) == facts.RateLimitedActionId)!["rateLimits"]!.AsArray();
        Assert.Contains(declared, r => Wire.Str(r!["key"]) == facts.ExhaustedRateLimitKey && Wire.Int(r["units"]) == 1);
    }

    [Fact]
    public async Task Runs_whose_action_no_worker_registers_are_requeued_for_lack_of_a_worker()
    {
        Assert.NotEmpty(host.Facts.NoWorkerRunIds);
        foreach (var run in host.Facts.NoWorkerRunIds)
        {
            Assert.Equal("QUEUED", await StatusAsync(run));
            Assert.Contains("REQUEUED_NO_WORKER", await EventTypesAsync(run));
        }

        Assert.Empty(await WorkersServingAsync(host.Facts.NoWorkerActionId));
    }

    [Fact]
    public async Task Runs_whose_only_worker_is_paused_wait_queued()
    {
        Assert.NotEmpty(host.Facts.PausedWorkerRunIds);
        foreach (var run in host.Facts.PausedWorkerRunIds)
        {
            Assert.Equal("QUEUED", await StatusAsync(run));
            Assert.Contains("REQUEUED_NO_WORKER", await EventTypesAsync(run));
        }

        var serving = await WorkersServingAsync(host.Facts.PausedWorkerActionId);
        Assert.Equal(host.Facts.PausedWorkerId, Wire.Id(Assert.Single(serving)));
        Assert.Equal("PAUSED", Wire.Str(serving[0]["status"]));
    }

    [Fact]
    public async Task Runs_of_a_concurrency_limited_workflow_wait_behind_the_one_running_while_its_workers_have_free_slots()
    {
        var facts = host.Facts;
        Assert.Equal("RUNNING", await StatusAsync(facts.ConcurrencyRunningRunId));
        Assert.NotEmpty(facts.ConcurrencyQueuedRunIds);
        foreach (var run in facts.ConcurrencyQueuedRunIds)
        {
            Assert.Equal("QUEUED", await StatusAsync(run));
        }

        var workflow = Wire.Objects((await host.Api.GetAsync(Routes.Workflows(host.Tenant, $"?name={Wire.Q(facts.ConcurrencyWorkflowName)}"))).Expect(200).Rows)
            .Single(w => Wire.Str(w["name"]) == facts.ConcurrencyWorkflowName);
        var version = (await host.Api.GetAsync(Routes.WorkflowVersions(Wire.Id(workflow)))).Expect(200).Object;
        var setting = Assert.Single(version["v1Concurrency"]!.AsArray())!;
        Assert.Equal(1, Wire.Int(setting["maxRuns"]));
        Assert.Equal("input.catalog", Wire.Str(setting["expression"]));
        var action = Wire.Str((await host.Api.GetAsync(Routes.Task(facts.ConcurrencyQueuedRunIds[0]))).Expect(200).Object["actionId"]);
        Assert.Contains(await WorkersServingAsync(action), w => Wire.Str(w["status"]) == "ACTIVE" && Wire.Int(w["slotConfig"]!["default"]!["available"]) > 0);
    }

    [Fact]
    public async Task Report_runs_wait_while_the_reports_worker_has_every_slot_in_use()
    {
        Assert.NotEmpty(host.Facts.SaturatedWorkerQueuedRunIds);
        Assert.Equal("QUEUED", await StatusAsync(host.Facts.SaturatedWorkerQueuedRunIds[0]));
        var worker = (await host.Api.GetAsync(Routes.Worker(host.Facts.SaturatedWorkerId))).Expect(200).Object;
        Assert.Equal(0, Wire.Int(worker["slotConfig"]!["default"]!["available"]));
    }

    private async Task<string> StatusAsync(Guid run) =>
        Wire.Str((await host.Api.GetAsync(Routes.Run(run))).Expect(200).Object["run"]!["status"]);

    private async Task<List<string>> EventTypesAsync(Guid task) =>
        (await host.Api.GetAsync(Routes.TaskEvents(task))).Expect(200).Rows.Select(e => Wire.Str(e!["eventType"])).ToList();

    private async Task<List<JsonObject>> WorkersServingAsync(string action) =>
        Wire.Objects((await host.Api.GetAsync(Routes.Workers(host.Tenant))).Expect(200).Rows)
            .Where(w => w["actions"] is JsonArray actions && actions.Any(a => Wire.Str(a) == action)).ToList();
}
