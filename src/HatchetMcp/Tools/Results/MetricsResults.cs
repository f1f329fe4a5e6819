using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

public sealed record QueueRow
{
    [Description("Queue name (the action id, \"workflow:task\").")]
    public required string Queue { get; init; }

    [Description("Concurrency key, for workflow-level concurrency queues.")]
    public string? ConcurrencyKey { get; init; }

    [Description("Tasks waiting in this queue now.")]
    public long Queued { get; init; }

    [Description("ACTIVE workers that register this action; null when unknown.")]
    public int? ActiveWorkers { get; init; }

    [Description("FREE_SLOTS, FULL (every ACTIVE worker serving it has no free task slot), NO_ACTIVE_WORKER or NO_WORKER; null when unknown.")]
    public string? Capacity { get; init; }

    [Description("Free task slots over the ACTIVE workers serving it.")]
    public int? FreeSlots { get; init; }

    [Description("Names of the ACTIVE serving workers that are full.")]
    public IReadOnlyList<string>? FullWorkers { get; init; }

    [Description("Names of serving workers that are paused.")]
    public IReadOnlyList<string>? PausedWorkers { get; init; }

    [Description("Names of serving workers without a recent heartbeat.")]
    public IReadOnlyList<string>? InactiveWorkers { get; init; }
}

/// <summary>Answer of get_queue_metrics.</summary>
public sealed record QueueMetricsResult
{
    public required string Since { get; init; }
    public string? Until { get; init; }

    [Description("Workflow the run counts and queues are limited to; null for the whole tenant.")]
    public string? Workflow { get; init; }

    [Description("Runs created in the window per current status (Hatchet counts each run once, not its tasks): QUEUED, RUNNING, COMPLETED, CANCELLED, FAILED.")]
    public required IReadOnlyDictionary<string, long> RunCounts { get; init; }

    [Description("Of the RUNNING runs, those on a worker.")]
    public long? RunningOnWorker { get; init; }

    [Description("Of the RUNNING runs, those evicted from their worker.")]
    public long? RunningEvicted { get; init; }

    [Description("Failed share of the finished runs in the window, 0..1.")]
    public double? FailureRate { get; init; }

    [Description("Tasks waiting now in the queues in scope (the workflow's, or the tenant's); null when the queue metrics could not be read.")]
    public long? TotalQueued { get; init; }

    [Description("Queues in scope with waiting tasks.")]
    public int? QueuesWithItems { get; init; }

    public required IReadOnlyList<QueueRow> DeepestQueues { get; init; }

    [Description("When queues were left out to fit top or the output budget: how many, and how to see them.")]
    public string? Cut { get; init; }

    [Description("Why the queue depths are missing, when Hatchet's queue metrics could not be read (the run counts still are).")]
    public string? QueuesNote { get; init; }

    [Description("Why worker coverage is missing, when the worker list could not be read.")]
    public string? WorkersNote { get; init; }
}
