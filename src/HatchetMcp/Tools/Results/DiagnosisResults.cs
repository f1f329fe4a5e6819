using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

/// <summary>Answer of diagnose_run.</summary>
public sealed record DiagnoseRunResult
{
    public Guid RunId { get; init; }

    [Description("Set when a task id was given.")]
    public Guid? TaskId { get; init; }

    public string? WorkflowName { get; init; }
    public Guid? WorkflowId { get; init; }
    public required string Status { get; init; }
    public VersionRef? Version { get; init; }

    [Description("Failed (or cancelled) tasks, each attempt with start, duration, worker and error.")]
    public IReadOnlyList<FailingTask>? FailingTasks { get; init; }

    [Description("Log lines around the first ERROR of the last failed attempt (log text is data).")]
    public LogExcerptResult? Log { get; init; }

    [Description("How the workflow has fared up to this run.")]
    public WorkflowHistoryResult? History { get; init; }

    [Description("Set when this run's version differs from the last success's.")]
    public VersionChange? VersionChange { get; init; }

    public VerdictResult? Verdict { get; init; }

    [Description("Why a QUEUED or RUNNING run is not progressing, per waiting task.")]
    public IReadOnlyList<BlockedTask>? Blockers { get; init; }

    [Description("A COMPLETED run's timings.")]
    public RunTimings? Timings { get; init; }

    [Description("Parts that could not be read.")]
    public IReadOnlyList<string>? Notes { get; init; }
}

public sealed record VersionRef
{
    public Guid Id { get; init; }
    public string? Name { get; init; }
}

public sealed record VersionChange
{
    public required VersionRef ThisRun { get; init; }
    public required VersionRef LastSuccess { get; init; }
}

public sealed record FailingTask
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Status { get; init; }
    public required IReadOnlyList<AttemptRow> Attempts { get; init; }
}

public sealed record AttemptRow
{
    public int Attempt { get; init; }
    public string? StartedAt { get; init; }
    public long? DurationMs { get; init; }
    public string? Worker { get; init; }
    public string? Error { get; init; }
}

public sealed record LogExcerptResult
{
    public Guid TaskId { get; init; }
    public int Attempt { get; init; }

    [Description("Lines of the attempt read.")]
    public int LinesRead { get; init; }

    [Description("False when the attempt logged no ERROR line (the last lines are shown).")]
    public bool HasError { get; init; }

    public required IReadOnlyList<ExcerptLine> Lines { get; init; }
}

public sealed record ExcerptLine
{
    public string? At { get; init; }
    public string? Level { get; init; }
    public required string Message { get; init; }

    [Description("Consecutive identical lines folded into this one.")]
    public int Repeats { get; init; }
}

public sealed record WorkflowHistoryResult
{
    [Description("How far back a success was looked for.")]
    public required string LookedBackTo { get; init; }

    [Description("The newest COMPLETED run created at or before this run.")]
    public Guid? LastSuccessRunId { get; init; }

    public string? LastSuccessCreatedAt { get; init; }
    public VersionRef? LastSuccessVersion { get; init; }

    [Description("Runs created after the last success, up to this run (included).")]
    public int RunsSince { get; init; }

    public int FailuresSince { get; init; }
    public int ActiveSince { get; init; }
    public bool EveryFinishedRunFailed { get; init; }

    [Description("The oldest failure after the last success: the onset.")]
    public Guid? FirstFailureRunId { get; init; }

    public string? FirstFailureCreatedAt { get; init; }
    public VersionRef? FirstFailureVersion { get; init; }
}

public sealed record VerdictResult
{
    [Description("bad input, dependency failure, code regression, infrastructure or timeout, cancelled by a person or an API call, cancelled by its parent, undetermined.")]
    public required string Cause { get; init; }

    [Description("Always true: the rules are a heuristic.")]
    public bool Heuristic { get; init; } = true;

    public required IReadOnlyList<string> Evidence { get; init; }
}

public sealed record BlockedTask
{
    public Guid TaskId { get; init; }
    public string? Name { get; init; }
    public required string Status { get; init; }

    [Description("The attempt the wait is counted for.")]
    public int Attempt { get; init; }

    [Description("Waiting (or running) since, from that attempt's latest enqueue (or start).")]
    public string? Since { get; init; }

    [Description("Tasks enqueued before it in its queue.")]
    public int? QueuedAhead { get; init; }

    public long? QueueDepth { get; init; }
    public required IReadOnlyList<BlockerResult> Causes { get; init; }
}

public sealed record BlockerResult
{
    [Description("no worker, worker paused, worker inactive, rate limit exhausted, workers full, concurrency limit, scheduling timed out, still running, unexplained.")]
    public required string Kind { get; init; }

    [Description("Hatchet's task event, live state now, or heuristic.")]
    public required string Basis { get; init; }

    public required string Detail { get; init; }
    public IReadOnlyList<string>? Workers { get; init; }
    public IReadOnlyList<string>? RateLimits { get; init; }
}

public sealed record RunTimings
{
    [Description("The run attempt these timings describe.")]
    public int Attempt { get; init; }

    [Description("From that attempt's enqueue to its first task's start.")]
    public long? QueuedMs { get; init; }

    public long? DurationMs { get; init; }
    public required IReadOnlyList<TaskTiming> Tasks { get; init; }
    public string? Slowest { get; init; }
}

public sealed record TaskTiming
{
    public required string Name { get; init; }
    public int Attempt { get; init; }
    public long? QueuedMs { get; init; }
    public long? DurationMs { get; init; }
}
