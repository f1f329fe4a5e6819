using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using HatchetMcp.Tests.Hatchet.EndToEnd;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>Why a QUEUED or RUNNING run is not progressing, checked against the emulator's live state (issue 9).</summary>
public sealed class ProgressBlockersTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly HatchetClient client = fixture.Client();

    private ProgressBlockers Blockers => new(client, fixture.Emulator.Time);

    private HatchetMcp.Emulator.ScenarioFacts Facts => fixture.Emulator.Facts;

    [Fact]
    public async Task A_run_held_by_an_exhausted_rate_limit_names_the_limit_its_version_declares_and_the_event_that_says_so()
    {
        var held = (await Blockers.ForRunAsync(Facts.RateLimitedRunIds[0], TestContext.Current.CancellationToken)).Holding!;

        var cause = Assert.Single(held.Causes, c => c.Kind == BlockerKind.RateLimitExhausted);
        var limit = Assert.Single(cause.RateLimits);
        Assert.Equal(Facts.ExhaustedRateLimitKey, limit.Key);
        Assert.Equal(0, limit.UnitsLeft);
        Assert.True(cause.RateLimitDeclared);
        Assert.Equal("REQUEUED_RATE_LIMIT", cause.EventType);
        Assert.Equal(BlockerBasis.Event, cause.Basis);
    }

    [Fact]
    public async Task A_run_whose_action_no_worker_registers_says_so_with_the_action()
    {
        var held = (await Blockers.ForRunAsync(Facts.NoWorkerRunIds[0], TestContext.Current.CancellationToken)).Holding!;

        var cause = Assert.Single(held.Causes);
        Assert.Equal(BlockerKind.NoWorker, cause.Kind);
        Assert.Equal(Facts.NoWorkerActionId, cause.ActionId);
        Assert.Equal("REQUEUED_NO_WORKER", cause.EventType);
        Assert.True(held.Since <= fixture.Emulator.Time.GetUtcNow() - TimeSpan.FromMinutes(20));
    }

    [Fact]
    public async Task A_run_whose_only_worker_is_paused_names_that_worker()
    {
        var paused = await client.GetWorkerAsync(Facts.PausedWorkerId, TestContext.Current.CancellationToken);

        var held = (await Blockers.ForRunAsync(Facts.PausedWorkerRunIds[0], TestContext.Current.CancellationToken)).Holding!;

        var cause = Assert.Single(held.Causes);
        Assert.Equal(BlockerKind.WorkerPaused, cause.Kind);
        Assert.Equal([paused.Name!], cause.Workers);
    }

    [Fact]
    public async Task A_run_whose_only_worker_stopped_heartbeating_names_the_inactive_worker()
    {
        var inactive = await client.GetWorkerAsync(Facts.InactiveWorkerId, TestContext.Current.CancellationToken);

        var held = (await Blockers.ForRunAsync(Facts.StuckRunId, TestContext.Current.CancellationToken)).Holding!;

        var cause = Assert.Single(held.Causes);
        Assert.Equal(BlockerKind.WorkerInactive, cause.Kind);
        Assert.Equal([inactive.Name!], cause.Workers);
    }

    [Fact]
    public async Task A_run_waiting_for_the_saturated_worker_names_it_full_with_its_slots_and_counts_the_queue()
    {
        var full = await client.GetWorkerAsync(Facts.SaturatedWorkerId, TestContext.Current.CancellationToken);
        var newest = Facts.SaturatedWorkerQueuedRunIds[^1];

        var held = (await Blockers.ForRunAsync(newest, TestContext.Current.CancellationToken)).Holding!;

        var cause = Assert.Single(held.Causes, c => c.Kind == BlockerKind.WorkersFull);
        Assert.Equal([full.Name!], cause.Workers);
        Assert.Equal(cause.SlotLimit, cause.SlotsUsed);
        Assert.Equal(Facts.SaturatedWorkerQueuedRunIds.Count - 1, held.QueuedAhead);
        Assert.True(held.QueueDepth >= Facts.SaturatedWorkerQueuedRunIds.Count);
    }

    [Fact]
    public async Task A_run_behind_a_concurrency_limit_names_the_setting_and_the_running_count_as_a_heuristic_and_no_worker_cause()
    {
        var held = (await Blockers.ForRunAsync(Facts.ConcurrencyQueuedRunIds[0], TestContext.Current.CancellationToken)).Holding!;

        var cause = Assert.Single(held.Causes);
        Assert.Equal(BlockerKind.ConcurrencyLimit, cause.Kind);
        Assert.Equal(BlockerBasis.Heuristic, cause.Basis);
        Assert.Equal(1, cause.Concurrency!.MaxRuns);
        Assert.Equal("input.catalog", cause.Concurrency.Expression);
        Assert.True(cause.Concurrency.RunningRuns >= 1);
    }

    [Fact]
    public async Task Explaining_every_waiting_task_of_the_tenant_reads_shared_state_once_and_events_for_at_most_twenty_tasks()
    {
        var now = fixture.Emulator.Time.GetUtcNow();
        var page = await client.ListRunsAsync(new RunListQuery
        {
            Since = now - ProgressBlockers.Lookback, Statuses = [V1TaskStatuses.Queued, V1TaskStatuses.Running], OnlyTasks = true, Limit = 1000,
        }, TestContext.Current.CancellationToken);
        var tasks = (page.Rows ?? []).Select(WaitingTask.From).OfType<WaitingTask>().ToList();
        fixture.Emulator.Hooks.ClearRequests();

        var explained = await Blockers.ForTasksAsync(tasks, Blockers.NewLiveState(), TestContext.Current.CancellationToken);

        var requests = fixture.Emulator.Hooks.Requests;
        Assert.True(tasks.Count > ProgressBlockers.MaxEventReads, $"only {tasks.Count} waiting tasks");
        Assert.Equal(tasks.Count, explained.Count);
        Assert.Single(requests, r => r.Path.EndsWith("/worker", StringComparison.Ordinal));
        Assert.Single(requests, r => r.Path.EndsWith("/rate-limits", StringComparison.Ordinal));
        Assert.InRange(requests.Count(r => r.Path.EndsWith("/task-events", StringComparison.Ordinal)), 1, ProgressBlockers.MaxEventReads);
        Assert.InRange(requests.Count(r => r.Path.EndsWith("/versions", StringComparison.Ordinal)), 1, explained.Select(t => t.Task.VersionId).Distinct().Count());
        Assert.Contains(explained, t => t.Task.RunId == Facts.RateLimitedRunIds[0] && t.Causes.Any(c => c.Kind == BlockerKind.RateLimitExhausted));
        Assert.Contains(explained, t => t.Task.RunId == Facts.ConcurrencyRunningRunId && t.Causes.Single().Kind == BlockerKind.StillRunning);
    }

    [Fact]
    public async Task Without_a_declared_limit_a_rate_limit_event_names_the_exhausted_limit_its_message_names_and_a_scheduling_timeout_is_a_cause()
    {
        var scripted = new OneQueuedTask(
            new V1TaskEvent { EventType = "QUEUED", Timestamp = Epoch },
            new V1TaskEvent { EventType = "REQUEUED_RATE_LIMIT", Message = "rate limit sms-gateway exhausted", Timestamp = Epoch.AddMinutes(1) },
            new V1TaskEvent { EventType = "SCHEDULING_TIMED_OUT", Timestamp = Epoch.AddMinutes(5) });

        var held = (await new ProgressBlockers(scripted, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Epoch.AddMinutes(30))).ForRunAsync(OneQueuedTask.Id, TestContext.Current.CancellationToken)).Holding!;

        var limited = Assert.Single(held.Causes, c => c.Kind == BlockerKind.RateLimitExhausted);
        Assert.Equal(["sms-gateway"], limited.RateLimits.Select(l => l.Key));
        Assert.False(limited.RateLimitDeclared);
        Assert.Equal(BlockerBasis.Event, limited.Basis);
        Assert.Contains(held.Causes, c => c.Kind == BlockerKind.SchedulingTimedOut && c.LastEventAt == Epoch.AddMinutes(5));
        Assert.Equal(Epoch, held.Since);
    }

    private static readonly DateTimeOffset Epoch = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    /// <summary>One standalone queued task with free workers; two limits are exhausted, only one named by its event.</summary>
    private sealed class OneQueuedTask(params V1TaskEvent[] events) : ScriptedHatchetClient
    {
        public static readonly Guid Id = Guid.Parse("0b7c3d55-8a36-4f0e-9d55-4a4a1e1f0001");
        private static readonly Guid WorkflowId = Guid.Parse("0b7c3d55-8a36-4f0e-9d55-4a4a1e1f0002");

        public override Task<RunLookupResult> GetRunAsync(Guid runOrTaskId, CancellationToken cancellationToken) =>
            Task.FromResult(RunLookupResult.ForRun(new V1WorkflowRunDetails
            {
                Run = new V1WorkflowRun { Metadata = new ApiResourceMeta { Id = Id }, Status = "QUEUED", WorkflowId = WorkflowId },
                Tasks = [new V1TaskSummary { TaskExternalId = Id, Status = "QUEUED", ActionId = "notify:send", CreatedAt = Epoch, RetryCount = 0, WorkflowName = "notify" }],
                TaskEvents = [.. events.Select(e => e with { TaskId = Id, RetryCount = 0 })],
            }));

        public override Task<V1RunList> ListRunsAsync(RunListQuery query, CancellationToken cancellationToken) => Task.FromResult(new V1RunList { Rows = [] });

        public override Task<WorkerList> ListWorkersAsync(CancellationToken cancellationToken) => Task.FromResult(new WorkerList
        {
            Rows = [new Worker { Name = "w1", Status = "ACTIVE", Actions = ["notify:send"], MaxRuns = 5, AvailableRuns = 5 }],
        });

        public override Task<RateLimitList> ListRateLimitsAsync(string? search, int limit, int offset, CancellationToken cancellationToken) => Task.FromResult(new RateLimitList
        {
            Rows = [new RateLimit { Key = "sms-gateway", Value = 0, LimitValue = 10 }, new RateLimit { Key = "other", Value = 0, LimitValue = 10 }],
        });

        public override Task<StepRunQueueMetrics> GetStepRunQueueMetricsAsync(CancellationToken cancellationToken) => Task.FromResult(new StepRunQueueMetrics());
    }
}
