using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

/// <summary>One reason runs of a group are held.</summary>
public sealed record StuckCause
{
    [Description("NO_WORKER, WORKER_PAUSED, WORKERS_FULL, RATE_LIMIT_EXHAUSTED, ...")]
    public required string Kind { get; init; }

    [Description("EVENT, LIVE_STATE or HEURISTIC.")]
    public required string Basis { get; init; }

    public required string Evidence { get; init; }

    public IReadOnlyList<string>? Workers { get; init; }

    public IReadOnlyList<string>? RateLimitKeys { get; init; }
}

/// <summary>Runs held for the same reasons on the same queue.</summary>
public sealed record StuckGroup
{
    [Description("Queue (action id).")]
    public string? ActionId { get; init; }

    public string? Workflow { get; init; }

    public required IReadOnlyList<StuckCause> Causes { get; init; }

    public int Runs { get; init; }

    [Description("Oldest latest-enqueue (RUNNING: attempt start).")]
    public string? OldestSince { get; init; }

    [Description("Hatchet's queue depth now.")]
    public long? QueueDepth { get; init; }

    public required IReadOnlyList<Guid> ExampleRunIds { get; init; }
}

/// <summary>Answer of find_stuck_runs.</summary>
public sealed record FindStuckRunsResult
{
    public required string OlderThan { get; init; }

    public string? Workflow { get; init; }

    [Description("QUEUED/RUNNING tasks older than the cutoff (7d back).")]
    public required MatchCount TasksMatched { get; init; }

    [Description("Of those, tasks read.")]
    public int TasksScanned { get; init; }

    [Description("Over the tasks scanned.")]
    public int RunsStuck { get; init; }

    [Description("Retried runs with events unread: no age.")]
    public int RunsAgeUnknown { get; init; }

    public required IReadOnlyList<StuckGroup> Groups { get; init; }

    [Description("Groups left out, and how to narrow.")]
    public string? Cut { get; init; }

    public IReadOnlyList<string>? Notes { get; init; }

    [Description("Run link: replace {runId}.")]
    public string? RunUrl { get; init; }
}
