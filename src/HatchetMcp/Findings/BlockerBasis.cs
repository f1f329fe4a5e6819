namespace HatchetMcp.Findings;

/// <summary>What a blocker claim rests on.</summary>
public enum BlockerBasis
{
    /// <summary>Hatchet's own task event says so (REQUEUED_NO_WORKER, REQUEUED_RATE_LIMIT, SCHEDULING_TIMED_OUT).</summary>
    Event,

    /// <summary>Read from live state now (workers, rate limits); that it is the reason is the likely reading.</summary>
    LiveState,

    /// <summary>A heuristic: inferred from counts that cannot be checked exactly (e.g. concurrency groups are not visible).</summary>
    Heuristic,
}
