namespace HatchetMcp.Findings;

/// <summary>
/// One task of a run as diagnosis and comparison need it: its attempts (with the worker of each), its action and, for a
/// cancelled task, Hatchet's sentence saying why.
/// </summary>
public sealed record TaskSnapshot(Guid Id, string Name, string Status, AttemptTimeline Attempts, string? ActionId,
    string? CancelMessage, bool TimedOut, long? ReportedDurationMs);
