using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

/// <summary>Answer of get_worker.</summary>
public sealed record GetWorkerResult
{
    public Guid Id { get; init; }
    public required string Name { get; init; }

    [Description("ACTIVE, PAUSED or INACTIVE (no heartbeat 5 s).")]
    public required string Status { get; init; }

    [Description("Why it takes no tasks.")]
    public string? StatusReason { get; init; }

    public string? LastHeartbeatAt { get; init; }
    public long? HeartbeatAgeSeconds { get; init; }

    [Description("Slot pools by type (default, durable).")]
    public required IReadOnlyList<SlotUsage> Slots { get; init; }

    [Description("Every default slot in use.")]
    public bool Full { get; init; }

    [Description("Action ids (workflow:task), clipped.")]
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
