using System.Globalization;
using HatchetMcp.Findings;

namespace HatchetMcp.Shaping;

/// <summary>How a blocker cause reads: one clause with its evidence, the same in every answer that shows one.</summary>
public static class BlockerText
{
    /// <summary>The cause's label, e.g. "NO WORKER", "RATE LIMIT EXHAUSTED".</summary>
    public static string Label(BlockerKind kind) => kind switch
    {
        BlockerKind.NoWorker => "NO WORKER",
        BlockerKind.WorkerPaused => "WORKER PAUSED",
        BlockerKind.WorkerInactive => "WORKER INACTIVE",
        BlockerKind.RateLimitExhausted => "RATE LIMIT EXHAUSTED",
        BlockerKind.WorkersFull => "WORKERS FULL",
        BlockerKind.ConcurrencyLimit => "CONCURRENCY LIMIT",
        BlockerKind.SchedulingTimedOut => "SCHEDULING TIMED OUT",
        BlockerKind.StillRunning => "STILL RUNNING",
        _ => "UNEXPLAINED",
    };

    /// <summary>The cause with its evidence: who, which limit, which setting, which event and when.</summary>
    public static string Describe(BlockerCause cause, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cause);
        var text = Label(cause.Kind) + ": " + cause.Kind switch
        {
            BlockerKind.NoWorker => $"no worker seen in the last 24h registers {cause.ActionId}",
            BlockerKind.WorkerPaused => $"the only workers registering {cause.ActionId} are paused: {Names(cause.Workers)}",
            BlockerKind.WorkerInactive => $"the workers registering {cause.ActionId} stopped heartbeating (INACTIVE): {Names(cause.Workers)}",
            BlockerKind.WorkersFull => string.Create(CultureInfo.InvariantCulture,
                $"every ACTIVE worker registering {cause.ActionId} has all task slots in use ({cause.SlotsUsed}/{cause.SlotLimit}): {Names(cause.Workers)}"),
            BlockerKind.RateLimitExhausted => string.Join(", ", cause.RateLimits.Select(l => string.Create(CultureInfo.InvariantCulture,
                    $"{l.Key} {l.UnitsLeft}/{l.Limit} units left per {l.Window ?? "window"}"))) +
                (cause.RateLimitDeclared ? " (declared by its workflow version)"
                    : cause.Basis == BlockerBasis.Heuristic ? " (heuristic: every exhausted limit; the events name none)"
                    : " (named by its REQUEUED_RATE_LIMIT event)"),
            BlockerKind.ConcurrencyLimit => cause.Concurrency is { } c
                ? string.Create(CultureInfo.InvariantCulture,
                    $"its version allows {CountText.Of(c.MaxRuns, "run")} at a time per {c.Expression ?? "group"} ({c.Strategy}); {CountText.Of(c.RunningRuns, "run")} of the workflow RUNNING (heuristic: groups are not visible)")
                : "a concurrency setting holds it",
            BlockerKind.SchedulingTimedOut => "Hatchet gave up scheduling it",
            BlockerKind.StillRunning => "on a worker, nothing holds it" + (cause.Detail is null ? string.Empty : $" ({cause.Detail})"),
            _ => cause.Detail ?? "nothing found",
        };
        if (cause.EventType is { } type)
        {
            text += $"; {type}" + (cause.EventCount > 1 ? string.Create(CultureInfo.InvariantCulture, $" ×{cause.EventCount}") : string.Empty) +
                    (cause.LastEventAt is { } at ? $" last {DurationText.Age(at, now)}" : string.Empty);
        }

        return text;
    }

    /// <summary>The cause's kind or basis as structured content carries it, e.g. "NO_WORKER", "LIVE_STATE".</summary>
    public static string Code(Enum value) =>
        string.Concat(value.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + ch : ch.ToString())).ToUpperInvariant();

    private static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "(none named)" : string.Join(", ", names);
}
