using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

public sealed record QueueRow
{
    [Description("Action id (workflow:task).")]
    public required string Queue { get; init; }

    public string? ConcurrencyKey { get; init; }

    [Description("Tasks waiting in this queue now.")]
    public long Queued { get; init; }

    [Description("ACTIVE workers serving it.")]
    public int? ActiveWorkers { get; init; }

    [Description("FREE_SLOTS, FULL, NO_ACTIVE_WORKER or NO_WORKER.")]
    public string? Capacity { get; init; }

    public int? FreeSlots { get; init; }

    public IReadOnlyList<string>? FullWorkers { get; init; }

    public IReadOnlyList<string>? PausedWorkers { get; init; }

    public IReadOnlyList<string>? InactiveWorkers { get; init; }
}

/// <summary>Answer of get_queue_metrics.</summary>
public sealed record QueueMetricsResult
{
    public required string Since { get; init; }
    public string? Until { get; init; }

    [Description("Absent: the whole tenant.")]
    public string? Workflow { get; init; }

    [Description("Runs created in the window, by current status.")]
    public required IReadOnlyDictionary<string, long> RunCounts { get; init; }

    [Description("Of the RUNNING runs, those on a worker.")]
    public long? RunningOnWorker { get; init; }

    [Description("RUNNING runs evicted from their worker.")]
    public long? RunningEvicted { get; init; }

    [Description("Failed / finished, 0..1.")]
    public double? FailureRate { get; init; }

    [Description("Tasks waiting now in the queues in scope.")]
    public long? TotalQueued { get; init; }

    [Description("Queues in scope with waiting tasks.")]
    public int? QueuesWithItems { get; init; }

    public required IReadOnlyList<QueueRow> DeepestQueues { get; init; }

    [Description("What was left out; how to see it.")]
    public string? Cut { get; init; }

    [Description("Why queue depths are missing, when they are.")]
    public string? QueuesNote { get; init; }

    [Description("Why worker coverage is missing.")]
    public string? WorkersNote { get; init; }
    [Description("The workflow's page, when limited to one.")]
    public string? Url { get; init; }
}
