using HatchetMcp.Emulator.Engine;
using HatchetMcp.Emulator.Model;
using Xunit;
using static HatchetMcp.Emulator.Tests.Engine.EngineTestKit;

namespace HatchetMcp.Emulator.Tests.Engine;

/// <summary>The living engine: triggered runs move QUEUED -> RUNNING -> final as workers pick them.</summary>
public sealed class EngineLifecycleTests
{
    [Fact]
    public void A_triggered_run_is_queued_at_first_and_completes_once_time_passes()
    {
        var s = Empty();
        var run = s.Engine.Trigger(s.Tenant(), "nightly-cleanup", "{\"olderThanDays\":7}", null, null, Now);

        Assert.Equal(V1TaskStatus.QUEUED, run.Status);
        Assert.Equal(run.ExternalId, run.Tasks.Single().ExternalId); // a standalone task shares the run's id

        s.Engine.AdvanceTo(Now + TimeSpan.FromSeconds(5));
        Assert.Equal(V1TaskStatus.RUNNING, run.Status);
        Assert.NotNull(run.Tasks[0].WorkerId);

        s.Engine.AdvanceTo(Now + TimeSpan.FromMinutes(3));
        var task = run.Tasks[0];
        Assert.Equal(V1TaskStatus.COMPLETED, run.Status);
        Assert.Equal(
            [V1TaskEventType.QUEUED, V1TaskEventType.ASSIGNED, V1TaskEventType.STARTED, V1TaskEventType.FINISHED],
            task.Events.Select(e => e.Type));
        Assert.True(task.StartedAt < task.FinishedAt);
        Assert.NotNull(task.OutputJson);
        Assert.Contains(TaskLogs.For(task, Now + TimeSpan.FromMinutes(3)), l => l.Message.Contains("expired sessions", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_workflow_name_is_rejected_with_the_servers_message()
    {
        var s = Empty();
        var error = Assert.Throws<WorkflowNotFoundException>(() => s.Engine.Trigger(s.Tenant(), "no-such-flow", "{}", null, null, Now));
        Assert.Equal("workflow names not found: no-such-flow", error.Message);
    }

    [Fact]
    public void A_dag_creates_each_child_only_after_all_its_parents_completed()
    {
        var s = Empty();
        var run = s.Engine.Trigger(s.Tenant(), "order-pipeline", "{\"orderId\":\"ord_1\"}", null, null, Now);
        Assert.Single(run.Tasks); // only the root exists at first

        s.Engine.AdvanceTo(Now + TimeSpan.FromMinutes(5));

        Assert.True(run.Status.IsFinal());
        foreach (var task in run.Tasks)
        {
            foreach (var parentStep in task.Step.Parents)
            {
                var parent = run.FindTask(parentStep)!;
                Assert.Equal(V1TaskStatus.COMPLETED, parent.Status);
                Assert.True(task.InsertedAt >= parent.FinishedAt);
            }
        }
        if (run.Status == V1TaskStatus.COMPLETED) Assert.Equal(run.Version.Steps.Count, run.Tasks.Count);
    }

    [Fact]
    public void A_task_nobody_serves_stays_queued_with_a_no_worker_event()
    {
        var s = Empty(); // the only sync-inventory worker stopped heartbeating
        var run = s.Engine.Trigger(s.Tenant(), "sync-inventory", "{}", null, null, Now);

        s.Engine.AdvanceTo(Now + TimeSpan.FromMinutes(10));

        Assert.Equal(V1TaskStatus.QUEUED, run.Status);
        Assert.Contains(run.Tasks[0].Events, e => e.Type == V1TaskEventType.REQUEUED_NO_WORKER);
    }

    [Fact]
    public void How_often_time_is_advanced_does_not_change_what_happens()
    {
        var stepped = Empty();
        var jumped = Empty();
        foreach (var s in new[] { stepped, jumped })
        {
            s.Engine.Trigger(s.Tenant(), "order-pipeline", "{}", null, null, Now);
            s.Engine.Trigger(s.Tenant(), "webhook-dispatch", "{}", null, 3, Now + TimeSpan.FromSeconds(1));
        }

        for (var t = Now; t <= Now + TimeSpan.FromMinutes(2); t += TimeSpan.FromMilliseconds(700)) stepped.Engine.AdvanceTo(t);
        stepped.Engine.AdvanceTo(Now + TimeSpan.FromMinutes(2));
        jumped.Engine.AdvanceTo(Now + TimeSpan.FromMinutes(2));

        Assert.Equal(Snapshot(jumped.Tenant()), Snapshot(stepped.Tenant()));
    }

    [Fact]
    public void Healthy_workers_keep_a_fresh_heartbeat_and_the_stopped_one_goes_inactive()
    {
        var s = Empty();
        var later = Now + TimeSpan.FromHours(1);
        s.Engine.AdvanceTo(later);

        Assert.Equal(WorkerStatus.INACTIVE, s.Worker(s.Facts.InactiveWorkerId).StatusAt(later));
        Assert.Equal(WorkerStatus.PAUSED, s.Worker(s.Facts.PausedWorkerId).StatusAt(later));
        Assert.Equal(WorkerStatus.ACTIVE, s.Worker(s.Facts.SaturatedWorkerId).StatusAt(later));
    }
}
