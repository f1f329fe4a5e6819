using HatchetMcp.Emulator.Engine;
using HatchetMcp.Emulator.Model;
using HatchetMcp.Emulator.Scenarios;
using Xunit;
using static HatchetMcp.Emulator.Tests.Engine.EngineTestKit;

namespace HatchetMcp.Emulator.Tests.Engine;

/// <summary>The seeded scenarios: deterministic, historically consistent, and telling the story tests rely on.</summary>
public sealed class ScenarioSeederTests
{
    private static readonly SeededScenario Shared = Realistic();

    [Fact]
    public void The_same_seed_and_clock_give_the_same_data_and_another_seed_does_not()
    {
        var again = Realistic();
        var other = Realistic(seed: 2);

        Assert.Equal(WithoutRunLists(Shared.Facts), WithoutRunLists(again.Facts));
        Assert.Equal(RunLists(Shared.Facts), RunLists(again.Facts));
        Assert.Equal(Snapshot(Shared.Tenant()), Snapshot(again.Tenant()));
        Assert.NotEqual(Shared.Facts.TenantId, other.Facts.TenantId);
        Assert.NotEqual(Snapshot(Shared.Tenant()), Snapshot(other.Tenant()));
    }

    // Lists compare by reference in a record's equality; they are compared by content apart.
    private static ScenarioFacts WithoutRunLists(ScenarioFacts facts) => facts with
    {
        RateLimitedRunIds = [], NoWorkerRunIds = [], PausedWorkerRunIds = [], ConcurrencyQueuedRunIds = [], SaturatedWorkerQueuedRunIds = [],
    };

    private static Guid[] RunLists(ScenarioFacts facts) =>
    [
        .. facts.RateLimitedRunIds, Guid.Empty, .. facts.NoWorkerRunIds, Guid.Empty, .. facts.PausedWorkerRunIds, Guid.Empty,
        .. facts.ConcurrencyQueuedRunIds, Guid.Empty, .. facts.SaturatedWorkerQueuedRunIds,
    ];

    [Fact]
    public void The_scale_sets_about_how_many_runs_the_default_tenant_has()
    {
        Assert.InRange(Shared.Tenant().RunsOldestFirst.Count, 400, 410);
        Assert.InRange(Realistic(scale: 1500).Tenant().RunsOldestFirst.Count, 1500, 1510);
    }

    [Fact]
    public void The_failing_workflow_fails_every_run_since_the_deploy_and_succeeded_before()
    {
        var f = Shared.Facts;
        var runs = Shared.Tenant().RunsOldestFirst.Where(r => r.Workflow.Name == f.FailingWorkflowName).ToList();
        var since = runs.Where(r => r.InsertedAt >= f.FailingSince && r.Status.IsFinal()).ToList();

        Assert.NotEmpty(since);
        Assert.All(since, r => Assert.Equal(V1TaskStatus.FAILED, r.Status));
        Assert.All(since, r => Assert.Contains(f.FailingErrorSignature, r.ErrorMessage, StringComparison.Ordinal));
        Assert.Contains(runs, r => r.InsertedAt < f.FailingSince && r.Status == V1TaskStatus.COMPLETED);
        Assert.DoesNotContain(runs, r => r.InsertedAt < f.FailingSince - TimeSpan.FromMinutes(5) && r.ErrorMessage.Contains(f.FailingErrorSignature, StringComparison.Ordinal));
    }

    [Fact]
    public void Finished_runs_are_historically_consistent()
    {
        var finished = Shared.Tenant().RunsOldestFirst.Where(r => r.Status.IsFinal()).ToList();
        Assert.All(finished.SelectMany(r => r.Tasks).Where(t => t.Status != V1TaskStatus.CANCELLED || t.StartedAt is not null), t =>
        {
            Assert.NotNull(t.FinishedAt);
            Assert.True(t.StartedAt is null || t.StartedAt <= t.FinishedAt);
            Assert.True(t.InsertedAt <= (t.StartedAt ?? t.FinishedAt));
            Assert.Equal(V1TaskEventType.QUEUED, t.Events[0].Type);
            Assert.True(t.Events.Zip(t.Events.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp && p.First.Id < p.Second.Id));
        });
        Assert.Contains(finished, r => r.Status == V1TaskStatus.COMPLETED);
        Assert.Contains(finished, r => r.Status == V1TaskStatus.FAILED);
        Assert.Contains(finished, r => r.Status == V1TaskStatus.CANCELLED);
    }

    [Fact]
    public void Some_tasks_were_retried_and_some_of_those_succeeded_on_retry()
    {
        var retried = Shared.Tenant().RunsOldestFirst.SelectMany(r => r.Tasks).Where(t => t.RetryCount > 0).ToList();
        Assert.Contains(retried, t => t.Status == V1TaskStatus.COMPLETED);
        Assert.Contains(retried, t => t.Events.Any(e => e.Type == V1TaskEventType.RETRYING));
    }

    [Fact]
    public void A_failed_task_logs_its_stack_trace_and_tasks_log_repeated_lines()
    {
        var f = Shared.Facts;
        var failed = Shared.Tenant().RunsNewestFirst().First(r => r.Workflow.Name == f.FailingWorkflowName && r.Status == V1TaskStatus.FAILED).Tasks[0];
        var logs = TaskLogs.For(failed, Now);

        Assert.Contains(logs, l => l.Level == V1LogLineLevel.ERROR && l.Message.Contains('\n') && l.Message.Contains(f.FailingErrorSignature, StringComparison.Ordinal));
        Assert.Equal(logs.OrderBy(l => l.CreatedAt).Select(l => l.CreatedAt), logs.Select(l => l.CreatedAt));
        Assert.Equal(failed.RetryCount + 1, logs.Select(l => l.RetryCount).Distinct().Count());

        var report = Shared.Tenant().RunsOldestFirst.First(r => r.Workflow.Name == "generate-report" && r.Status == V1TaskStatus.COMPLETED).Tasks[0];
        Assert.True(TaskLogs.For(report, Now).GroupBy(l => l.Message).Max(g => g.Count()) > 5);
    }

    [Fact]
    public void The_facts_point_at_a_stuck_run_a_saturated_a_paused_and_an_inactive_worker()
    {
        var f = Shared.Facts;
        var stuck = Shared.Run(f.StuckRunId);
        Assert.Equal(V1TaskStatus.QUEUED, stuck.Status);
        Assert.True(stuck.InsertedAt < Now - TimeSpan.FromMinutes(10));
        Assert.Equal(f.StuckActionId, stuck.Tasks[0].ActionId);
        Assert.DoesNotContain(Shared.Tenant().Workers, w => w.Serves(f.StuckActionId) && w.StatusAt(Now) == WorkerStatus.ACTIVE);

        var saturated = Shared.Worker(f.SaturatedWorkerId);
        Assert.Equal(saturated.SlotLimit, saturated.UsedSlots);
        Assert.Equal(WorkerStatus.PAUSED, Shared.Worker(f.PausedWorkerId).StatusAt(Now));
        Assert.Equal(WorkerStatus.INACTIVE, Shared.Worker(f.InactiveWorkerId).StatusAt(Now));

        var limit = Shared.Tenant().FindRateLimit(f.NearlyExhaustedRateLimitKey)!;
        Assert.True(limit.Value <= 0.1 * limit.LimitValue); // value is what is left in the window
    }

    [Fact]
    public void The_sample_ids_are_a_dag_run_its_child_task_and_a_standalone_run()
    {
        var f = Shared.Facts;
        var dag = Shared.Run(f.SampleDagRunId);
        Assert.True(dag.IsDag);
        Assert.Equal(f.DagWorkflowName, dag.Workflow.Name);
        var child = Shared.Task(f.SampleDagChildTaskId);
        Assert.Same(dag, child.Run);
        Assert.NotEmpty(child.Step.Parents);
        Assert.False(Shared.Store.TryGetRun(f.SampleDagChildTaskId, out _)); // a DAG child is not a run
        Assert.False(Shared.Store.TryGetTask(f.SampleDagRunId, out _)); // a DAG run is not a task

        var single = Shared.Run(f.SampleSingleTaskRunId);
        Assert.Equal(f.SingleTaskWorkflowName, single.Workflow.Name);
        Assert.Same(single, Shared.Task(f.SampleSingleTaskRunId).Run);
    }

    [Fact]
    public void The_second_tenant_owns_its_own_workflows_runs_workers_and_events()
    {
        Assert.True(Shared.Store.TryGetTenant(Shared.Facts.OtherTenantId, out var other));
        var first = Shared.Tenant();

        Assert.NotEmpty(other.RunsOldestFirst);
        Assert.Empty(first.Workflows.Select(w => w.Name).Intersect(other.Workflows.Select(w => w.Name)));
        Assert.All(first.RunsOldestFirst, r => Assert.Same(first, r.Workflow.Tenant));
        Assert.All(other.RunsOldestFirst, r => Assert.Same(other, r.Tenant));
        Assert.All(first.RunsOldestFirst.SelectMany(r => r.Tasks), t => Assert.Contains(first.Workers, w => t.WorkerId is null || w.Id == t.WorkerId));
        Assert.All(other.Events, e => Assert.All(e.TriggeredRuns, r => Assert.Same(other, r.Tenant)));
    }

    [Fact]
    public void The_empty_scenario_has_workflows_and_workers_but_no_runs()
    {
        var s = Empty();
        Assert.Equal(12, s.Tenant().Workflows.Count);
        Assert.NotEmpty(s.Tenant().Workers);
        Assert.Empty(s.Tenant().RunsOldestFirst);
        Assert.Equal(Guid.Empty, s.Facts.StuckRunId);
        Assert.Equal(Guid.Empty, s.Facts.SampleDagRunId);
    }

    [Fact]
    public void An_unknown_scenario_name_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => ScenarioSeeder.Seed("nope", 1, null, Now));
    }
}
