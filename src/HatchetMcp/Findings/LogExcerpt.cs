using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;

namespace HatchetMcp.Findings;

/// <summary>
/// Log lines of one task attempt around its first ERROR line, consecutive repeats folded. <see cref="LinesRead"/>
/// counts the attempt's lines read (at most <see cref="RunDiagnoser.LogLinesRead"/>, oldest first);
/// <see cref="ErrorIndex"/> is the folded entry holding the first ERROR line, null when the attempt logged none.
/// </summary>
public sealed record LogExcerpt(
    Guid TaskId,
    string TaskName,
    int Attempt,
    int LinesRead,
    bool MayHaveMore,
    IReadOnlyList<RepeatedRun<V1LogLine>> Lines,
    int? ErrorIndex,
    int LinesBefore,
    int LinesAfter);
