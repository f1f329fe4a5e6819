using HatchetMcp.Hatchet;

namespace HatchetMcp.Findings;

/// <summary>Whether anything can take a queue's next task now.</summary>
public enum QueueCoverage
{
    /// <summary>No worker seen in the last 24 h registers the action.</summary>
    NoWorker,

    /// <summary>Workers register it, but none is ACTIVE (all paused or without a recent heartbeat).</summary>
    NoActiveWorker,

    /// <summary>Every ACTIVE worker registering it has all its task slots in use.</summary>
    Full,

    /// <summary>At least one ACTIVE worker registering it has a free task slot.</summary>
    FreeSlots,
}

/// <summary>One slot pool of a worker (e.g. default, durable).</summary>
public sealed record SlotPool(string Type, int Limit, int Available)
{
    public int Used => Limit - Available;
}

/// <summary>A worker's status and slots, read the way Hatchet reports them (§5.6).</summary>
public sealed record WorkerCapacity(string Name, string Status, IReadOnlyList<SlotPool> Pools, IReadOnlyList<string> Actions)
{
    public bool IsActive => Status == "ACTIVE";

    /// <summary>
    /// Slots that run ordinary tasks: the "default" pool when reported, otherwise every pool together (older servers
    /// report one pool). Durable tasks have their own pool and do not take these.
    /// </summary>
    public int TaskSlotLimit => TaskPools().Sum(p => p.Limit);

    public int TaskSlotsAvailable => TaskPools().Sum(p => p.Available);

    /// <summary>True when the worker has task slots and every one is in use: it takes no further task now.</summary>
    public bool IsFull => TaskSlotLimit > 0 && TaskSlotsAvailable == 0;

    /// <summary>Status and slots as Hatchet reports them; a missing status is worked out from the heartbeat like Hatchet does.</summary>
    public static WorkerCapacity Of(Worker worker, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var pools = (worker.SlotConfig ?? [])
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv =>
            {
                var limit = Math.Max(0, kv.Value.Limit ?? 0);
                return new SlotPool(kv.Key, limit, Math.Clamp(kv.Value.Available ?? limit, 0, limit));
            })
            .ToList();
        if (pools.Count == 0 && worker.MaxRuns is { } maxRuns)
        {
            // Older servers report one pool as maxRuns/availableRuns.
            pools.Add(new SlotPool("default", maxRuns, Math.Clamp(worker.AvailableRuns ?? maxRuns, 0, maxRuns)));
        }

        return new WorkerCapacity(
            worker.Name ?? "(unnamed)",
            StatusOf(worker, now),
            pools,
            (worker.Actions ?? []).Select(a => a.ToLowerInvariant()).Distinct().ToList());
    }

    /// <summary>
    /// The worker's status as Hatchet reports it; when a server leaves it out (the field is optional), worked out the way
    /// Hatchet does: a heartbeat within 5 s is ACTIVE, an older one INACTIVE.
    /// </summary>
    public static string StatusOf(Worker worker, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return !string.IsNullOrWhiteSpace(worker.Status) ? worker.Status.Trim().ToUpperInvariant()
            : worker.LastHeartbeatAt is { } heartbeat ? (now - heartbeat <= TimeSpan.FromSeconds(5) ? "ACTIVE" : "INACTIVE")
            : "UNKNOWN";
    }

    private IEnumerable<SlotPool> TaskPools()
    {
        var ordinary = Pools.Where(p => p.Type == "default").ToList();
        return ordinary.Count > 0 ? ordinary : Pools;
    }
}

/// <summary>Who serves one queue (action id) and whether any of them can take its next task.</summary>
public sealed record QueueServing(
    QueueCoverage Coverage,
    IReadOnlyList<WorkerCapacity> Active,
    IReadOnlyList<string> FullWorkers,
    IReadOnlyList<string> PausedWorkers,
    IReadOnlyList<string> InactiveWorkers)
{
    /// <summary>Free task slots over the ACTIVE workers serving the queue.</summary>
    public int FreeSlots => Active.Sum(w => w.TaskSlotsAvailable);
}

/// <summary>
/// Queue capacity from the worker list: which workers register each action (queue name = action id), which of them
/// are ACTIVE, paused or inactive, and whether the ACTIVE ones are all full. Computed in one place for every answer
/// that talks about capacity.
/// </summary>
public sealed class QueueCapacity
{
    private readonly IReadOnlyList<WorkerCapacity> workers;

    private QueueCapacity(IReadOnlyList<WorkerCapacity> workers) => this.workers = workers;

    public static QueueCapacity From(IEnumerable<Worker> workers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(workers);
        return new QueueCapacity(workers.Select(w => WorkerCapacity.Of(w, now)).ToList());
    }

    /// <summary>Who serves the queue of this action id (compared case-insensitively, as Hatchet lower-cases them).</summary>
    public QueueServing For(string actionId)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        var action = actionId.ToLowerInvariant();
        var serving = workers.Where(w => w.Actions.Contains(action)).ToList();
        var active = serving.Where(w => w.IsActive).ToList();
        var full = active.Where(w => w.IsFull).Select(w => w.Name).Order(StringComparer.Ordinal).ToList();
        var paused = serving.Where(w => w.Status == "PAUSED").Select(w => w.Name).Order(StringComparer.Ordinal).ToList();
        var inactive = serving.Where(w => !w.IsActive && w.Status != "PAUSED").Select(w => w.Name).Order(StringComparer.Ordinal).ToList();
        var coverage = serving.Count == 0 ? QueueCoverage.NoWorker
            : active.Count == 0 ? QueueCoverage.NoActiveWorker
            : full.Count == active.Count ? QueueCoverage.Full
            : QueueCoverage.FreeSlots;
        return new QueueServing(coverage, active, full, paused, inactive);
    }
}
