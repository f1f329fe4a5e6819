namespace HatchetMcp.Emulator.Model;

/// <summary>One task of a run (a DAG step or the single task of a standalone run).</summary>
public sealed class TaskRecord
{
    /// <summary>The task's external id; equal to the run's id for a standalone (TASK) run.</summary>
    public required Guid ExternalId { get; init; }
    /// <summary>Internal numeric id, increasing per tenant.</summary>
    public required long TaskId { get; init; }
    public required RunRecord Run { get; init; }
    public required StepDefinition Step { get; init; }
    public required DateTimeOffset InsertedAt { get; init; }
    /// <summary>"&lt;workflowName&gt;-&lt;unixMillis&gt;" for a standalone task, "&lt;taskName&gt;-&lt;unixMillis&gt;" in a DAG (computed: saves memory).</summary>
    public string DisplayName => Run.IsDag
        ? $"{Step.ReadableId}-{InsertedAt.ToUnixTimeMilliseconds()}"
        : Run.DisplayName;

    public V1TaskStatus Status { get; set; } = V1TaskStatus.QUEUED;
    /// <summary>0-based; the attempt is RetryCount + 1.</summary>
    public int RetryCount { get; set; }
    /// <summary>Automatic retries used since the task was created or last replayed (Hatchet's app_retry_count):
    /// a replay resets it, so a replayed task gets its full retries again.</summary>
    public int AppRetryCount { get; set; }
    public DateTimeOffset? QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public Guid? WorkerId { get; set; }
    /// <summary>"" when none (the server always sends the field).</summary>
    public string ErrorMessage { get; set; } = "";
    /// <summary>JSON text of the output, null until the task completes.</summary>
    public string? OutputJson { get; set; }
    /// <summary>Events in the order they happened (ids increasing).</summary>
    public List<TaskEventRecord> Events { get; } = new(4);

    /// <summary>Engine bookkeeping: bumped whenever pending engine actions for this task become stale.</summary>
    public int Generation { get; set; }
    /// <summary>Engine bookkeeping: reset by a replay and waiting for its DAG parents before it is queued.</summary>
    public bool AwaitingParents { get; set; }

    public int Attempt => RetryCount + 1;
    public Guid TenantId => Run.Tenant.Id;
    public bool IsDurable => Step.IsDurable;
    public string ActionId => Step.ActionId;
    public TimeSpan? Duration => StartedAt is { } s && FinishedAt is { } f ? f - s : null;
}
