using HatchetMcp.Emulator.Model;
using Xunit;
using static HatchetMcp.Emulator.Tests.Engine.EngineTestKit;

namespace HatchetMcp.Emulator.Tests.Engine;

/// <summary>Cancel and replay follow the server's semantics and take effect asynchronously (server-behaviour.md §4).</summary>
public sealed class CancelReplayTests
{
    [Fact]
    public void Cancel_echoes_the_ids_sent_and_cancels_the_running_task_a_little_later()
    {
        var s = Empty();
        var run = s.Engine.Trigger(s.Tenant(), "generate-report", "{}", null, null, Now); // minutes long
        s.Engine.AdvanceTo(Now + TimeSpan.FromSeconds(5));
        Assert.Equal(V1TaskStatus.RUNNING, run.Status);
        var unknown = Guid.Parse("11111111-2222-4333-8444-555555555555");

        var echoed = s.Engine.Cancel(s.Tenant(), [run.ExternalId, unknown], Now + TimeSpan.FromSeconds(5));

        Assert.Equal([run.ExternalId, unknown], echoed);
        Assert.Equal(V1TaskStatus.RUNNING, run.Status); // not yet: cancellation is asynchronous
        s.Engine.AdvanceTo(Now + TimeSpan.FromSeconds(7));
        Assert.Equal(V1TaskStatus.CANCELLED, run.Status);
        Assert.Equal(V1TaskEventType.CANCELLED, run.Tasks[0].Events[^1].Type);
        Assert.DoesNotContain(run.Tasks[0], s.Worker(run.Tasks[0].WorkerId!.Value).RunningTasks);
    }

    [Fact]
    public void Cancel_leaves_finished_tasks_untouched()
    {
        var s = Empty();
        var run = s.Engine.Trigger(s.Tenant(), "nightly-cleanup", "{}", null, null, Now);
        s.Engine.AdvanceTo(Now + TimeSpan.FromMinutes(3));
        var events = run.Tasks[0].Events.Count;

        s.Engine.Cancel(s.Tenant(), [run.ExternalId], Now + TimeSpan.FromMinutes(3));
        s.Engine.AdvanceTo(Now + TimeSpan.FromMinutes(4));

        Assert.Equal(V1TaskStatus.COMPLETED, run.Status);
        Assert.Equal(events, run.Tasks[0].Events.Count);
    }

    [Fact]
    public void Replay_resets_the_same_task_in_place_with_one_more_retry_and_runs_it_again()
    {
        var s = Empty();
        var run = s.Engine.Trigger(s.Tenant(), "nightly-cleanup", "{}", null, null, Now);
        s.Engine.AdvanceTo(Now + TimeSpan.FromMinutes(3));
        var task = run.Tasks[0];
        var retries = task.RetryCount;

        var replayed = s.Engine.Replay(s.Tenant(), [run.ExternalId, Guid.Parse("11111111-2222-4333-8444-555555555555")], Now + TimeSpan.FromMinutes(3));

        Assert.Equal([task.ExternalId], replayed); // task ids, unknown ones dropped
        Assert.Equal(V1TaskStatus.COMPLETED, run.Status); // not yet: replay is asynchronous
        s.Engine.AdvanceTo(Now + TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));
        Assert.Equal(retries + 1, task.RetryCount);
        Assert.Contains(task.Events, e => e.Type == V1TaskEventType.RETRIED_BY_USER && e.RetryCount == retries + 1);
        Assert.Same(task, s.Task(task.ExternalId)); // no new run or id

        s.Engine.AdvanceTo(Now + TimeSpan.FromMinutes(6));
        Assert.Equal(V1TaskStatus.COMPLETED, run.Status);
        Assert.Equal(2, task.Events.Count(e => e.Type == V1TaskEventType.FINISHED));
    }

    [Fact]
    public void A_replayed_task_gets_its_automatic_retries_again()
    {
        // Hatchet's replay resets app_retry_count to 0 (server-behaviour.md §4 Replay): the task is retried as often
        // as its definition allows, on top of the attempts it already used.
        var s = Realistic();
        var task = s.Tenant().RunsNewestFirst()
            .Where(r => r.Workflow.Name == s.Facts.FailingWorkflowName && r.Status == V1TaskStatus.FAILED)
            .Select(r => r.Tasks[0])
            .First(t => t.Step.Retries > 0);
        var attemptsBefore = task.RetryCount;

        s.Engine.Replay(s.Tenant(), [task.ExternalId], Now);
        s.Engine.AdvanceTo(Now + TimeSpan.FromMinutes(10));

        var sinceReplay = task.Events.SkipWhile(e => e.Type != V1TaskEventType.RETRIED_BY_USER).ToList();
        Assert.Equal(V1TaskStatus.FAILED, task.Status); // the workflow still fails since its deploy
        Assert.Equal(task.Step.Retries, sinceReplay.Count(e => e.Type == V1TaskEventType.RETRYING));
        Assert.Equal(attemptsBefore + 1 + task.Step.Retries, task.RetryCount);
    }

    [Fact]
    public void Replaying_a_dag_task_replays_its_descendants_too()
    {
        var s = Empty();
        var run = s.Engine.Trigger(s.Tenant(), "order-pipeline", "{}", null, null, Now);
        s.Engine.AdvanceTo(Now + TimeSpan.FromMinutes(5));
        Assert.True(run.Status.IsFinal());
        var root = run.Tasks[0];

        var replayed = s.Engine.Replay(s.Tenant(), [root.ExternalId], Now + TimeSpan.FromMinutes(5));

        Assert.Equal(run.Tasks.Select(t => t.ExternalId).Order(), replayed.Order());
        s.Engine.AdvanceTo(Now + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(0.31));
        Assert.Equal(V1TaskStatus.RUNNING, run.Status); // the DAG row becomes RUNNING
        Assert.All(run.Tasks, t => Assert.Contains(t.Events, e => e.Type == V1TaskEventType.RETRIED_BY_USER));

        s.Engine.AdvanceTo(Now + TimeSpan.FromMinutes(10));
        Assert.True(run.Status.IsFinal());
        foreach (var child in run.Tasks.Where(t => t.Step.Parents.Count > 0 && t.StartedAt is not null))
        {
            foreach (var parentStep in child.Step.Parents)
            {
                var parentFinished = run.FindTask(parentStep)!.Events.Last(e => e.Type == V1TaskEventType.FINISHED).Timestamp;
                Assert.True(child.StartedAt >= parentFinished, "a replayed child waits for its replayed parents");
            }
        }
    }

    [Fact]
    public void Replay_skips_a_dag_that_has_a_running_task()
    {
        var s = Empty();
        var run = s.Engine.Trigger(s.Tenant(), "order-pipeline", "{}", null, null, Now);
        s.Engine.AdvanceTo(Now + TimeSpan.FromSeconds(1));
        Assert.Contains(run.Tasks, t => t.Status == V1TaskStatus.RUNNING);

        Assert.Empty(s.Engine.Replay(s.Tenant(), [run.ExternalId], Now + TimeSpan.FromSeconds(1)));
    }
}
