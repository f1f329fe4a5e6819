using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Mutations;

/// <summary>POST …/workflow-runs/trigger and the life of the new run (§5.8, the living engine).</summary>
public sealed class TriggerTests
{
    [Fact]
    public async Task An_unknown_workflow_name_answers_400_workflow_names_not_found()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 50);

        var response = await host.Api.PostAsync(Routes.Trigger(host.Tenant), Body("nope"));

        Assert.Equal(400, response.Status);
        Assert.Equal("workflow names not found: nope", response.ErrorDescription);
    }

    [Fact]
    public async Task A_triggered_run_answers_full_details_queued_with_its_input_and_metadata()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 50);
        var body = Body(host.Facts.SingleTaskWorkflowName);
        body["input"] = new JsonObject { ["order"] = 42 };
        body["additionalMetadata"] = new JsonObject { ["customer_id"] = "cust-9" };

        var details = (await host.Api.PostAsync(Routes.Trigger(host.Tenant), body)).Expect(200).Object;

        var run = details["run"]!;
        Assert.Equal("QUEUED", Wire.Str(run["status"]));
        Assert.Equal(42, Wire.Int(run["input"]!["order"]));
        Assert.Equal("cust-9", Wire.Str(run["additionalMetadata"]!["customer_id"]));
        Assert.Equal(host.Clock.GetUtcNow(), Wire.ParseTime(run["metadata"]!["createdAt"]));
        Assert.StartsWith(host.Facts.SingleTaskWorkflowName + "-", Wire.Str(run["displayName"]), StringComparison.Ordinal);
        Assert.Single(details["tasks"]!.AsArray());
    }

    [Fact]
    public async Task A_triggered_run_is_listed_first()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 50);
        host.Clock.Advance(TimeSpan.FromSeconds(1));

        var id = Wire.Id((await host.Api.PostAsync(Routes.Trigger(host.Tenant), Body(host.Facts.DagWorkflowName))).Expect(200).Object["run"]);
        var first = (await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: false, "&limit=1"))).Expect(200).Rows[0];

        Assert.Equal(id, Wire.Id(first));
    }

    [Fact]
    public async Task Return_only_id_answers_an_id_that_run_get_then_finds()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 50);
        var body = Body(host.Facts.SingleTaskWorkflowName);
        body["return_only_id"] = true;

        var id = Wire.Id((await host.Api.PostAsync(Routes.Trigger(host.Tenant), body)).Expect(200).Object["run"]);
        var run = await host.Api.GetAsync(Routes.Run(id));

        Assert.Equal(200, run.Status);
    }

    [Fact]
    public async Task A_new_run_moves_from_queued_to_running_to_completed_as_time_advances()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 50);
        var histories = new List<List<string>>();
        for (var i = 0; i < 3; i++)
        {
            var id = Wire.Id((await host.Api.PostAsync(Routes.Trigger(host.Tenant), Body(host.Facts.SingleTaskWorkflowName))).Expect(200).Object["run"]);
            var history = await RunWatch.AdvanceUntilAsync(host, id, s => s != "QUEUED", TimeSpan.FromMilliseconds(10), 1000);
            history.AddRange((await RunWatch.AdvanceUntilAsync(host, id, s => RunWatch.FinalStatuses.Contains(s), TimeSpan.FromMilliseconds(250), 4000)).Skip(1));
            histories.Add(history);
        }

        Assert.All(histories, h =>
        {
            Assert.Equal("QUEUED", h[0]);
            Assert.Equal("RUNNING", h[1]);
            Assert.Contains(h[^1], RunWatch.FinalStatuses);
        });
        Assert.Contains(histories, h => h.SequenceEqual(["QUEUED", "RUNNING", "COMPLETED"]));
    }

    [Fact]
    public async Task A_finished_task_has_written_log_lines_and_started_and_finished_events()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 50);
        var id = Wire.Id((await host.Api.PostAsync(Routes.Trigger(host.Tenant), Body(host.Facts.SingleTaskWorkflowName))).Expect(200).Object["run"]);
        var before = (await host.Api.GetAsync(Routes.TaskLogs(id))).Expect(200).Rows.Count;

        await RunWatch.AdvanceUntilAsync(host, id, s => RunWatch.FinalStatuses.Contains(s), TimeSpan.FromMilliseconds(250), 4000);
        var logs = (await host.Api.GetAsync(Routes.TaskLogs(id, "?limit=1000"))).Expect(200).Rows;
        var events = (await host.Api.GetAsync(Routes.TaskEvents(id))).Expect(200).Rows.Select(e => Wire.Str(e!["eventType"])).ToList();

        Assert.Equal(0, before);
        Assert.NotEmpty(logs);
        Assert.Contains("STARTED", events);
        Assert.True(events.Contains("FINISHED") || events.Contains("FAILED") || events.Contains("TIMED_OUT"), string.Join(",", events));
    }

    [Fact]
    public async Task A_dag_childs_task_starts_only_after_its_parent_finishes()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 50);
        var id = Wire.Id((await host.Api.PostAsync(Routes.Trigger(host.Tenant), Body(host.Facts.DagWorkflowName))).Expect(200).Object["run"]);

        var shapeAtStart = (await host.Api.GetAsync(Routes.Run(id))).Expect(200).Object;
        await RunWatch.AdvanceUntilAsync(host, id, s => RunWatch.FinalStatuses.Contains(s), TimeSpan.FromMilliseconds(250), 4000);
        var timings = Wire.Objects((await host.Api.GetAsync(Routes.RunTaskTimings(id))).Expect(200).Rows).ToList();
        var details = (await host.Api.GetAsync(Routes.Run(id))).Expect(200).Object;

        Assert.True(shapeAtStart["tasks"]!.AsArray().Count < shapeAtStart["shape"]!.AsArray().Count, "children exist before their parents finish");
        var taskByStep = details["shape"]!.AsArray().ToDictionary(s => Wire.Str(s!["stepId"]), s => Wire.Str(s!["taskExternalId"]));
        foreach (var step in details["shape"]!.AsArray())
        {
            var parent = timings.SingleOrDefault(t => Wire.Str(t["taskExternalId"]) == Wire.Str(step!["taskExternalId"]));
            foreach (var childStep in step!["childrenStepIds"]!.AsArray())
            {
                var child = timings.SingleOrDefault(t => Wire.Str(t["taskExternalId"]) == taskByStep[Wire.Str(childStep)]);
                if (parent is null || child is null || child["startedAt"] is null)
                {
                    continue;
                }

                Assert.True(Wire.ParseTime(child["startedAt"]) >= Wire.ParseTime(parent["finishedAt"]), "a child started before its parent finished");
            }
        }
    }

    [Fact]
    public async Task A_new_run_of_the_failing_workflow_fails_with_its_signature()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 50);
        var id = Wire.Id((await host.Api.PostAsync(Routes.Trigger(host.Tenant), Body(host.Facts.FailingWorkflowName))).Expect(200).Object["run"]);

        var history = await RunWatch.AdvanceUntilAsync(host, id, s => RunWatch.FinalStatuses.Contains(s), TimeSpan.FromMilliseconds(500), 4000);
        var tasks = (await host.Api.GetAsync(Routes.Run(id))).Expect(200).Object["tasks"]!.AsArray();

        Assert.Equal("FAILED", history[^1]);
        Assert.Contains(tasks, t => Wire.Str(t!["errorMessage"]).Contains(host.Facts.FailingErrorSignature, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_run_for_the_stuck_action_stays_queued_with_no_worker()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 50);
        var stuck = (await host.Api.GetAsync(Routes.Run(host.Facts.StuckRunId))).Expect(200).Object;
        var workflowName = Wire.Str(stuck["tasks"]![0]!["workflowName"]);
        var id = Wire.Id((await host.Api.PostAsync(Routes.Trigger(host.Tenant), Body(workflowName))).Expect(200).Object["run"]);

        host.Clock.Advance(TimeSpan.FromMinutes(2));
        var status = await RunWatch.StatusAsync(host, id);
        var events = (await host.Api.GetAsync(Routes.RunTaskEvents(id))).Expect(200).Rows.Select(e => Wire.Str(e!["eventType"])).ToList();

        Assert.Equal("QUEUED", status);
        Assert.Contains("REQUEUED_NO_WORKER", events);
    }

    private static JsonObject Body(string workflowName) => new() { ["workflowName"] = workflowName, ["input"] = new JsonObject() };
}
