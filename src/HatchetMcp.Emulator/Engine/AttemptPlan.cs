using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Engine;

/// <summary>How one attempt of a task ends.</summary>
public enum AttemptOutcome { Succeeded, Failed, TimedOut }

/// <summary>The planned course of one attempt: when it ends, how, and with which error.</summary>
public readonly record struct AttemptPlan(AttemptOutcome Outcome, DateTimeOffset EndsAt, ErrorSignature? Error, TimeSpan PlannedDuration);

/// <summary>
/// Draws an attempt's duration and outcome from (tenant seed, task id, retry count) only, so the engine and the log
/// generator agree, and the same seed always gives the same story whatever the request timing.
/// </summary>
public static class AttemptPlanner
{
    internal const ulong SaltDuration = 1, SaltTimeout = 2, SaltFailure = 3, SaltWhichError = 4, SaltFailPoint = 5,
        SaltDispatch = 6, SaltStart = 7, SaltBackoff = 8, SaltOutput = 9, SaltLog = 10;

    public static double Unit(TaskRecord task, int retryCount, ulong salt) =>
        SplitMix.Unit(SplitMix.Hash(task.Run.Tenant.Seed, (ulong)task.TaskId, (ulong)retryCount, salt));

    public static AttemptPlan Plan(TaskRecord task, int retryCount, DateTimeOffset startedAt)
    {
        var script = task.Step.Script;
        var timeout = task.Step.Timeout;
        var span = script.MaxDuration - script.MinDuration;
        var duration = script.MinDuration + span * Unit(task, retryCount, SaltDuration);
        if (duration < TimeSpan.FromMilliseconds(20)) duration = TimeSpan.FromMilliseconds(20);

        AttemptPlan plan;
        if (script.AlwaysFailSince is { } since && startedAt >= since && script.AlwaysFailError is { } always)
        {
            plan = Fail(always, startedAt, duration, task, retryCount);
        }
        else if (Unit(task, retryCount, SaltTimeout) < script.TimeoutProbability)
        {
            plan = new AttemptPlan(AttemptOutcome.TimedOut, startedAt + timeout, null, timeout);
        }
        else if (script.Errors.Count > 0 && Unit(task, retryCount, SaltFailure) < script.FailureProbability)
        {
            plan = Fail(PickError(script.Errors, Unit(task, retryCount, SaltWhichError)), startedAt, duration, task, retryCount);
        }
        else
        {
            plan = new AttemptPlan(AttemptOutcome.Succeeded, startedAt + duration, null, duration);
        }
        return plan.EndsAt - startedAt > timeout
            ? new AttemptPlan(AttemptOutcome.TimedOut, startedAt + timeout, null, timeout)
            : plan;
    }

    private static AttemptPlan Fail(ErrorSignature error, DateTimeOffset start, TimeSpan duration, TaskRecord task, int retry)
    {
        var after = error.FailsAfter ?? duration * (0.2 + 0.8 * Unit(task, retry, SaltFailPoint));
        if (after < TimeSpan.FromMilliseconds(10)) after = TimeSpan.FromMilliseconds(10);
        return new AttemptPlan(AttemptOutcome.Failed, start + after, error, after);
    }

    private static ErrorSignature PickError(IReadOnlyList<ErrorSignature> errors, double u)
    {
        var total = errors.Sum(e => e.Weight);
        var x = u * total;
        foreach (var e in errors)
        {
            if (x < e.Weight) return e;
            x -= e.Weight;
        }
        return errors[^1];
    }

    /// <summary>Replaces "{n}" with a deterministic number and "{meta:key}" with the run's metadata value.</summary>
    public static string Render(string template, TaskRecord task, int retryCount, ulong index)
    {
        if (!template.Contains('{', StringComparison.Ordinal)) return template;
        var n = SplitMix.Hash(task.Run.Tenant.Seed, (ulong)task.TaskId, (ulong)retryCount, 1000 + index) % 9000 + 100;
        var s = template.Replace("{n}", n.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var i = s.IndexOf("{meta:", StringComparison.Ordinal);
        while (i >= 0)
        {
            var end = s.IndexOf('}', i);
            if (end < 0) break;
            var key = s[(i + 6)..end];
            Model.AdditionalMetadata.TryGet(task.Run.AdditionalMetadata, key, out var value);
            s = string.Concat(s.AsSpan(0, i), value, s.AsSpan(end + 1));
            i = s.IndexOf("{meta:", i + value.Length, StringComparison.Ordinal);
        }
        return s;
    }
}
