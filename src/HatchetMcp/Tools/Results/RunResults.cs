using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

public sealed record RunRow
{
    [Description("Run id (pass to get_run, get_run_logs, cancel_runs, replay_runs).")]
    public Guid Id { get; init; }

    // The workflow by name only: names are unique in a tenant and every tool takes them. An id per row was 16% of a
    // page's structured answer; a list filtered by workflow gives the id once, at the top.
    public string? WorkflowName { get; init; }

    [Description("QUEUED, RUNNING, COMPLETED, CANCELLED or FAILED.")]
    public required string Status { get; init; }

    public string? CreatedAt { get; init; }

    [Description("Start of the current attempt.")]
    public string? StartedAt { get; init; }

    public string? FinishedAt { get; init; }

    [Description("Milliseconds from start to finish (or to now while running).")]
    public long? DurationMs { get; init; }

    [Description("Current attempt (1 = first); above 1 after a retry or replay.")]
    public int? Attempt { get; init; }

    [Description("First line of the error, for failed runs.")]
    public string? Error { get; init; }

    [Description("Error with ids, numbers and times masked, to group like failures.")]
    public string? ErrorSignature { get; init; }
    public string? Url { get; init; }
}

/// <summary>Answer of list_runs.</summary>
public sealed record ListRunsResult
{
    public required string Since { get; init; }
    public string? Until { get; init; }
    public required IReadOnlyList<string> Statuses { get; init; }
    public Guid? WorkflowId { get; init; }
    public string? WorkflowName { get; init; }
    public required IReadOnlyList<string> Metadata { get; init; }
    public required PageResult Page { get; init; }
    public required IReadOnlyList<RunRow> Runs { get; init; }
}

public sealed record TaskRow
{
    [Description("Task id (pass to get_run_logs for this task's lines).")]
    public Guid Id { get; init; }

    public string? Name { get; init; }
    public required string Status { get; init; }

    [Description("Current attempt (1 = first); the times describe it.")]
    public int? Attempt { get; init; }

    [Description("Why the current attempt was queued: creation, retry or replay.")]
    public string? QueuedBy { get; init; }

    [Description("When the current attempt was queued.")]
    public string? QueuedAt { get; init; }

    [Description("Current attempt's wait in ms: queued to start, or to now.")]
    public long? WaitedMs { get; init; }

    public string? StartedAt { get; init; }
    public string? FinishedAt { get; init; }
    public long? DurationMs { get; init; }

    [Description("The current attempt's error.")]
    public string? Error { get; init; }

    public string? ErrorSignature { get; init; }

    [Description("Further lines of the error (stack frames) not shown.")]
    public int ErrorMoreLines { get; init; }

    [Description("Errors of earlier attempts, oldest first.")]
    public IReadOnlyList<AttemptError>? EarlierErrors { get; init; }
}

public sealed record AttemptError
{
    [Description("The attempt that failed (1 = first); 0 when Hatchet did not say which.")]
    public int Attempt { get; init; }

    [Description("First line of its error.")]
    public required string Error { get; init; }
}

/// <summary>Answer of get_run: a run with its tasks, or one task of a DAG run.</summary>
public sealed record GetRunResult
{
    [Description("\"run\" when the id is a run, \"task\" when it is a task inside a DAG run.")]
    public required string Kind { get; init; }

    [Description("The run the answer is about (the owning run for a task).")]
    public Guid RunId { get; init; }

    [Description("The task id, when the id given was a task.")]
    public Guid? TaskId { get; init; }

    public string? DisplayName { get; init; }
    public string? WorkflowName { get; init; }
    public Guid? WorkflowId { get; init; }
    public required string Status { get; init; }
    public string? CreatedAt { get; init; }

    [Description("Why the current attempt was queued: creation, retry or replay.")]
    public string? QueuedBy { get; init; }

    [Description("When the current attempt was queued.")]
    public string? QueuedAt { get; init; }

    [Description("Start of the current attempt.")]
    public string? StartedAt { get; init; }

    public string? FinishedAt { get; init; }

    [Description("Current attempt's wait in ms: queued to start, or to now.")]
    public long? QueuedMs { get; init; }

    [Description("Milliseconds from start to finish (or to now while running).")]
    public long? DurationMs { get; init; }

    [Description("Current attempt (1 = first); the times describe it.")]
    public int? Attempt { get; init; }

    [Description("The current attempt's error.")]
    public string? Error { get; init; }
    public string? ErrorSignature { get; init; }

    [Description("Run metadata as key/value text.")]
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    [Description("Input keys with short values; never the whole payload.")]
    public required string InputSummary { get; init; }

    [Description("Errors of earlier attempts, oldest first.")]
    public IReadOnlyList<AttemptError>? EarlierErrors { get; init; }

    public required IReadOnlyList<TaskRow> Tasks { get; init; }

    [Description("Tasks left out to fit the output budget, and how to see them.")]
    public string? TasksCut { get; init; }

    [Description("Steps without a task: not created yet, or never once the run ended.")]
    public required IReadOnlyList<string> PendingSteps { get; init; }
    public string? Url { get; init; }
}
