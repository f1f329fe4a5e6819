using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

/// <summary>Answer of diagnose_run.</summary>
public sealed record DiagnoseRunResult
{
    public Guid RunId { get; init; }

    public Guid? TaskId { get; init; }

    public string? WorkflowName { get; init; }
    public Guid? WorkflowId { get; init; }
    public required string Status { get; init; }
    public VersionRef? Version { get; init; }

    public IReadOnlyList<FailingTask>? FailingTasks { get; init; }

    [Description("Around the first ERROR of the last failed attempt.")]
    public LogExcerptResult? Log { get; init; }

    public WorkflowHistoryResult? History { get; init; }

    [Description("Not the last success's version.")]
    public bool VersionChanged { get; init; }

    public VerdictResult? Verdict { get; init; }

    public IReadOnlyList<BlockedTask>? Blockers { get; init; }

    public RunTimings? Timings { get; init; }

    public IReadOnlyList<string>? Notes { get; init; }

    public string? Url { get; init; }
}

public sealed record VersionRef
{
    public Guid Id { get; init; }
    public string? Name { get; init; }
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

    public int LinesRead { get; init; }

    public bool HasError { get; init; }

    public required IReadOnlyList<ExcerptLine> Lines { get; init; }
}

public sealed record ExcerptLine
{
    public string? At { get; init; }
    public string? Level { get; init; }
    public required string Message { get; init; }

    public int Repeats { get; init; }
}

public sealed record WorkflowHistoryResult
{

    public Guid? LastSuccessRunId { get; init; }

    public string? LastSuccessCreatedAt { get; init; }
    public VersionRef? LastSuccessVersion { get; init; }

    public int RunsSince { get; init; }

    public int FailuresSince { get; init; }
    public bool EveryFinishedRunFailed { get; init; }

    public Guid? FirstFailureRunId { get; init; }

    public string? FirstFailureCreatedAt { get; init; }
    public VersionRef? FirstFailureVersion { get; init; }
}

public sealed record VerdictResult
{
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

    public int Attempt { get; init; }

    public string? Since { get; init; }

    public int? QueuedAhead { get; init; }

    public long? QueueDepth { get; init; }
    public required IReadOnlyList<BlockerResult> Causes { get; init; }
}

public sealed record BlockerResult
{
    public required string Kind { get; init; }

    public required string Detail { get; init; }
    public IReadOnlyList<string>? Workers { get; init; }
    public IReadOnlyList<string>? RateLimits { get; init; }
}

public sealed record RunTimings
{
    public int Attempt { get; init; }

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
