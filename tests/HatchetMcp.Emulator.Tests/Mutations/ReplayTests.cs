using System.Globalization;
using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Mutations;

/// <summary>POST …/tasks/replay: in-place reset with the same ids, retryCount+1, RETRIED_BY_USER, DAG cascade (§4, §5.9).</summary>
public sealed class ReplayTests
{
    [Fact]
    public async Task Replay_returns_task_ids_and_resets_the_same_task_one_attempt_later()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 100);
        var run = host.Facts.SampleSingleTaskRunId;
        var before = await RunWatch.TaskAsync(host, run);
        Assert.Contains(Wire.Str(before["status"]), RunWatch.FinalStatuses);

        var response = (await host.Api.PostAsync(Routes.Replay(host.Tenant), Ids(run))).Expect(200);
        var immediately = await RunWatch.TaskAsync(host, run);
        host.Clock.Advance(TimeSpan.FromMilliseconds(400));
        var applied = await RunWatch.TaskAsync(host, run);

        Assert.Equal([run.ToString()], response.Object["ids"]!.AsArray().Select(n => Wire.Str(n)));
        Assert.Equal(Wire.Str(before["status"]), Wire.Str(immediately["status"]));
        Assert.Equal(Wire.Int(before["retryCount"]), Wire.Int(immediately["retryCount"]));
        Assert.Equal(Wire.Int(before["retryCount"]) + 1, Wire.Int(applied["retryCount"]));
        Assert.Equal(Wire.Int(before["attempt"]) + 1, Wire.Int(applied["attempt"]));
        Assert.Contains(Wire.Str(applied["status"]), new[] { "QUEUED", "RUNNING" });
        Assert.Equal(run, Wire.Id(applied));
    }

    [Fact]
    public async Task A_replayed_task_is_queued_with_a_retried_by_user_event_then_runs_to_a_final_state()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 100);
        var run = host.Facts.SampleSingleTaskRunId;
        var retryBefore = Wire.Int((await RunWatch.TaskAsync(host, run))["retryCount"]);

        (await host.Api.PostAsync(Routes.Replay(host.Tenant), Ids(run))).Expect(200);
        var history = new List<string>();
        for (var i = 0; i < 6000; i++)
        {
            host.Clock.Advance(TimeSpan.FromMilliseconds(10));
            var task = await RunWatch.TaskAsync(host, run);
            var status = Wire.Str(task["status"]);
            if (history.Count == 0 || history[^1] != status)
            {
                history.Add(status);
            }

            if (Wire.Int(task["retryCount"]) == retryBefore + 1 && status is "COMPLETED" or "FAILED")
            {
                break;
            }
        }

        var events = Wire.Objects((await host.Api.GetAsync(Routes.TaskEvents(run))).Expect(200).Rows)
            .Where(e => Wire.Int(e["retryCount"]) == retryBefore + 1 || Wire.Str(e["eventType"]) == "RETRIED_BY_USER")
            .Select(e => Wire.Str(e["eventType"]))
            .ToList();

        Assert.Contains(history[^1], new[] { "COMPLETED", "FAILED" });
        Assert.Contains("RUNNING", history);
        var retried = events.IndexOf("RETRIED_BY_USER");
        var queued = events.IndexOf("QUEUED");
        var started = events.IndexOf("STARTED");
        Assert.True(retried >= 0 && queued > retried && started > queued, string.Join(",", events));
    }

    [Fact]
    public async Task Replaying_a_dag_task_replays_its_descendants_and_sets_the_run_running()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 100);
        var dag = host.Facts.SampleDagRunId;
        var details = (await host.Api.GetAsync(Routes.Run(dag))).Expect(200).Object;
        Assert.Contains(Wire.Str(details["run"]!["status"]), RunWatch.FinalStatuses);
        var shape = details["shape"]!.AsArray();
        var root = shape.First(s => s!["childrenStepIds"]!.AsArray().Count > 0 && Wire.Str(s["taskExternalId"]) != Guid.Empty.ToString())!;
        var created = details["tasks"]!.AsArray().Select(t => Wire.Str(t!["taskExternalId"])).ToHashSet();
        var descendants = Descendants(shape, Wire.Str(root["stepId"])).Where(created.Contains).ToList();
        var retryBefore = details["tasks"]!.AsArray().ToDictionary(t => Wire.Str(t!["taskExternalId"]), t => Wire.Int(t!["retryCount"]));

        var response = (await host.Api.PostAsync(Routes.Replay(host.Tenant), Ids(Guid.Parse(Wire.Str(root["taskExternalId"]))))).Expect(200);
        host.Clock.Advance(TimeSpan.FromMilliseconds(310));
        var after = (await host.Api.GetAsync(Routes.Run(dag))).Expect(200).Object;

        var returned = response.Object["ids"]!.AsArray().Select(n => Wire.Str(n)).ToHashSet();
        Assert.Contains(Wire.Str(root["taskExternalId"]), returned);
        Assert.Subset(returned, descendants.ToHashSet());
        Assert.Equal("RUNNING", Wire.Str(after["run"]!["status"]));
        foreach (var task in after["tasks"]!.AsArray().Where(t => returned.Contains(Wire.Str(t!["taskExternalId"]))))
        {
            Assert.Equal(retryBefore[Wire.Str(task!["taskExternalId"])] + 1, Wire.Int(task["retryCount"]));
        }
    }

    [Fact]
    public async Task Replay_by_run_id_expands_to_all_its_tasks_and_drops_unknown_ids()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 100);
        var details = (await host.Api.GetAsync(Routes.Run(host.Facts.SampleDagRunId))).Expect(200).Object;
        var tasks = details["tasks"]!.AsArray().Select(t => Wire.Str(t!["taskExternalId"])).ToHashSet();

        var response = (await host.Api.PostAsync(Routes.Replay(host.Tenant), Ids(host.Facts.SampleDagRunId, Guid.NewGuid()))).Expect(200);

        Assert.Equal(tasks, response.Object["ids"]!.AsArray().Select(n => Wire.Str(n)).ToHashSet());
    }

    [Fact]
    public async Task Replay_by_filter_selects_the_tasks_of_matching_runs()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 100);
        var since = host.Clock.GetUtcNow().AddHours(-6);
        var failedRuns = Wire.Objects((await host.Api.GetAsync(Routes.RunsSince(host.Tenant, since, onlyTasks: false, "&statuses=FAILED&limit=1000"))).Expect(200).Rows)
            .Select(Wire.Id).ToList();

        var response = (await host.Api.PostAsync(Routes.Replay(host.Tenant), new JsonObject
        {
            ["filter"] = new JsonObject { ["since"] = since.ToString("O", CultureInfo.InvariantCulture), ["statuses"] = Wire.Array("FAILED") },
        })).Expect(200);

        var returned = response.Object["ids"]!.AsArray().Select(n => Wire.Str(n)).ToHashSet();
        Assert.NotEmpty(failedRuns);
        foreach (var run in failedRuns.Take(5))
        {
            var tasks = (await host.Api.GetAsync(Routes.Run(run))).Expect(200).Object["tasks"]!.AsArray().Select(t => Wire.Str(t!["taskExternalId"]));
            Assert.Subset(returned, tasks.ToHashSet());
        }
    }

    [Fact]
    public async Task A_running_task_is_not_replayed()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 50);
        var run = Wire.Id((await host.Api.PostAsync(Routes.Trigger(host.Tenant), new JsonObject { ["workflowName"] = host.Facts.SingleTaskWorkflowName, ["input"] = new JsonObject() })).Expect(200).Object["run"]);
        var history = await RunWatch.AdvanceUntilAsync(host, run, s => s != "QUEUED", TimeSpan.FromMilliseconds(10), 1000);
        Assert.Equal("RUNNING", history[^1]);

        var response = (await host.Api.PostAsync(Routes.Replay(host.Tenant), Ids(run))).Expect(200);

        Assert.Empty(response.Object["ids"]!.AsArray());
    }

    [Fact]
    public async Task A_dag_with_a_running_task_is_skipped_whole()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 50);
        var run = Wire.Id((await host.Api.PostAsync(Routes.Trigger(host.Tenant), new JsonObject { ["workflowName"] = host.Facts.DagWorkflowName, ["input"] = new JsonObject() })).Expect(200).Object["run"]);
        var history = await RunWatch.AdvanceUntilAsync(host, run, s => s != "QUEUED", TimeSpan.FromMilliseconds(10), 1000);
        Assert.Equal("RUNNING", history[^1]);

        var response = (await host.Api.PostAsync(Routes.Replay(host.Tenant), Ids(run))).Expect(200);

        Assert.Empty(response.Object["ids"]!.AsArray());
    }

    [Fact]
    public async Task A_bad_metadata_filter_answers_500()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 50);

        var response = await host.Api.PostAsync(Routes.Replay(host.Tenant), new JsonObject
        {
            ["filter"] = new JsonObject { ["since"] = host.LongAgo.ToString("O", CultureInfo.InvariantCulture), ["additionalMetadata"] = Wire.Array("nocolon") },
        });

        Assert.Equal(500, response.Status);
        Assert.Equal("Internal Server Error", response.Message);
    }

    [Fact]
    public async Task Both_ids_and_filter_answer_500()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 50);

        var body = Ids(host.Facts.SampleSingleTaskRunId);
        body["filter"] = new JsonObject { ["since"] = host.LongAgo.ToString("O", CultureInfo.InvariantCulture) };
        var response = await host.Api.PostAsync(Routes.Replay(host.Tenant), body);

        Assert.Equal(500, response.Status);
        Assert.Equal("Internal Server Error", response.Message);
    }

    private static JsonObject Ids(params Guid[] ids) => new() { ["externalIds"] = Wire.Array(ids.Select(g => g.ToString()).ToArray()) };

    private static IEnumerable<string> Descendants(JsonArray shape, string stepId)
    {
        var byStep = shape.ToDictionary(s => Wire.Str(s!["stepId"]), s => s!);
        var pending = new Stack<string>(byStep[stepId]["childrenStepIds"]!.AsArray().Select(c => Wire.Str(c)));
        var seen = new HashSet<string>();
        while (pending.Count > 0)
        {
            var step = pending.Pop();
            if (!seen.Add(step))
            {
                continue;
            }

            yield return Wire.Str(byStep[step]["taskExternalId"]);
            foreach (var child in byStep[step]["childrenStepIds"]!.AsArray())
            {
                pending.Push(Wire.Str(child));
            }
        }
    }
}
