using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

/// <summary>Answer of get_worker.</summary>
public sealed record GetWorkerResult
{
    public Guid Id { get; init; }
    public required string Name { get; init; }

    [Description("ACTIVE, PAUSED or INACTIVE (no heartbeat for 5 s; overrides PAUSED).")]
    public required string Status { get; init; }

    [Description("Why the worker takes no tasks, when it is not ACTIVE.")]
    public string? StatusReason { get; init; }

    public string? LastHeartbeatAt { get; init; }
    public long? HeartbeatAgeSeconds { get; init; }

    [Description("Slot pools by type; tasks use default, durable tasks durable.")]
    public required IReadOnlyList<SlotUsage> Slots { get; init; }

    [Description("Every default (task) slot in use: it takes no further task now.")]
    public bool Full { get; init; }

    [Description("Action ids it serves (workflow:task), clipped; see ActionsCount.")]
    public required IReadOnlyList<string> Actions { get; init; }

    public int ActionsCount { get; init; }
    public required IReadOnlyList<WorkflowRef> RegisteredWorkflows { get; init; }

    [Description("Labels as key=value.")]
    public required IReadOnlyList<string> Labels { get; init; }

    [Description("SDK language, its version, SDK version, OS.")]
    public string? Runtime { get; init; }

    [Description("SELFHOSTED, MANAGED or WEBHOOK.")]
    public string? Type { get; init; }
    public string? Url { get; init; }
}

public sealed record WorkflowRef
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public string? Url { get; init; }
}
