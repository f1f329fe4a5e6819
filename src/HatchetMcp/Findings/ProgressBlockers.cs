using HatchetMcp.Hatchet;

namespace HatchetMcp.Findings;

/// <summary>
/// Explains why QUEUED or RUNNING tasks are not progressing, checked against live state: the task's own events
/// (REQUEUED_NO_WORKER, REQUEUED_RATE_LIMIT, SCHEDULING_TIMED_OUT), the workers registering its action and their status
/// and slots (<see cref="QueueCapacity"/>), an exhausted rate limit it consumes, its version's concurrency setting, and
/// the tasks ahead of it in its queue. What several tasks share is fetched once per call (<see cref="LiveState"/>), so
/// explaining hundreds of tasks costs a handful of requests plus at most <see cref="MaxEventReads"/> event reads.
/// </summary>
public sealed class ProgressBlockers(IHatchetClient client, TimeProvider time, FetchGate? fetchGate = null)
{
    /// <summary>The shared gate (HATCHET_MCP_MAX_CONCURRENCY); a private default one when built outside the server.</summary>
    public FetchGate Gate { get; } = fetchGate ?? new FetchGate();

    /// <summary>How far back runs are looked for (Hatchet requires a lower bound on the runs list).</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(7);

    /// <summary>Tasks whose events are read one by one when explaining many; the others are explained from live state.</summary>
    public const int MaxEventReads = 20;

    /// <summary>Requests in flight (moves to the shared findings gate when it lands).</summary>

    /// <summary>Queued tasks of the workflow read to count those ahead of one run's task.</summary>
    public const int QueuePage = 1000;

    private static readonly HashSet<string> QueueingStrategies = new(["GROUP_ROUND_ROBIN", "QUEUE_NEWEST"], StringComparer.OrdinalIgnoreCase);

    /// <summary>A fresh per-call cache of the live state; pass the same one to explain several runs in one answer.</summary>
    public LiveState NewLiveState() => new(client, time.GetUtcNow());

    /// <summary>Why the run (or DAG task) with this id is not progressing: reads it, then explains its waiting tasks.</summary>
    public async Task<RunBlockers> ForRunAsync(Guid runOrTaskId, CancellationToken cancellationToken)
    {
        var found = await client.GetRunAsync(runOrTaskId, cancellationToken).ConfigureAwait(false);
        if (found.Run is { } details)
        {
            return await ForRunAsync(details, NewLiveState(), cancellationToken).ConfigureAwait(false);
        }

        var task = found.Task!;
        var state = NewLiveState();
        var events = (await client.ListTaskEventsAsync(runOrTaskId, cancellationToken).ConfigureAwait(false)).Rows ?? [];
        var waiting = WaitingTask.From(task, task.WorkflowRunExternalId);
        var tasks = waiting is null || !IsWaiting(waiting.Status) ? [] : new[] { waiting };
        var explained = await ExplainWithQueueAsync(tasks, t => events, state, cancellationToken).ConfigureAwait(false);
        return new RunBlockers(task.WorkflowRunExternalId ?? runOrTaskId, task.WorkflowName, task.Status ?? "", explained, state.Notes);
    }

    /// <summary>Why this run is not progressing, from its details (which carry every task's events).</summary>
    public async Task<RunBlockers> ForRunAsync(V1WorkflowRunDetails details, LiveState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(state);
        var runId = details.Run?.Metadata?.Id ?? Guid.Empty;
        var byTask = (details.TaskEvents ?? []).Where(e => e.TaskId is not null).ToLookup(e => e.TaskId!.Value);
        var tasks = (details.Tasks ?? []).Select(t => WaitingTask.From(t, runId)).OfType<WaitingTask>()
            .Where(t => IsWaiting(t.Status))
            .Select(t => t with { WorkflowId = t.WorkflowId ?? details.Run?.WorkflowId, VersionId = t.VersionId ?? details.Run?.WorkflowVersionId })
            .ToList();
        var explained = await ExplainWithQueueAsync(tasks, t => byTask[t.TaskId].ToList(), state, cancellationToken).ConfigureAwait(false);
        var workflow = details.Tasks?.Select(t => t.WorkflowName).FirstOrDefault(n => !string.IsNullOrEmpty(n));
        return new RunBlockers(runId, workflow, details.Run?.Status ?? "", explained, state.Notes);
    }

    /// <summary>
    /// Explains many tasks read from the runs list (e.g. every task waiting longer than a threshold). Tasks ahead are
    /// counted among <paramref name="tasks"/>; events are read for at most <see cref="MaxEventReads"/> tasks, spread
    /// over the queues (the oldest of each first), through the shared <see cref="FetchGate"/>.
    /// </summary>
    public async Task<IReadOnlyList<TaskBlockers>> ForTasksAsync(IReadOnlyList<WaitingTask> tasks, LiveState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(state);
        var chosen = tasks.GroupBy(t => t.ActionId ?? "", StringComparer.Ordinal)
            .SelectMany(g => g.OrderBy(t => t.CreatedAt).Select((t, i) => (Task: t, Rank: i)))
            .OrderBy(x => x.Rank).ThenBy(x => x.Task.CreatedAt)
            .Take(MaxEventReads).Select(x => x.Task.TaskId).ToList();
        var events = new Dictionary<Guid, IReadOnlyList<V1TaskEvent>>();
        {
            var read = await Gate.EachAsync(chosen, async (id, ct) =>
            {
                try
                {
                    return (Id: id, Rows: (IReadOnlyList<V1TaskEvent>?)((await client.ListTaskEventsAsync(id, ct).ConfigureAwait(false)).Rows ?? []));
                }
                catch (HatchetApiException)
                {
                    return (Id: id, Rows: null); // this task is explained from live state alone
                }
            }, cancellationToken).ConfigureAwait(false);
            foreach (var (id, rows) in read)
            {
                if (rows is not null)
                {
                    events[id] = rows;
                }
            }
        }

        return await ExplainAsync(tasks, t => events.GetValueOrDefault(t.TaskId), AheadAmong(tasks), state, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsWaiting(string status) => status is V1TaskStatuses.Queued or V1TaskStatuses.Running;

    private async Task<IReadOnlyList<TaskBlockers>> ExplainWithQueueAsync(IReadOnlyList<WaitingTask> tasks,
        Func<WaitingTask, IReadOnlyList<V1TaskEvent>?> eventsOf, LiveState state, CancellationToken cancellationToken)
    {
        // Tasks ahead: the queued tasks of the same workflow (its actions are its queues) enqueued before this one.
        var queue = new List<WaitingTask>(tasks);
        foreach (var workflowId in tasks.Where(t => t.IsQueued).Select(t => t.WorkflowId).OfType<Guid>().Distinct())
        {
            try
            {
                var page = await client.ListRunsAsync(new RunListQuery
                {
                    Since = state.Now - Lookback,
                    Statuses = [V1TaskStatuses.Queued],
                    WorkflowIds = [workflowId],
                    OnlyTasks = true,
                    IncludePayloads = false,
                    Limit = QueuePage,
                }, cancellationToken).ConfigureAwait(false);
                queue.AddRange((page.Rows ?? []).Select(WaitingTask.From).OfType<WaitingTask>().Where(q => tasks.All(t => t.TaskId != q.TaskId)));
            }
            catch (HatchetApiException e)
            {
                _ = e; // the count ahead stays unknown; the causes do not depend on it
            }
        }

        var ahead = AheadAmong(queue);
        return await ExplainAsync(tasks, eventsOf, ahead, state, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>For each queued task, how many queued tasks of its queue entered it earlier (creation time for first attempts).</summary>
    private static Dictionary<Guid, int> AheadAmong(IEnumerable<WaitingTask> tasks)
    {
        var ahead = new Dictionary<Guid, int>();
        foreach (var queue in tasks.Where(t => t.IsQueued && t.ActionId is not null).GroupBy(t => t.ActionId!.ToLowerInvariant(), StringComparer.Ordinal))
        {
            var index = 0;
            foreach (var t in queue.OrderBy(t => t.CreatedAt).ThenBy(t => t.TaskId))
            {
                ahead[t.TaskId] = index++;
            }
        }

        return ahead;
    }

    private async Task<IReadOnlyList<TaskBlockers>> ExplainAsync(IReadOnlyList<WaitingTask> tasks,
        Func<WaitingTask, IReadOnlyList<V1TaskEvent>?> eventsOf, IReadOnlyDictionary<Guid, int> ahead, LiveState state,
        CancellationToken cancellationToken)
    {
        if (tasks.Count == 0)
        {
            return [];
        }

        var capacityTask = state.CapacityAsync(cancellationToken);
        var limitsTask = tasks.Any(t => t.IsQueued) ? state.RateLimitsAsync(cancellationToken) : Task.FromResult<IReadOnlyDictionary<string, RateLimitState>?>(null);
        var depthsTask = tasks.Any(t => t.IsQueued) ? state.QueueDepthsAsync(cancellationToken) : Task.FromResult<IReadOnlyDictionary<string, long>?>(null);
        await Task.WhenAll(capacityTask, limitsTask, depthsTask).ConfigureAwait(false);
        var capacity = await capacityTask.ConfigureAwait(false);
        var limits = await limitsTask.ConfigureAwait(false);
        var depths = await depthsTask.ConfigureAwait(false);

        // One version read per distinct version of a queued task (a handful), through the gate.
        var versionIds = tasks.Where(t => t.IsQueued && t.WorkflowId is not null && t.VersionId is not null)
            .Select(t => (Workflow: t.WorkflowId!.Value, Version: t.VersionId!.Value)).Distinct().ToList();
        var versions = new Dictionary<Guid, WorkflowVersion?>();
        {
            // LiveState's version read is one request, cached: gating it here never nests the gate.
            var read = await Gate.EachAsync(versionIds,
                async (v, ct) => (v.Version, Read: await state.VersionAsync(v.Workflow, v.Version, ct).ConfigureAwait(false)),
                cancellationToken).ConfigureAwait(false);
            foreach (var (id, version) in read)
            {
                versions[id] = version;
            }
        }

        var limited = tasks.Where(t => t.IsQueued && t.WorkflowId is not null && t.VersionId is { } v && Concurrency(versions.GetValueOrDefault(v)) is not null)
            .Select(t => t.WorkflowId!.Value).Distinct().ToList();
        var runningByWorkflow = new Dictionary<Guid, long?>();
        foreach (var workflowId in limited)
        {
            runningByWorkflow[workflowId] = await state.RunningRunsAsync(workflowId, cancellationToken).ConfigureAwait(false);
        }

        var result = new List<TaskBlockers>(tasks.Count);
        foreach (var task in tasks)
        {
            var events = eventsOf(task);
            var timeline = AttemptTimeline.For(task.ToSummary(), events ?? []);
            var since = task.IsQueued ? timeline.Current.EnqueuedAt ?? (task.RetryCount == 0 ? task.CreatedAt : null) : timeline.Current.StartedAt ?? task.StartedAt;
            var current = (events ?? []).Where(e => (e.RetryCount ?? (e.Attempt is { } a ? a - 1 : 0)) == timeline.Current.Number - 1).ToList();
            var version = task.VersionId is { } vid ? versions.GetValueOrDefault(vid) : null;
            var running = task.WorkflowId is { } wid ? runningByWorkflow.GetValueOrDefault(wid) : null;
            var causes = task.IsQueued
                ? QueuedCauses(task, current, capacity, limits, version, running)
                : RunningCauses(task, current);
            long? depth = task.ActionId is { } action && depths is not null ? depths.GetValueOrDefault(action.ToLowerInvariant()) : null;
            result.Add(new TaskBlockers(task, timeline.Current.Number, since, causes,
                task.IsQueued && ahead.TryGetValue(task.TaskId, out var n) ? n : null, task.IsQueued ? depth : null, events is not null));
        }

        return result;
    }

    private static List<BlockerCause> QueuedCauses(WaitingTask task, List<V1TaskEvent> events, QueueCapacity? capacity,
        IReadOnlyDictionary<string, RateLimitState>? limits, WorkflowVersion? version, long? running)
    {
        var causes = new List<BlockerCause>();
        var noWorkerEvent = LastOf(events, "REQUEUED_NO_WORKER");
        if (capacity is not null && task.ActionId is { } action)
        {
            var serving = capacity.For(action);
            switch (serving.Coverage)
            {
                case QueueCoverage.NoWorker:
                    causes.Add(WithEvent(new BlockerCause { Kind = BlockerKind.NoWorker, Basis = BlockerBasis.LiveState, ActionId = action }, events, "REQUEUED_NO_WORKER"));
                    break;
                case QueueCoverage.NoActiveWorker:
                    if (serving.PausedWorkers.Count > 0)
                    {
                        causes.Add(WithEvent(new BlockerCause { Kind = BlockerKind.WorkerPaused, Basis = BlockerBasis.LiveState, ActionId = action, Workers = serving.PausedWorkers }, events, "REQUEUED_NO_WORKER"));
                    }

                    if (serving.InactiveWorkers.Count > 0)
                    {
                        causes.Add(WithEvent(new BlockerCause { Kind = BlockerKind.WorkerInactive, Basis = BlockerBasis.LiveState, ActionId = action, Workers = serving.InactiveWorkers }, events, "REQUEUED_NO_WORKER"));
                    }

                    break;
                case QueueCoverage.Full:
                    causes.Add(new BlockerCause
                    {
                        Kind = BlockerKind.WorkersFull, Basis = BlockerBasis.LiveState, ActionId = action, Workers = serving.FullWorkers,
                        SlotsUsed = serving.Active.Sum(w => w.TaskSlotLimit - w.TaskSlotsAvailable), SlotLimit = serving.Active.Sum(w => w.TaskSlotLimit),
                    });
                    break;
            }
        }

        if (RateLimitCause(task, events, limits, version) is { } rateLimited)
        {
            causes.Add(rateLimited);
        }

        if (Concurrency(version) is { } setting && running is { } count && count >= setting.MaxRuns)
        {
            causes.Add(new BlockerCause
            {
                Kind = BlockerKind.ConcurrencyLimit, Basis = BlockerBasis.Heuristic, ActionId = task.ActionId,
                Concurrency = setting with { RunningRuns = count },
            });
        }

        if (LastOf(events, "SCHEDULING_TIMED_OUT") is { } timedOut)
        {
            causes.Add(new BlockerCause
            {
                Kind = BlockerKind.SchedulingTimedOut, Basis = BlockerBasis.Event, ActionId = task.ActionId, EventType = timedOut.EventType,
                EventCount = 1, LastEventAt = timedOut.Timestamp,
            });
        }

        if (causes.Count == 0)
        {
            causes.Add(new BlockerCause
            {
                Kind = BlockerKind.Unexplained, Basis = BlockerBasis.Heuristic, ActionId = task.ActionId,
                EventType = noWorkerEvent?.EventType, EventCount = events.Count(e => e.EventType == "REQUEUED_NO_WORKER"), LastEventAt = noWorkerEvent?.Timestamp,
                Detail = capacity is null ? "workers unknown" : "an ACTIVE worker has free slots and no rate limit or concurrency limit was found reached",
            });
        }

        return causes.OrderBy(c => c.Kind).ToList();
    }

    private static List<BlockerCause> RunningCauses(WaitingTask task, List<V1TaskEvent> events)
    {
        var worker = events.LastOrDefault(e => e.WorkerId is not null)?.WorkerId;
        return
        [
            new BlockerCause
            {
                Kind = BlockerKind.StillRunning, Basis = BlockerBasis.LiveState, ActionId = task.ActionId,
                Detail = worker is { } w ? $"on worker {w}" : null,
            },
        ];
    }

    /// <summary>
    /// An exhausted rate limit the task consumes: one its version declares for its action with fewer units left than
    /// it takes; else, when its events say REQUEUED_RATE_LIMIT, the exhausted limits whose key the events name, or
    /// failing that every exhausted limit (a heuristic: Hatchet shows no other link between a task and a limit).
    /// </summary>
    private static BlockerCause? RateLimitCause(WaitingTask task, List<V1TaskEvent> events, IReadOnlyDictionary<string, RateLimitState>? limits, WorkflowVersion? version)
    {
        if (limits is null)
        {
            return null;
        }

        var declared = LiveState.DeclaredRateLimits(version, task.ActionId, task.TaskName);
        var exhausted = declared.Where(d => limits.TryGetValue(d.Key, out var l) && l.UnitsLeft < d.Units).Select(d => limits[d.Key]).ToList();
        if (exhausted.Count > 0)
        {
            return WithEvent(new BlockerCause { Kind = BlockerKind.RateLimitExhausted, Basis = BlockerBasis.LiveState, ActionId = task.ActionId, RateLimits = exhausted, RateLimitDeclared = true },
                events, "REQUEUED_RATE_LIMIT");
        }

        var said = events.Where(e => e.EventType == "REQUEUED_RATE_LIMIT").ToList();
        if (said.Count == 0)
        {
            return null;
        }

        var empty = limits.Values.Where(l => l.UnitsLeft <= 0).OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
        var named = empty.Where(l => said.Any(e => (e.Message ?? "").Contains(l.Key, StringComparison.Ordinal) || (e.ErrorMessage ?? "").Contains(l.Key, StringComparison.Ordinal))).ToList();
        return WithEvent(new BlockerCause
        {
            Kind = BlockerKind.RateLimitExhausted, Basis = named.Count > 0 ? BlockerBasis.Event : BlockerBasis.Heuristic,
            ActionId = task.ActionId, RateLimits = named.Count > 0 ? named : empty,
        }, events, "REQUEUED_RATE_LIMIT");
    }

    /// <summary>A version's queueing concurrency setting (v1 first, then v0); strategies that cancel or drop do not hold runs.</summary>
    private static ConcurrencyState? Concurrency(WorkflowVersion? version)
    {
        if (version is null)
        {
            return null;
        }

        var v1 = (version.V1Concurrency ?? []).FirstOrDefault(c => c.MaxRuns is > 0 && QueueingStrategies.Contains(c.LimitStrategy ?? ""));
        if (v1 is not null)
        {
            return new ConcurrencyState(v1.MaxRuns!.Value, v1.LimitStrategy, v1.Expression, v1.Scope, 0);
        }

        return version.Concurrency is { MaxRuns: > 0 } v0 && QueueingStrategies.Contains(v0.LimitStrategy ?? "")
            ? new ConcurrencyState(v0.MaxRuns!.Value, v0.LimitStrategy, v0.GetConcurrencyGroup, null, 0)
            : null;
    }

    private static V1TaskEvent? LastOf(List<V1TaskEvent> events, string type) => events.LastOrDefault(e => e.EventType == type);

    /// <summary>Adds the task event that confirms a cause; a cause its own event confirms rests on that event.</summary>
    private static BlockerCause WithEvent(BlockerCause cause, List<V1TaskEvent> events, string type)
    {
        var matching = events.Where(e => e.EventType == type).ToList();
        return matching.Count == 0 ? cause : cause with
        {
            Basis = cause.Basis == BlockerBasis.Heuristic ? BlockerBasis.Heuristic : BlockerBasis.Event,
            EventType = type, EventCount = matching.Count, LastEventAt = matching[^1].Timestamp,
        };
    }
}
