namespace HatchetMcp.Findings;

/// <summary>
/// Why one QUEUED or RUNNING task is not progressing. <see cref="Since"/> is when its current attempt last entered the
/// queue (QUEUED) or started (RUNNING); <see cref="QueuedAhead"/> counts tasks of its queue enqueued before it among the
/// tasks read; <see cref="QueueDepth"/> is Hatchet's count of tasks in that queue now.
/// </summary>
public sealed record TaskBlockers(
    WaitingTask Task,
    int Attempt,
    DateTimeOffset? Since,
    IReadOnlyList<BlockerCause> Causes,
    int? QueuedAhead,
    long? QueueDepth,
    bool EventsRead)
{
    /// <summary>The kinds of its causes, in order: tasks with the same kinds on the same queue wait for the same reasons.</summary>
    public string CauseKey => string.Join("+", Causes.Select(c => c.Kind));
}
