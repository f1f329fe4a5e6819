namespace HatchetMcp.Findings;

/// <summary>
/// Two runs side by side: only what differs, what was found identical (named), and where their logs part (the latest
/// attempt of each task). <see cref="Notes"/> say what could not be read.
/// </summary>
public sealed record RunComparison(
    RunSnapshot This,
    RunSnapshot Other,
    IReadOnlyList<RunDifference> Differences,
    IReadOnlyList<string> Identical,
    LogParting? Logs,
    IReadOnlyList<string> Notes);
