using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;

namespace HatchetMcp.Findings;

/// <summary>
/// Reads a run for diagnose_run: its snapshot, then, for a failed run, one log call for the last failed attempt of its
/// first failed task. The excerpt is best effort: a log read that fails leaves a note.
/// </summary>
public sealed class RunDiagnoser(IHatchetClient client, FetchGate gate, RunSnapshots snapshots)
{
    /// <summary>Lines read from the failed attempt's log, oldest first.</summary>
    public const int LogLinesRead = 500;

    /// <summary>Folded lines shown before and after the first ERROR line.</summary>
    public const int ContextLines = 3;

    public async Task<RunDiagnosis> DiagnoseAsync(Guid id, CancellationToken cancellationToken)
    {
        var run = await snapshots.LoadAsync(id, cancellationToken).ConfigureAwait(false);
        var kind = run.Status switch
        {
            V1TaskStatuses.Failed => DiagnosisKind.Failed,
            V1TaskStatuses.Cancelled => DiagnosisKind.Cancelled,
            V1TaskStatuses.Completed => DiagnosisKind.Completed,
            _ => DiagnosisKind.Active,
        };
        var failing = kind switch
        {
            DiagnosisKind.Failed => run.Tasks.Where(t => t.Status == V1TaskStatuses.Failed).ToList(),
            DiagnosisKind.Cancelled => run.Tasks.Where(t => t.Status == V1TaskStatuses.Cancelled).ToList(),
            _ => [],
        };
        var diagnosis = new RunDiagnosis(run, kind, failing, null, null);
        if (kind != DiagnosisKind.Failed || diagnosis.PrimaryTask is not { } task || diagnosis.LastFailedAttempt is not { } attempt)
        {
            return diagnosis;
        }

        try
        {
            var lines = (await gate.RunAsync(ct => client.ListTaskLogsAsync(task.Id, new LogQuery { Attempt = attempt.Number, Limit = LogLinesRead }, ct), cancellationToken)
                .ConfigureAwait(false)).Rows ?? [];
            return diagnosis with { Excerpt = Excerpt(task, attempt.Number, lines) };
        }
        catch (HatchetApiException)
        {
            return diagnosis with { ExcerptNote = $"the log of attempt {attempt.Number} of {task.Name} could not be read" };
        }
    }

    /// <summary>The folded lines around the first ERROR line; without one, the last lines of the attempt.</summary>
    public static LogExcerpt Excerpt(TaskSnapshot task, int attempt, IReadOnlyList<V1LogLine> lines)
    {
        var ordered = lines.OrderBy(l => l.CreatedAt).ToList();
        var folded = RepeatCollapse.Collapse(ordered, l => (l.Level ?? string.Empty) + "\u0001" + (l.Message ?? string.Empty));
        var error = -1;
        for (var i = 0; i < folded.Count; i++)
        {
            if (string.Equals(folded[i].First.Level, V1LogLineLevels.Error, StringComparison.OrdinalIgnoreCase))
            {
                error = i;
                break;
            }
        }

        var from = error >= 0 ? Math.Max(0, error - ContextLines) : Math.Max(0, folded.Count - ContextLines);
        var to = error >= 0 ? Math.Min(folded.Count, error + ContextLines + 1) : folded.Count;
        return new LogExcerpt(task.Id, task.Name, attempt, lines.Count, lines.Count >= LogLinesRead,
            folded.Skip(from).Take(to - from).ToList(), error >= 0 ? error - from : null, from, folded.Count - to);
    }
}
