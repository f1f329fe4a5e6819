using System.Text;

namespace HatchetMcp.Emulator.Model;

/// <summary>One workflow run (a DAG run or a standalone task run).</summary>
public sealed class RunRecord
{
    public required Guid ExternalId { get; init; }
    public required TenantData Tenant { get; init; }
    public required WorkflowDefinition Workflow { get; init; }
    public required WorkflowVersionDefinition Version { get; init; }
    public required DateTimeOffset InsertedAt { get; init; }
    /// <summary>"&lt;workflowName&gt;-&lt;unixMillis&gt;" (computed: saves memory on large scenarios).</summary>
    public string DisplayName => $"{Workflow.Name}-{InsertedAt.ToUnixTimeMilliseconds()}";
    /// <summary>JSON object text of the input.</summary>
    public required string InputJson { get; init; }
    /// <summary>The value of its version's concurrency expression for this run (null when the version sets no concurrency).</summary>
    public string? ConcurrencyKey { get; init; }
    public KeyValuePair<string, string>[] AdditionalMetadata { get; init; } = Model.AdditionalMetadata.Empty;
    /// <summary>1..3, 3 is the most urgent.</summary>
    public int Priority { get; init; } = 1;
    public Guid? ParentTaskExternalId { get; init; }
    public Guid? TriggeringEventExternalId { get; init; }

    /// <summary>Tasks created so far, in creation order (a DAG creates children when their parents complete).</summary>
    public List<TaskRecord> Tasks { get; } = [];

    /// <summary>Stored status, kept up to date by <see cref="RecomputeStatus"/> (DAG rule of server-behaviour.md §4).</summary>
    public V1TaskStatus Status { get; set; } = V1TaskStatus.QUEUED;

    public bool IsDag => Workflow.IsDag;
    public Guid TenantId => Tenant.Id;

    /// <summary>Earliest task start, if any task started.</summary>
    public DateTimeOffset? StartedAt
    {
        get
        {
            DateTimeOffset? min = null;
            foreach (var t in Tasks)
            {
                if (t.StartedAt is { } s && (min is null || s < min)) min = s;
            }
            return min;
        }
    }

    /// <summary>Latest task finish, only once the run is final.</summary>
    public DateTimeOffset? FinishedAt
    {
        get
        {
            if (!Status.IsFinal()) return null;
            DateTimeOffset? max = null;
            foreach (var t in Tasks)
            {
                if (t.FinishedAt is { } f && (max is null || f > max)) max = f;
            }
            return max;
        }
    }

    /// <summary>The error of the first failed task, "" if none.</summary>
    public string ErrorMessage
    {
        get
        {
            foreach (var t in Tasks)
            {
                if (t.Status == V1TaskStatus.FAILED && t.ErrorMessage.Length > 0) return t.ErrorMessage;
            }
            return "";
        }
    }

    public TaskRecord? FindTask(StepDefinition step)
    {
        foreach (var t in Tasks)
        {
            if (ReferenceEquals(t.Step, step)) return t;
        }
        return null;
    }

    /// <summary>
    /// The run's output object: the task output for a standalone run, and for a DAG an object keyed by task name
    /// holding each completed task's output. Always a JSON object ("{}" when empty).
    /// </summary>
    public string BuildOutputJson()
    {
        if (!IsDag) return Tasks.Count > 0 && Tasks[0].OutputJson is { } o ? o : "{}";
        var sb = new StringBuilder("{");
        foreach (var t in Tasks)
        {
            if (t.Status != V1TaskStatus.COMPLETED || t.OutputJson is null) continue;
            if (sb.Length > 1) sb.Append(',');
            sb.Append('"').Append(t.Step.ReadableId).Append("\":").Append(t.OutputJson);
        }
        return sb.Append('}').ToString();
    }

    /// <summary>
    /// Re-derives <see cref="Status"/> from the tasks. A standalone run mirrors its task. A DAG follows the server's
    /// order: all queued (and all created) keeps the status; any running or queued task makes it RUNNING; then any
    /// failed task FAILED; any cancelled task CANCELLED; all tasks created and completed COMPLETED; else RUNNING.
    /// </summary>
    public void RecomputeStatus()
    {
        if (Tasks.Count == 0) return;
        if (!IsDag)
        {
            Status = Tasks[0].Status;
            return;
        }
        bool allQueued = true, anyActive = false, anyFailed = false, anyCancelled = false;
        foreach (var t in Tasks)
        {
            if (t.Status != V1TaskStatus.QUEUED) allQueued = false;
            if (t.Status is V1TaskStatus.QUEUED or V1TaskStatus.RUNNING) anyActive = true;
            if (t.Status == V1TaskStatus.FAILED) anyFailed = true;
            if (t.Status == V1TaskStatus.CANCELLED) anyCancelled = true;
        }
        var allCreated = Tasks.Count == Version.Steps.Count;
        if (allQueued && allCreated) return;
        if (anyActive) Status = allQueued && Status == V1TaskStatus.QUEUED ? V1TaskStatus.QUEUED : V1TaskStatus.RUNNING;
        else if (anyFailed) Status = V1TaskStatus.FAILED;
        else if (anyCancelled) Status = V1TaskStatus.CANCELLED;
        else Status = allCreated ? V1TaskStatus.COMPLETED : V1TaskStatus.RUNNING;
    }
}
