using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

public sealed record RunRow
{
    public Guid Id { get; init; }

    // The workflow by name only: names are unique in a tenant and every tool takes them. An id per row was 16% of a
    // page's structured answer; a list filtered by workflow gives the id once, at the top.
    public string? WorkflowName { get; init; }

    [Description("QUEUED, RUNNING, COMPLETED, CANCELLED or FAILED.")]
    public required string Status { get; init; }

    public string? CreatedAt { get; init; }

    [Description("Of the current attempt.")]
    public string? StartedAt { get; init; }

    public string? FinishedAt { get; init; }

    [Description("Start to finish (or now).")]
    public long? DurationMs { get; init; }

    [Description("1 = first; >1 after a retry or replay.")]
    public int? Attempt { get; init; }

    [Description("First line.")]
    public string? Error { get; init; }

    [Description("Error with varying values masked.")]
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
    [Description("For get_run_logs.")]
    public Guid Id { get; init; }

    public string? Name { get; init; }
    public required string Status { get; init; }

    [Description("Current attempt, 1 = first; the times describe it.")]
    public int? Attempt { get; init; }

    [Description("creation, retry or replay.")]
    public string? QueuedBy { get; init; }

    [Description("Of the current attempt.")]
    public string? QueuedAt { get; init; }

    [Description("Queued to start (or now).")]
    public long? WaitedMs { get; init; }

    public string? StartedAt { get; init; }
    public string? FinishedAt { get; init; }
    public long? DurationMs { get; init; }

    [Description("Of the current attempt.")]
    public string? Error { get; init; }

    public string? ErrorSignature { get; init; }

    [Description("Error lines not shown.")]
    public int ErrorMoreLines { get; init; }

    [Description("Oldest first.")]
    public IReadOnlyList<AttemptError>? EarlierErrors { get; init; }
}

public sealed record AttemptError
{
    [Description("0: Hatchet did not say.")]
    public int Attempt { get; init; }

    [Description("First line.")]
    public required string Error { get; init; }
}

/// <summary>Answer of get_run: a run with its tasks, or one task of a DAG run.</summary>
public sealed record GetRunResult
{
    [Description("run, or task (inside a DAG run).")]
    public required string Kind { get; init; }

    [Description("For a task, its owning run.")]
    public Guid RunId { get; init; }

    [Description("The task id, when the id given was a task.")]
    public Guid? TaskId { get; init; }

    public string? DisplayName { get; init; }
    public string? WorkflowName { get; init; }
    public Guid? WorkflowId { get; init; }
    public required string Status { get; init; }
    public string? CreatedAt { get; init; }

    [Description("creation, retry or replay.")]
    public string? QueuedBy { get; init; }

    [Description("Of the current attempt.")]
    public string? QueuedAt { get; init; }

    [Description("Of the current attempt.")]
    public string? StartedAt { get; init; }

    public string? FinishedAt { get; init; }

    [Description("Queued to start (or now).")]
    public long? QueuedMs { get; init; }

    [Description("Start to finish (or now).")]
    public long? DurationMs { get; init; }

    [Description("Current attempt, 1 = first; the times describe it.")]
    public int? Attempt { get; init; }

    [Description("Of the current attempt.")]
    public string? Error { get; init; }
    public string? ErrorSignature { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    [Description("Keys with short values.")]
    public required string InputSummary { get; init; }

    [Description("Oldest first.")]
    public IReadOnlyList<AttemptError>? EarlierErrors { get; init; }

    public required IReadOnlyList<TaskRow> Tasks { get; init; }

    [Description("What the budget left out; how to see it.")]
    public string? TasksCut { get; init; }

    [Description("Steps with no task yet (never, once the run ended).")]
    public required IReadOnlyList<string> PendingSteps { get; init; }
    public string? Url { get; init; }
}
