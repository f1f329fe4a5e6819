namespace HatchetMcp.Emulator.Model;

/// <summary>
/// Everything one tenant owns. Not thread-safe: every reader and writer holds <see cref="EmulatorStore.Sync"/>.
/// Adding or removing goes through these methods so the store's global id lookups stay in step.
/// </summary>
public sealed class TenantData
{
    private readonly List<RunRecord> _runs = [];
    private readonly List<WorkflowDefinition> _workflows = [];
    private readonly List<WorkerRecord> _workers = [];
    private readonly List<EventRecord> _events = [];
    private readonly List<CronRecord> _crons = [];
    private readonly List<ScheduledRecord> _scheduled = [];
    private readonly List<RateLimitRecord> _rateLimits = [];
    private long _lastTaskId;
    private long _lastTaskEventId;

    public TenantData(EmulatorStore store, Guid id, string name, string slug, DateTimeOffset createdAt, ulong seed)
    {
        Store = store;
        Id = id;
        Name = name;
        Slug = slug;
        CreatedAt = createdAt;
        Seed = seed;
        Ids = new DeterministicIds(seed);
    }

    public EmulatorStore Store { get; }
    public Guid Id { get; }
    public string Name { get; }
    public string Slug { get; }
    public TenantVersion Version { get; init; } = TenantVersion.V1;
    public TenantEnvironment Environment { get; init; } = TenantEnvironment.production;
    public DateTimeOffset CreatedAt { get; }
    /// <summary>Seed of every random choice made for this tenant (ids, durations, outcomes, log lines).</summary>
    public ulong Seed { get; }
    /// <summary>Deterministic id source for new runs, tasks, crons, schedules and events.</summary>
    public DeterministicIds Ids { get; }
    /// <summary>Engine bookkeeping: something changed (e.g. a worker was unpaused) that may let queued tasks start.</summary>
    public bool DispatchRequested { get; set; }

    public IReadOnlyList<WorkflowDefinition> Workflows => _workflows;
    /// <summary>Runs ordered oldest first by (insertedAt, id); use <see cref="RunsNewestFirst"/> for list order.</summary>
    public IReadOnlyList<RunRecord> RunsOldestFirst => _runs;
    public IReadOnlyList<WorkerRecord> Workers => _workers;
    /// <summary>Events ordered oldest first by seenAt.</summary>
    public IReadOnlyList<EventRecord> Events => _events;
    public IReadOnlyList<CronRecord> Crons => _crons;
    public IReadOnlyList<ScheduledRecord> Scheduled => _scheduled;
    public IReadOnlyList<RateLimitRecord> RateLimits => _rateLimits;

    /// <summary>Runs in the list endpoint's order: inserted_at DESC, id DESC.</summary>
    public IEnumerable<RunRecord> RunsNewestFirst()
    {
        for (var i = _runs.Count - 1; i >= 0; i--) yield return _runs[i];
    }

    /// <summary>Index of the first run (oldest-first order) inserted at or after <paramref name="since"/>.</summary>
    public int FirstRunIndexAtOrAfter(DateTimeOffset since)
    {
        int lo = 0, hi = _runs.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_runs[mid].InsertedAt < since) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    public long NextTaskId() => ++_lastTaskId;
    public long NextTaskEventId() => ++_lastTaskEventId;

    public WorkflowDefinition? FindWorkflow(string name) => _workflows.Find(w => w.Name == name);

    public void AddWorkflow(WorkflowDefinition workflow)
    {
        _workflows.Add(workflow);
        Store.Register(workflow);
    }

    /// <summary>Registers a new version (e.g. a deploy) as the workflow's latest.</summary>
    public void AddWorkflowVersion(WorkflowVersionDefinition version)
    {
        version.Workflow.Versions.Add(version);
        version.Workflow.UpdatedAt = version.CreatedAt;
        Store.Register(version);
    }

    public void RemoveWorkflow(WorkflowDefinition workflow)
    {
        _workflows.Remove(workflow);
        Store.Unregister(workflow);
    }

    /// <summary>Adds a run (and its existing tasks) keeping (insertedAt, id) order; new runs usually go last.</summary>
    public void AddRun(RunRecord run)
    {
        var i = _runs.Count;
        while (i > 0 && Compare(_runs[i - 1], run) > 0) i--;
        _runs.Insert(i, run);
        Store.Register(run);
        foreach (var t in run.Tasks) Store.Register(t);
    }

    /// <summary>Registers a task created after its run was added (a DAG child).</summary>
    public void AddTask(TaskRecord task)
    {
        task.Run.Tasks.Add(task);
        Store.Register(task);
    }

    public void AddWorker(WorkerRecord worker)
    {
        _workers.Add(worker);
        Store.Register(worker);
    }

    public void AddEvent(EventRecord e)
    {
        var i = _events.Count;
        while (i > 0 && _events[i - 1].SeenAt > e.SeenAt) i--;
        _events.Insert(i, e);
        Store.Register(e);
    }

    public void AddCron(CronRecord cron)
    {
        _crons.Add(cron);
        Store.Register(cron);
    }

    public bool RemoveCron(CronRecord cron)
    {
        Store.Unregister(cron);
        return _crons.Remove(cron);
    }

    public void AddScheduled(ScheduledRecord scheduled)
    {
        _scheduled.Add(scheduled);
        Store.Register(scheduled);
    }

    public bool RemoveScheduled(ScheduledRecord scheduled)
    {
        Store.Unregister(scheduled);
        return _scheduled.Remove(scheduled);
    }

    public void AddRateLimit(RateLimitRecord rateLimit) => _rateLimits.Add(rateLimit);

    public RateLimitRecord? FindRateLimit(string key) => _rateLimits.Find(r => r.Key == key);

    public bool RemoveRateLimit(string key) => _rateLimits.RemoveAll(r => r.Key == key) > 0;

    private static int Compare(RunRecord a, RunRecord b)
    {
        var c = a.InsertedAt.CompareTo(b.InsertedAt);
        return c != 0 ? c : a.ExternalId.CompareTo(b.ExternalId); // Guid order = Postgres uuid order
    }
}
