namespace HatchetMcp.Emulator.Model;

/// <summary>A worker label (key with an optional value).</summary>
public sealed record WorkerLabel(Guid Id, string Key, string? Value, DateTimeOffset CreatedAt);

/// <summary>A worker connected to a tenant.</summary>
public sealed class WorkerRecord
{
    /// <summary>A worker whose last heartbeat is older than this is INACTIVE.</summary>
    public static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(5);

    public required Guid Id { get; init; }
    public required TenantData Tenant { get; init; }
    public required string Name { get; init; }
    public WorkerType Type { get; init; } = WorkerType.SELFHOSTED;
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Kept fresh by the engine while <see cref="IsHeartbeating"/>; frozen otherwise.</summary>
    public DateTimeOffset LastHeartbeatAt { get; set; }
    /// <summary>False for a worker that went away: its heartbeat goes stale and it becomes INACTIVE.</summary>
    public bool IsHeartbeating { get; set; } = true;

    private bool _isPaused;
    /// <summary>A paused worker keeps its running tasks but is given no new ones.</summary>
    public bool IsPaused
    {
        get => _isPaused;
        set
        {
            if (_isPaused == value) return;
            _isPaused = value;
            Tenant.DispatchRequested = true; // an unpaused worker may take queued tasks
        }
    }

    /// <summary>Action ids this worker serves, e.g. "order-pipeline:validate".</summary>
    public List<string> Actions { get; } = [];
    /// <summary>The "default" slot limit.</summary>
    public int SlotLimit { get; init; } = 10;
    /// <summary>The "durable" slot limit (0 when the worker runs no durable tasks).</summary>
    public int DurableSlotLimit { get; init; }
    /// <summary>Tasks currently holding a slot on this worker.</summary>
    public List<TaskRecord> RunningTasks { get; } = [];
    public Guid DispatcherId { get; init; }
    public string? SdkVersion { get; init; }
    public WorkerRuntimeSdk? Language { get; init; }
    public string? LanguageVersion { get; init; }
    public string? Os { get; init; }
    public string? RuntimeExtra { get; init; }
    public List<WorkerLabel> Labels { get; } = [];

    public int UsedSlots => CountRunning(durable: false);
    public int UsedDurableSlots => CountRunning(durable: true);
    public int AvailableSlots => Math.Max(0, SlotLimit - UsedSlots);
    public int AvailableDurableSlots => Math.Max(0, DurableSlotLimit - UsedDurableSlots);

    /// <summary>INACTIVE when the last heartbeat is more than 5 s old (overrides PAUSED), else PAUSED or ACTIVE.</summary>
    public WorkerStatus StatusAt(DateTimeOffset now) =>
        now - LastHeartbeatAt > HeartbeatTimeout ? WorkerStatus.INACTIVE
        : IsPaused ? WorkerStatus.PAUSED
        : WorkerStatus.ACTIVE;

    public bool Serves(string actionId)
    {
        for (var i = 0; i < Actions.Count; i++)
        {
            if (string.Equals(Actions[i], actionId, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private int CountRunning(bool durable)
    {
        var n = 0;
        for (var i = 0; i < RunningTasks.Count; i++)
        {
            if (RunningTasks[i].IsDurable == durable) n++;
        }
        return n;
    }
}
