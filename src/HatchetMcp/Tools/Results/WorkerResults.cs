using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

public sealed record SlotUsage
{
    public required string Type { get; init; }

    public int Used { get; init; }
    public int Available { get; init; }
    public int Limit { get; init; }
}

public sealed record WorkerRow
{
    public Guid Id { get; init; }
    public required string Name { get; init; }

    [Description("ACTIVE, PAUSED or INACTIVE (no heartbeat 5 s).")]
    public required string Status { get; init; }

    public string? LastHeartbeatAt { get; init; }
    public long? HeartbeatAgeSeconds { get; init; }
    public int SlotsUsed { get; init; }
    public int SlotsAvailable { get; init; }
    public int SlotsLimit { get; init; }

    [Description("Every task slot (default pool) in use.")]
    public bool Full { get; init; }

    public required IReadOnlyList<SlotUsage> Slots { get; init; }
    public int ActionsCount { get; init; }
    public bool Paused { get; init; }
    public string? Runtime { get; init; }
    public string? Url { get; init; }
}

/// <summary>Answer of list_workers.</summary>
public sealed record ListWorkersResult
{
    public string? StatusFilter { get; init; }
    [Description("Seen in 24h in the tenant, any status.")]
    public int Total { get; init; }
    public required IReadOnlyDictionary<string, int> ByStatus { get; init; }
    public required IReadOnlyList<WorkerRow> Workers { get; init; }

    [Description("Left out; how to narrow.")]
    public string? Cut { get; init; }
}
