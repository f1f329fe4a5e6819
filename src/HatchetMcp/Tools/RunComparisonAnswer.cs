using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;

namespace HatchetMcp.Tools;

/// <summary>compare_runs' one result model and its text, from a <see cref="RunComparison"/>.</summary>
internal static class RunComparisonAnswer
{
    private const int MaxLogLineChars = 200;

    public static (CompareRunsResult Result, List<string> Lines) Build(RunComparison comparison, string otherChosen)
    {
        var (a, b) = (comparison.This, comparison.Other);
        var lines = new List<string>
        {
            $"Run {a.RunId} ({Describe(a)}) compared with run {b.RunId} ({Describe(b)}; {otherChosen}).",
        };
        if (comparison.Differences.Count == 0)
        {
            lines.Add("No differences found in the aspects compared.");
        }
        else
        {
            lines.Add($"Differences ({comparison.Differences.Count}; this run vs the other):");
            lines.AddRange(comparison.Differences.Select(d => d.FromWorkflow
                ? $"  {WorkflowText.Fence(d.Aspect)}: {WorkflowText.Fence(d.ThisRun)} vs {WorkflowText.Fence(d.OtherRun)}"
                : $"  {d.Aspect}: {d.ThisRun} vs {d.OtherRun}"));
        }

        LogPartingResult? logs = null;
        if (comparison.Logs is { } p)
        {
            logs = new LogPartingResult
            {
                MatchingLines = p.MatchingLines,
                ThisRunLines = p.ThisLines,
                OtherRunLines = p.OtherLines,
                ThisRun = Line(p.ThisLine, p.ThisTask),
                OtherRun = Line(p.OtherLine, p.OtherTask),
            };
            if (p.Same)
            {
                lines.Add($"Logs (latest attempt of each task): the same {CountText.Of(p.MatchingLines, "line")}, numbers and ids masked.");
            }
            else
            {
                lines.Add($"Logs part after {CountText.Of(p.MatchingLines, "matching line")} (latest attempt of each task; numbers and ids masked):");
                lines.Add("  this:  " + LineText(logs.ThisRun, p.ThisLines));
                lines.Add("  other: " + LineText(logs.OtherRun, p.OtherLines));
            }
        }

        lines.Add("Identical: " + (comparison.Identical.Count == 0 ? "nothing compared" : string.Join(", ", comparison.Identical)) + ".");
        if (comparison.This.Notes.Concat(comparison.Other.Notes).Concat(comparison.Notes).ToList() is { Count: > 0 } notes)
        {
            lines.Add("Not read: " + string.Join("; ", notes.Distinct()) + ".");
        }

        lines.Add($"Next: diagnose_run run_id={a.RunId} for its findings in full; get_run_logs for every line.");
        var result = new CompareRunsResult
        {
            RunId = a.RunId,
            OtherRunId = b.RunId,
            OtherChosen = otherChosen,
            WorkflowName = a.WorkflowName,
            Differences = comparison.Differences.Select(d => new DifferenceRow { Aspect = d.Aspect, ThisRun = d.ThisRun, OtherRun = d.OtherRun }).ToList(),
            Identical = comparison.Identical,
            Logs = logs,
            Notes = comparison.Notes.Count == 0 ? null : comparison.Notes,
        };
        return (result, lines);
    }

    private static string Describe(RunSnapshot run) =>
        $"{run.WorkflowName ?? "?"}, {run.Status}" + (run.CreatedAt is { } c ? $", created {TimeText.Format(c)}" : string.Empty);

    private static PartingLine? Line(V1LogLine? line, string? task) => line is null ? null : new PartingLine
    {
        At = TimeText.Iso(line.CreatedAt),
        Task = task,
        Attempt = line.Attempt ?? (line.RetryCount is { } r ? r + 1 : null),
        Level = line.Level,
        Message = ValueSummary.Clip(line.Message ?? string.Empty, MaxLogLineChars),
    };

    private static string LineText(PartingLine? line, int total) => line is null
        ? $"(its log ends here, after {CountText.Of(total, "line")})"
        : $"{line.At?[11..23] ?? "?"} {line.Task ?? "?"} attempt {line.Attempt?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} {line.Level ?? "?"} {WorkflowText.Fence(line.Message)}";
}
