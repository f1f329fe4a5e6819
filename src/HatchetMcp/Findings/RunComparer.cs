using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;

namespace HatchetMcp.Findings;

/// <summary>
/// Compares two runs read as snapshots: their differences (<see cref="RunDifferences"/>) and where their logs part, from
/// one log call per run (the latest attempt of each task, oldest first, at most <see cref="LogLinesRead"/> lines).
/// </summary>
public sealed class RunComparer(IHatchetClient client, FetchGate gate)
{
    public const int LogLinesRead = 1000;

    public async Task<RunComparison> CompareAsync(RunSnapshot run, RunSnapshot other, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(other);
        var notes = new List<string>();
        var (differences, identical) = RunDifferences.Compare(run, other);
        var thisLog = LatestAttemptLinesAsync(run, notes, cancellationToken);
        var otherLog = LatestAttemptLinesAsync(other, notes, cancellationToken);
        await Task.WhenAll(thisLog, otherLog).ConfigureAwait(false);
        var (a, b) = (await thisLog.ConfigureAwait(false), await otherLog.ConfigureAwait(false));
        var parting = a is null || b is null ? null : Part(run, a, other, b);
        return new RunComparison(run, other, differences, identical, parting, notes);
    }

    /// <summary>The first line where the two logs disagree (same task name, level and masked message agree).</summary>
    public static LogParting Part(RunSnapshot run, IReadOnlyList<V1LogLine> a, RunSnapshot other, IReadOnlyList<V1LogLine> b)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(other);
        var i = 0;
        while (i < a.Count && i < b.Count && Key(run, a[i]) == Key(other, b[i]))
        {
            i++;
        }

        var x = i < a.Count ? a[i] : null;
        var y = i < b.Count ? b[i] : null;
        return new LogParting(i, x, x is null ? null : TaskName(run, x), y, y is null ? null : TaskName(other, y), a.Count, b.Count);
    }

    private static string Key(RunSnapshot run, V1LogLine line) =>
        $"{TaskName(run, line)}\u0001{line.Level}\u0001{ErrorText.Signature(line.Message) ?? string.Empty}";

    private static string TaskName(RunSnapshot run, V1LogLine line) =>
        run.Tasks.FirstOrDefault(t => t.Id == line.TaskExternalId)?.Name ?? RunText.StepName(line.TaskDisplayName);

    private async Task<IReadOnlyList<V1LogLine>?> LatestAttemptLinesAsync(RunSnapshot run, List<string> notes, CancellationToken cancellationToken)
    {
        if (run.Tasks.Count == 0)
        {
            return [];
        }

        try
        {
            var ids = run.Tasks.Select(t => t.Id).ToList();
            var lines = (await gate.RunAsync(ct => client.ListLogsAsync(ids, new LogQuery { Limit = LogLinesRead }, ct), cancellationToken)
                .ConfigureAwait(false)).Rows ?? [];
            if (lines.Count >= LogLinesRead)
            {
                lock (notes)
                {
                    notes.Add($"only the oldest {LogLinesRead} log lines of run {run.RunId} were read");
                }
            }

            var current = run.Tasks.ToDictionary(t => t.Id, t => t.Attempts.Current.Number);
            return lines
                .Where(l => l.TaskExternalId is { } id && current.TryGetValue(id, out var n) && AttemptOf(l) is var at && (at is null || at == n))
                .OrderBy(l => l.CreatedAt)
                .ToList();
        }
        catch (HatchetApiException)
        {
            lock (notes)
            {
                notes.Add($"the logs of run {run.RunId} could not be read");
            }

            return null;
        }
    }

    private static int? AttemptOf(V1LogLine line) => line.Attempt ?? (line.RetryCount is { } r ? r + 1 : null);
}
