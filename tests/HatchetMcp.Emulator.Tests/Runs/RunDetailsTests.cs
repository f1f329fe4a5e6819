using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Runs;

/// <summary>Run get, status, task-events, task-timings and task get for DAG and single-task runs (§4, §5.4, §5.5).</summary>
public sealed class RunDetailsTests(SharedEmulator shared)
{
    private readonly EmulatorHost host = shared.Host;

    [Fact]
    public async Task A_dag_run_has_one_shape_item_per_step_and_its_tasks()
    {
        var details = (await host.Api.GetAsync(Routes.Run(host.Facts.SampleDagRunId))).Expect(200).Object;

        var shape = details["shape"]!.AsArray();
        var tasks = details["tasks"]!.AsArray();
        Assert.Equal(host.Facts.SampleDagRunId, Wire.Id(details["run"]));
        Assert.True(shape.Count >= 2, "a DAG has several steps");
        Assert.InRange(tasks.Count, 1, shape.Count);
        Assert.Contains(tasks, t => Wire.Str(t!["taskExternalId"]) == host.Facts.SampleDagChildTaskId.ToString());
        Assert.All(shape, item =>
        {
            Assert.False(string.IsNullOrEmpty(Wire.Str(item!["taskName"])));
            Assert.IsType<JsonArray>(item["childrenStepIds"]);
            Assert.True(Guid.TryParse(Wire.Str(item["stepId"]), out _));
        });
        Assert.Contains(shape, item => item!["childrenStepIds"]!.AsArray().Count > 0);
        Assert.All(tasks, t => Assert.Contains(shape, item => Wire.Str(item!["taskExternalId"]) == Wire.Str(t!["taskExternalId"])));
        Assert.NotEmpty(details["taskEvents"]!.AsArray());
    }

    [Fact]
    public async Task A_single_task_run_has_one_task_whose_id_is_the_run_id()
    {
        var details = (await host.Api.GetAsync(Routes.Run(host.Facts.SampleSingleTaskRunId))).Expect(200).Object;

        var task = Assert.Single(details["tasks"]!.AsArray());
        Assert.Equal(host.Facts.SampleSingleTaskRunId.ToString(), Wire.Str(task!["taskExternalId"]));
        Assert.Single(details["shape"]!.AsArray());
    }

    [Fact]
    public async Task Run_details_always_carry_error_message_and_object_payloads()
    {
        var run = (await host.Api.GetAsync(Routes.Run(host.Facts.SampleDagRunId))).Expect(200).Object["run"]!.AsObject();

        Assert.True(run.ContainsKey("errorMessage"));
        Assert.True(run.ContainsKey("duration"));
        Assert.IsType<JsonObject>(run["input"]);
        Assert.IsType<JsonObject>(run["output"]);
        Assert.Equal(host.Tenant.ToString(), Wire.Str(run["tenantId"]));
    }

    [Fact]
    public async Task A_dag_childs_task_id_is_not_a_run()
    {
        var response = await host.Api.GetAsync(Routes.Run(host.Facts.SampleDagChildTaskId));

        Assert.Equal(404, response.Status);
        Assert.Equal("not found", response.Message);
    }

    [Fact]
    public async Task The_task_endpoint_accepts_a_dag_childs_id()
    {
        var task = (await host.Api.GetAsync(Routes.Task(host.Facts.SampleDagChildTaskId))).Expect(200).Object;

        Assert.Equal(host.Facts.SampleDagChildTaskId, Wire.Id(task));
        Assert.Equal("TASK", Wire.Str(task["type"]));
        Assert.Equal(host.Facts.SampleDagRunId.ToString(), Wire.Str(task["workflowRunExternalId"]));
        Assert.True(task.ContainsKey("isEvicted"));
    }

    [Fact]
    public async Task The_task_endpoint_accepts_a_standalone_run_id_but_not_a_dag_id()
    {
        var single = await host.Api.GetAsync(Routes.Task(host.Facts.SampleSingleTaskRunId));
        var dag = await host.Api.GetAsync(Routes.Task(host.Facts.SampleDagRunId));

        Assert.Equal(200, single.Status);
        Assert.Equal(404, dag.Status);
    }

    [Fact]
    public async Task A_task_attempt_below_one_answers_400()
    {
        var response = await host.Api.GetAsync(Routes.Task(host.Facts.SampleDagChildTaskId) + "?attempt=0");

        Assert.Equal(400, response.Status);
        Assert.Equal("Attempt must be greater than 0", response.Message);
    }

    [Fact]
    public async Task A_retried_tasks_events_show_each_attempt_retrying_into_the_next()
    {
        var task = await RetriedTaskAsync();
        var events = Wire.Objects((await host.Api.GetAsync(Routes.TaskEvents(task))).Expect(200).Rows).ToList();

        var retrying = events.FindIndex(e => Wire.Str(e["eventType"]) == "RETRYING");
        Assert.True(retrying >= 0, "no RETRYING event");
        var attempt = Wire.Int(events[retrying]["retryCount"]);
        Assert.Contains(events.Skip(retrying + 1), e => Wire.Int(e["retryCount"]) == attempt + 1 && Wire.Str(e["eventType"]) == "STARTED");
    }

    [Fact]
    public async Task Task_get_reads_a_chosen_attempt_and_404s_past_the_last()
    {
        var task = await RetriedTaskAsync();
        var latest = (await host.Api.GetAsync(Routes.Task(task))).Expect(200).Object;
        var first = (await host.Api.GetAsync(Routes.Task(task) + "?attempt=1")).Expect(200).Object;
        var beyond = await host.Api.GetAsync(Routes.Task(task) + $"?attempt={Wire.Int(latest["attempt"]) + 1}");

        Assert.Equal(0, Wire.Int(first["retryCount"]));
        Assert.Equal(1, Wire.Int(first["attempt"]));
        Assert.True(Wire.Int(latest["retryCount"]) >= 1);
        Assert.Equal(404, beyond.Status);
    }

    [Fact]
    public async Task The_status_route_answers_the_bare_status_of_the_run()
    {
        var details = (await host.Api.GetAsync(Routes.Run(host.Facts.SampleDagRunId))).Expect(200).Object;
        var status = (await host.Api.GetAsync(Routes.RunStatus(host.Facts.SampleDagRunId))).Expect(200);

        Assert.Equal(Wire.Str(details["run"]!["status"]), Wire.Str(status.Json));
    }

    [Fact]
    public async Task The_stuck_run_is_queued()
    {
        var status = (await host.Api.GetAsync(Routes.RunStatus(host.Facts.StuckRunId))).Expect(200);

        Assert.Equal("QUEUED", Wire.Str(status.Json));
    }

    [Fact]
    public async Task Run_task_events_belong_to_the_runs_tasks_and_carry_attempts()
    {
        var details = (await host.Api.GetAsync(Routes.Run(host.Facts.SampleDagRunId))).Expect(200).Object;
        var events = (await host.Api.GetAsync(Routes.RunTaskEvents(host.Facts.SampleDagRunId))).Expect(200).Rows;

        var taskIds = details["tasks"]!.AsArray().Select(t => Wire.Str(t!["taskExternalId"])).ToHashSet();
        Assert.NotEmpty(events);
        Assert.All(events, e =>
        {
            Assert.Contains(Wire.Str(e!["taskId"]), taskIds);
            Assert.Equal(Wire.Int(e["retryCount"]) + 1, Wire.Int(e["attempt"]));
        });
    }

    [Fact]
    public async Task Task_events_of_a_task_carry_no_output()
    {
        var events = (await host.Api.GetAsync(Routes.TaskEvents(host.Facts.SampleDagChildTaskId))).Expect(200);

        Assert.NotEmpty(events.Rows);
        Assert.All(events.Rows, e => Assert.False(e!.AsObject().ContainsKey("output")));
        Assert.All(events.Rows, e => Assert.Equal(host.Facts.SampleDagChildTaskId.ToString(), Wire.Str(e!["taskId"])));
    }

    [Fact]
    public async Task Task_timings_list_the_runs_tasks_and_reject_depth_above_ten()
    {
        var details = (await host.Api.GetAsync(Routes.Run(host.Facts.SampleDagRunId))).Expect(200).Object;
        var timings = (await host.Api.GetAsync(Routes.RunTaskTimings(host.Facts.SampleDagRunId))).Expect(200);
        var tooDeep = await host.Api.GetAsync(Routes.RunTaskTimings(host.Facts.SampleDagRunId) + "?depth=11");

        Assert.Equal(
            details["tasks"]!.AsArray().Select(t => Wire.Str(t!["taskExternalId"])).Order(),
            timings.Rows.Select(t => Wire.Str(t!["taskExternalId"])).Order());
        Assert.All(timings.Rows, t => Assert.Equal(0, Wire.Int(t!["depth"])));
        Assert.Equal(400, tooDeep.Status);
    }

    private async Task<Guid> RetriedTaskAsync()
    {
        var rows = (await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: true, "&limit=10000"))).Expect(200).Rows;
        var retried = rows.OfType<JsonObject>().FirstOrDefault(r => Wire.Int(r["retryCount"]) >= 1 && RunWatch.FinalStatuses.Contains(Wire.Str(r["status"])))
            ?? throw new Xunit.Sdk.XunitException("no seeded task was retried");
        return Guid.Parse(Wire.Str(retried["taskExternalId"]));
    }
}
