using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Engine;

/// <summary>
/// Log lines of a task, derived deterministically from its events and its step's script, oldest first. Nothing is
/// stored: a seeded tenant of 100,000 runs would otherwise hold millions of strings. Lines of a running attempt
/// appear as time passes: only lines created at or before <c>now</c> are returned.
/// </summary>
public static class TaskLogs
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    public static IReadOnlyList<LogLineRecord> For(TaskRecord task, DateTimeOffset now)
    {
        var lines = new List<LogLineRecord>();
        var events = task.Events;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Type != V1TaskEventType.STARTED) continue;
            TaskEventRecord? end = null;
            for (var j = i + 1; j < events.Count; j++)
            {
                if (IsAttemptEnd(events[j].Type))
                {
                    end = events[j];
                    break;
                }
            }
            AddAttempt(lines, task, events[i], end, now);
        }
        lines.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        return lines;
    }

    private static bool IsAttemptEnd(V1TaskEventType type) => type is V1TaskEventType.FINISHED or V1TaskEventType.FAILED
        or V1TaskEventType.TIMED_OUT or V1TaskEventType.RETRYING or V1TaskEventType.CANCELLED or V1TaskEventType.RETRIED_BY_USER;

    private static void AddAttempt(List<LogLineRecord> lines, TaskRecord task, TaskEventRecord started, TaskEventRecord? ended, DateTimeOffset now)
    {
        var retry = started.RetryCount;
        var script = task.Step.Script;
        var start = started.Timestamp;
        var plan = AttemptPlanner.Plan(task, retry, start);
        var stop = ended?.Timestamp ?? plan.EndsAt;
        if (stop - start < 10 * Ms) stop = start + 10 * Ms;
        var span = stop - start;
        var name = task.Step.ReadableId;

        void Line(DateTimeOffset at, V1LogLineLevel level, string message)
        {
            if (at <= now) lines.Add(new LogLineRecord(task, at, level, message, retry, "{}"));
        }

        Line(start + Ms, V1LogLineLevel.INFO, $"Starting {name} (attempt {retry + 1})");
        Line(start + 2 * Ms, V1LogLineLevel.DEBUG, $"Loaded input for {name}: {task.Run.InputJson.Length} bytes");

        var progress = script.ProgressLines;
        for (var k = 0; k < progress.Count; k++)
        {
            var at = start + span * ((k + 1.0) / (progress.Count + 2));
            Line(at, V1LogLineLevel.INFO, AttemptPlanner.Render(progress[k], task, retry, (ulong)k));
        }
        if (script.RepeatedLine is { } repeated)
        {
            for (var k = 0; k < script.RepeatedLineCount; k++)
            {
                var at = start + 3 * Ms + (span - 6 * Ms) * ((k + 0.5) / script.RepeatedLineCount);
                Line(at, script.RepeatedLineLevel, AttemptPlanner.Render(repeated, task, retry, 500));
            }
        }
        if (plan.Outcome == AttemptOutcome.TimedOut)
        {
            Line(start + span / 2, V1LogLineLevel.WARN, $"{name} is taking longer than expected ({(int)(span / 2).TotalSeconds}s elapsed)");
        }
        if (ended is not { } end) return;

        switch (end.Type)
        {
            case V1TaskEventType.FINISHED:
                Line(stop - Ms, V1LogLineLevel.INFO, $"Finished {name} in {(int)span.TotalMilliseconds} ms");
                break;
            case V1TaskEventType.FAILED or V1TaskEventType.RETRYING when plan.Error is { } error:
                Line(stop - 2 * Ms, V1LogLineLevel.ERROR, $"{name} failed: {error.Message}");
                if (error.StackTrace.Count > 0) Line(stop - Ms, V1LogLineLevel.ERROR, string.Join('\n', error.StackTrace));
                if (end.Type == V1TaskEventType.RETRYING) Line(stop - Ms, V1LogLineLevel.WARN, $"Attempt {retry + 1} failed; the task will be retried");
                break;
            case V1TaskEventType.CANCELLED:
                Line(stop - Ms, V1LogLineLevel.WARN, $"Cancellation requested, stopping {name}");
                break;
        }
    }
}
