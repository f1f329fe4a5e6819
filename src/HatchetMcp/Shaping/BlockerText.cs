using HatchetMcp.Findings;

namespace HatchetMcp.Shaping;

/// <summary>A progress blocker as one line: what holds the task, who or what is named, and what the claim rests on.</summary>
public static class BlockerText
{
    public static string Kind(BlockerKind kind) => kind switch
    {
        BlockerKind.NoWorker => "no worker",
        BlockerKind.WorkerPaused => "worker paused",
        BlockerKind.WorkerInactive => "worker inactive",
        BlockerKind.RateLimitExhausted => "rate limit exhausted",
        BlockerKind.WorkersFull => "workers full",
        BlockerKind.ConcurrencyLimit => "concurrency limit",
        BlockerKind.SchedulingTimedOut => "scheduling timed out",
        BlockerKind.StillRunning => "still running",
        _ => "unexplained",
    };

    public static string Basis(BlockerBasis basis) => basis switch
    {
        BlockerBasis.Event => "Hatchet's task event",
        BlockerBasis.LiveState => "live state now",
        _ => "heuristic",
    };

    public static string Describe(BlockerCause cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        var action = cause.ActionId is { } a ? $" {a}" : string.Empty;
        var workers = string.Join(", ", cause.Workers);
        var what = cause.Kind switch
        {
            BlockerKind.NoWorker => $"no worker seen in the last 24 h registers action{action}",
            BlockerKind.WorkerPaused => $"every worker registering{action} is paused: {workers}",
            BlockerKind.WorkerInactive => $"every worker registering{action} is INACTIVE (no heartbeat): {workers}",
            BlockerKind.RateLimitExhausted => string.Join("; ", cause.RateLimits.Select(r =>
                $"rate limit {r.Key} exhausted: {r.UnitsLeft} of {r.Limit} units left{(r.Window is { } w ? $" per {w}" : string.Empty)}")) +
                (cause.RateLimitDeclared ? " (its version declares it)" : " (named by its event)"),
            BlockerKind.WorkersFull => $"every ACTIVE worker registering{action} is FULL" +
                (cause.SlotsUsed is { } used && cause.SlotLimit is { } limit ? $" ({used}/{limit} task slots used)" : string.Empty) + $": {workers}",
            BlockerKind.ConcurrencyLimit when cause.Concurrency is { } c =>
                $"its version allows {c.MaxRuns} run(s) at a time{(c.Expression is { } e ? $" per {e}" : string.Empty)}" +
                $"{(c.Strategy is { } s ? $" ({s})" : string.Empty)} and {CountText.Of(c.RunningRuns, "run")} of the workflow are RUNNING",
            BlockerKind.SchedulingTimedOut => "Hatchet gave up scheduling it (SCHEDULING_TIMED_OUT)",
            _ => cause.Detail ?? "nothing in the live state explains the wait",
        };
        var evidence = cause.EventType is { } type
            ? $"{type}{(cause.EventCount > 1 ? $" ×{cause.EventCount}" : string.Empty)}{(cause.LastEventAt is { } at ? $", last {TimeText.Format(at)}" : string.Empty)}"
            : Basis(cause.Basis);
        return $"{Kind(cause.Kind)}: {what} [{evidence}]";
    }
}
