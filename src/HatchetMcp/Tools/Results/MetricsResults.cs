using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

public sealed record QueueRow
{
    [Description("Queue name (the action id, \"workflow:task\").")]
    public required string Queue { get; init; }

    [Description("Concurrency key, for workflow-level concurrency queues.")]
    public string? ConcurrencyKey { get; init; }

    public long Queued { get; init; }

    [Description("ACTIVE workers that register this action; null when unknown.")]
    public int? ActiveWorkers { get; init; }
}

/// <summary>Answer of get_queue_metrics.</summary>
public sealed record QueueMetricsResult
{
    public required string Since { get; init; }
    public string? Until { get; init; }

    [Description("Task counts per status over the window: QUEUED, RUNNING, COMPLETED, CANCELLED, FAILED.")]
    public required IReadOnlyDictionary<string, long> TaskCounts { get; init; }

    public long? RunningOnWorker { get; init; }
    public long? RunningEvicted { get; init; }

    [Description("Failed share of finished tasks, 0..1.")]
    public double? FailureRate { get; init; }

    [Description("Tasks waiting in all queues now; null when the queue metrics could not be read.")]
    public long? TotalQueued { get; init; }

    public int? QueuesWithItems { get; init; }
    public required IReadOnlyList<QueueRow> DeepestQueues { get; init; }

    [Description("Why the queue depths are missing, when Hatchet's queue metrics could not be read (the task counts still are).")]
    public string? QueuesNote { get; init; }

    [Description("Why worker coverage is missing, when the worker list could not be read.")]
    public string? WorkersNote { get; init; }
}
