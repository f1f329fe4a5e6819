namespace HatchetMcp.Findings;

/// <summary>One way two runs differ: what (e.g. "version", "input.amount", "attempts of charge"), and each run's value.</summary>
public sealed record RunDifference(string Aspect, string ThisRun, string OtherRun);
