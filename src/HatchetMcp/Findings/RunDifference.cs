namespace HatchetMcp.Findings;

/// <summary>
/// One way two runs differ: what (e.g. "version", "input.amount", "attempts of charge"), and each run's value.
/// <paramref name="FromWorkflow"/>: the key and values are the workflow's data (input, metadata), shown fenced.
/// </summary>
public sealed record RunDifference(string Aspect, string ThisRun, string OtherRun, bool FromWorkflow = false);
