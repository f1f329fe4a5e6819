using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Workers;

/// <summary>
/// What a pause over PATCH does to the engine: a paused workflow's new runs wait QUEUED and start once it is resumed;
/// paused workers are given no new tasks until one is resumed (§5.2, §5.6).
/// </summary>
public sealed class PauseEffectTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    private static async Task<Guid> TriggerAsync(EmulatorHost host) =>
        Wire.Id((await host.Api.PostAsync(Routes.Trigger(host.Tenant),
            new JsonObject { ["workflowName"] = host.Facts.SingleTaskWorkflowName, ["input"] = new JsonObject() })).Expect(200).Object["run"]);

    private static async Task<Guid> WorkflowIdAsync(EmulatorHost host) =>
        Wire.Id(Wire.Objects((await host.Api.GetAsync(Routes.Workflows(host.Tenant, $"?name={Wire.Q(host.Facts.SingleTaskWorkflowName)}"))).Expect(200).Rows)
            .Single(w => Wire.Str(w["name"]) == host.Facts.SingleTaskWorkflowName));

    [Fact]
    public async Task A_paused_workflows_new_run_stays_queued_and_starts_once_it_is_resumed()
    {
        await using var host = await EmulatorHost.StartAsync(scenario: "empty");
        var workflow = await WorkflowIdAsync(host);
        (await host.Api.PatchAsync(Routes.Workflow(workflow), new JsonObject
        {
            ["pause"] = new JsonObject { ["action"] = "pause", ["pausedWorkflowCronRunQueueBehavior"] = "QUEUE", ["pausedWorkflowScheduledRunQueueBehavior"] = "QUEUE", ["pausedWorkflowQueueTTL"] = "1h" },
        })).Expect(200);

        var run = await TriggerAsync(host);
        var whilePaused = await RunWatch.AdvanceUntilAsync(host, run, s => s != "QUEUED", Step, 200);
        (await host.Api.PatchAsync(Routes.Workflow(workflow), new JsonObject { ["pause"] = new JsonObject { ["action"] = "unpause" } })).Expect(200);
        var afterResume = await RunWatch.AdvanceUntilAsync(host, run, s => s != "QUEUED", Step, 200);

        Assert.Equal(["QUEUED"], whilePaused);
        Assert.NotEqual("QUEUED", afterResume[^1]);
    }

    [Theory]
    [InlineData("QUEUE", 1)]
    [InlineData("DROP", 0)]
    public async Task A_paused_workflows_cron_runs_are_created_and_held_with_QUEUE_and_not_created_with_DROP(string behaviour, int expectedRuns)
    {
        await using var host = await EmulatorHost.StartAsync(scenario: "empty");
        var workflow = await WorkflowIdAsync(host);
        var probe = $"cron-{behaviour}";
        (await host.Api.PatchAsync(Routes.Workflow(workflow), new JsonObject
        {
            ["pause"] = new JsonObject { ["action"] = "pause", ["pausedWorkflowCronRunQueueBehavior"] = behaviour, ["pausedWorkflowScheduledRunQueueBehavior"] = "QUEUE", ["pausedWorkflowQueueTTL"] = "1h" },
        })).Expect(200);
        var since = host.Clock.GetUtcNow();
        (await host.Api.PostAsync(Routes.CreateCron(host.Tenant, host.Facts.SingleTaskWorkflowName), new JsonObject
        {
            ["input"] = new JsonObject(), ["additionalMetadata"] = new JsonObject { ["probe"] = probe }, ["cronName"] = probe, ["cronExpression"] = "* * * * *",
        })).Expect(200);

        // Past the first minute boundary after the cron was created: it fires once (or is dropped).
        for (var i = 0; i < 14; i++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            (await host.Api.GetAsync(Routes.Workflow(workflow))).Expect(200);
        }

        var runs = (await host.Api.GetAsync(Routes.RunsSince(host.Tenant, since, onlyTasks: false, $"&additional_metadata={Wire.Q($"probe:{probe}")}"))).Expect(200).Rows;
        Assert.Equal(expectedRuns, runs.Count);
        Assert.All(runs, r => Assert.Equal("QUEUED", Wire.Str(r!["status"])));
    }

    [Fact]
    public async Task Paused_workers_are_given_no_new_task_until_one_is_resumed()
    {
        await using var host = await EmulatorHost.StartAsync(scenario: "empty");
        var workers = (await host.Api.GetAsync(Routes.Workers(host.Tenant))).Expect(200).Rows.Select(Wire.Id).ToList();
        foreach (var worker in workers)
        {
            (await host.Api.PatchAsync(Routes.Worker(worker), new JsonObject { ["isPaused"] = true })).Expect(200);
        }

        var run = await TriggerAsync(host);
        var whilePaused = await RunWatch.AdvanceUntilAsync(host, run, s => s != "QUEUED", Step, 200);
        foreach (var worker in workers)
        {
            (await host.Api.PatchAsync(Routes.Worker(worker), new JsonObject { ["isPaused"] = false })).Expect(200);
        }
        var afterResume = await RunWatch.AdvanceUntilAsync(host, run, s => s != "QUEUED", Step, 200);

        Assert.Equal(["QUEUED"], whilePaused);
        Assert.NotEqual("QUEUED", afterResume[^1]);
    }

    [Fact]
    public async Task Pausing_an_unknown_worker_or_workflow_answers_404_not_found()
    {
        await using var host = await EmulatorHost.StartAsync(scenario: "empty");

        var worker = (await host.Api.PatchAsync(Routes.Worker(Guid.NewGuid()), new JsonObject { ["isPaused"] = true })).Expect(404).Object;
        var workflow = (await host.Api.PatchAsync(Routes.Workflow(Guid.NewGuid()), new JsonObject { ["pause"] = new JsonObject { ["action"] = "unpause" } })).Expect(404).Object;

        Assert.Equal("not found", Wire.Str(worker["message"]));
        Assert.Equal("not found", Wire.Str(workflow["message"]));
    }
}
