namespace HatchetMcp.Findings;

/// <summary>One reason a task is not progressing, with the evidence it rests on.</summary>
public sealed record BlockerCause
{
    public required BlockerKind Kind { get; init; }

    public required BlockerBasis Basis { get; init; }

    /// <summary>The queue (action id) the cause concerns, when it concerns one.</summary>
    public string? ActionId { get; init; }

    /// <summary>Workers named by the cause (the paused, inactive or full ones), sorted.</summary>
    public IReadOnlyList<string> Workers { get; init; } = [];

    /// <summary>For <see cref="BlockerKind.WorkersFull"/>: task slots in use and in all, over the ACTIVE workers named.</summary>
    public int? SlotsUsed { get; init; }

    public int? SlotLimit { get; init; }

    /// <summary>For <see cref="BlockerKind.RateLimitExhausted"/>: the limits with no units left.</summary>
    public IReadOnlyList<RateLimitState> RateLimits { get; init; } = [];

    /// <summary>True when the task's workflow version declares the rate limits named (else they are matched from the event).</summary>
    public bool RateLimitDeclared { get; init; }

    public ConcurrencyState? Concurrency { get; init; }

    /// <summary>The task event that says so, if one does: its type, how often in the current attempt, and the last time.</summary>
    public string? EventType { get; init; }

    public int EventCount { get; init; }

    public DateTimeOffset? LastEventAt { get; init; }

    /// <summary>For <see cref="BlockerKind.StillRunning"/> and <see cref="BlockerKind.Unexplained"/>: what was checked.</summary>
    public string? Detail { get; init; }
}
