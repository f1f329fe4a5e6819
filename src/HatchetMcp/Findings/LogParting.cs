using HatchetMcp.Hatchet;

namespace HatchetMcp.Findings;

/// <summary>
/// Where two runs' logs part: after <see cref="MatchingLines"/> lines that agree (same task, level and message with
/// numbers, ids and times masked), the first line of each that does not (null where that run's log ended).
/// </summary>
public sealed record LogParting(int MatchingLines, V1LogLine? ThisLine, string? ThisTask, V1LogLine? OtherLine, string? OtherTask,
    int ThisLines, int OtherLines)
{
    /// <summary>The logs agree line for line.</summary>
    public bool Same => ThisLine is null && OtherLine is null;
}
