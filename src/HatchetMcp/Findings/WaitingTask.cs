using HatchetMcp.Hatchet;

namespace HatchetMcp.Findings;

/// <summary>A QUEUED or RUNNING task, with what is needed to explain it (from a task-list row or a run's details).</summary>
public sealed record WaitingTask(
    Guid TaskId,
    Guid RunId,
    string? TaskName,
    string? ActionId,
    string Status,
    Guid? WorkflowId,
    string? WorkflowName,
    Guid? VersionId,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? StartedAt,
    int RetryCount)
{
    public bool IsQueued => Status == V1TaskStatuses.Queued;

    /// <summary>A task row of the runs list (only_tasks=true); null when it lacks an id.</summary>
    public static WaitingTask? From(V1RunListRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Metadata?.Id is not { } id ? null : new WaitingTask(id, row.WorkflowRunExternalId ?? id, row.DisplayName,
            string.IsNullOrEmpty(row.ActionId) ? null : row.ActionId, row.Status ?? "", row.WorkflowId, row.WorkflowName,
            row.WorkflowVersionId, row.CreatedAt ?? row.Metadata.CreatedAt, Shaping.TimeText.Meaningful(row.StartedAt), row.RetryCount ?? 0);
    }

    /// <summary>A task of a run's details (or a task read alone).</summary>
    public static WaitingTask? From(V1TaskSummary task, Guid? runId)
    {
        ArgumentNullException.ThrowIfNull(task);
        return (task.TaskExternalId ?? task.Metadata?.Id) is not { } id ? null : new WaitingTask(id, task.WorkflowRunExternalId ?? runId ?? id,
            task.DisplayName, string.IsNullOrEmpty(task.ActionId) ? null : task.ActionId, task.Status ?? "", task.WorkflowId, task.WorkflowName,
            task.WorkflowVersionId, task.CreatedAt ?? task.Metadata?.CreatedAt ?? task.TaskInsertedAt, Shaping.TimeText.Meaningful(task.StartedAt),
            task.RetryCount ?? (task.Attempt is { } a ? a - 1 : 0));
    }

    /// <summary>The task as a summary, so <see cref="AttemptTimeline"/> can read its attempts from its events.</summary>
    public V1TaskSummary ToSummary() => new()
    {
        TaskExternalId = TaskId, Status = Status, CreatedAt = CreatedAt, StartedAt = StartedAt, RetryCount = RetryCount,
    };
}
