using HatchetMcp.Hatchet;
using HatchetMcp.Tools.Results;

namespace HatchetMcp.Findings;

/// <summary>What a bulk action's filter matched: the runs, or (above the cap) only how many matched.</summary>
public sealed record FilterMatchResult(IReadOnlyList<V1RunListRow> Runs, MatchCount? OverCap);
