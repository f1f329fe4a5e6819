namespace HatchetMcp.Emulator.Model;

/// <summary>A run scheduled for a given instant. The engine triggers it at <see cref="TriggerAt"/>.</summary>
public sealed class ScheduledRecord
{
    public required Guid Id { get; init; }
    public required TenantData Tenant { get; init; }
    public required WorkflowDefinition Workflow { get; init; }
    public required WorkflowVersionDefinition Version { get; init; }
    public required DateTimeOffset TriggerAt { get; set; }
    public string InputJson { get; init; } = "{}";
    public KeyValuePair<string, string>[] AdditionalMetadata { get; init; } = Model.AdditionalMetadata.Empty;
    public required WorkflowTriggerMethod Method { get; init; }
    public int Priority { get; init; } = 1;
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? ParentWorkflowRunId { get; init; }
    public Guid? ParentStepRunId { get; init; }
    /// <summary>The run it created, once triggered.</summary>
    public RunRecord? Run { get; set; }

    public ScheduledRunStatus Status => Run?.Status switch
    {
        null => ScheduledRunStatus.SCHEDULED,
        V1TaskStatus.QUEUED => ScheduledRunStatus.QUEUED,
        V1TaskStatus.RUNNING => ScheduledRunStatus.RUNNING,
        V1TaskStatus.COMPLETED => ScheduledRunStatus.SUCCEEDED,
        V1TaskStatus.FAILED => ScheduledRunStatus.FAILED,
        _ => ScheduledRunStatus.CANCELLED,
    };
}
