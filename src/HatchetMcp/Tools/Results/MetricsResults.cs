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

    [Description("FREE_SLOTS, FULL, NO_ACTIVE_WORKER or NO_WORKER; null when unknown.")]
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

    [Description("Runs created in the window, by current status (each run counted once).")]
    public required IReadOnlyDictionary<string, long> RunCounts { get; init; }

    [Description("Of the RUNNING runs, those on a worker.")]
    public long? RunningOnWorker { get; init; }

    [Description("Of the RUNNING runs, those evicted from their worker.")]
    public long? RunningEvicted { get; init; }

    [Description("Failed share of the finished runs in the window, 0..1.")]
    public double? FailureRate { get; init; }

    [Description("Tasks waiting now in the queues in scope; null when unreadable.")]
    public long? TotalQueued { get; init; }

    [Description("Queues in scope with waiting tasks.")]
    public int? QueuesWithItems { get; init; }

    public required IReadOnlyList<QueueRow> DeepestQueues { get; init; }

    [Description("Queues left out (top or budget), and how to see them.")]
    public string? Cut { get; init; }

    [Description("Why queue depths are missing, when they are.")]
    public string? QueuesNote { get; init; }

    [Description("Why worker coverage is missing, when the worker list could not be read.")]
    public string? WorkersNote { get; init; }
    [Description("The workflow's page, when limited to one.")]
    public string? Url { get; init; }
}
