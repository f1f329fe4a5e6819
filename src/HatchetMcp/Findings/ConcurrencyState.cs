namespace HatchetMcp.Findings;

/// <summary>
/// A workflow version's concurrency setting and the workflow's runs RUNNING now (over all groups: Hatchet does not
/// show which group a run is in without its input).
/// </summary>
public sealed record ConcurrencyState(int MaxRuns, string? Strategy, string? Expression, string? Scope, long RunningRuns);
