using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HatchetMcp.Cli;

/// <summary>
/// The conclusion an operator would draw from the demo's answers: which workflow is failing, since when, on which error,
/// whether capacity is the problem and whether a replay will help. Every line is computed from the structured answers
/// and names the answer it rests on; it is the demo's reading, not something Hatchet reported.
/// </summary>
internal static partial class DemoConclusion
{
    public const string Heading = "The demo's reading of the answers above (inferred by the demo, not reported by Hatchet; evidence in brackets):";

    public static IReadOnlyList<string> Build(DemoObservations seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var failures = FailureReading.From(seen.FailedRuns);
        var lines = new List<string> { Heading };
        if (failures.Workflow is null)
        {
            lines.Add($"- Failing: no run failed in the last {seen.Window} [list_runs of FAILED runs].");
            lines.Add(Capacity(seen, workflow: null));
            lines.AddRange(WorkerTrouble(seen.Workers));
            lines.Add("- Replay: nothing failed, so there is nothing to replay.");
            return lines;
        }

        var lastSuccess = LastSuccess(seen.LastSuccess);
        var successAfterFailures = lastSuccess is { At: { } successAt } && failures.OldestFailureAt is { } oldest && successAt > oldest;
        var onset = Onset(seen);
        lines.Add(Failing(failures, seen.Window));
        lines.Add(Since(failures, onset, lastSuccess, successAfterFailures, seen.LastSuccess is not null, seen.Window));
        lines.Add(Error(failures));
        lines.Add(Capacity(seen, failures.Workflow));
        lines.AddRange(WorkerTrouble(seen.Workers));
        lines.Add(Replay(failures, onset, lastSuccess, successAfterFailures));
        if (seen.ReplayedRun is { } replayed && DemoAnswers.String(replayed, "status") is { } status)
        {
            lines.Add($"  The replayed run was {status} at attempt {DemoAnswers.HighestAttempt(replayed)} when last asked; the demo did not wait for its outcome [get_run].");
        }

        return lines;
    }

    private static string Failing(FailureReading failures, string window) =>
        failures.WindowComplete
            ? $"- Failing: {failures.Workflow}, {failures.WorkflowFailures} of the {failures.RowsRead} runs that failed in the last {window} "
              + "[list_runs of FAILED runs, every failure of the window on one page]."
            : $"- Failing: {failures.Workflow}, {failures.WorkflowFailures} of the first {failures.RowsRead} failed runs read in the last {window}; "
              + $"more matched (list_runs with offset={failures.RowsRead} reads on) [list_runs of FAILED runs].";

    private static string Since(
        FailureReading failures,
        (long Count, string First)? onset,
        (string Text, DateTimeOffset? At)? lastSuccess,
        bool successAfterFailures,
        bool successesAsked,
        string window)
    {
        const string Evidence = " [list_runs of its FAILED and COMPLETED runs]";
        var intermittent = successAfterFailures ? "; it also failed before that success, so it does not fail every run" : string.Empty;
        if (onset is { } found)
        {
            return lastSuccess is { } success
                ? $"- Since: {DemoAnswers.Display(found.First)}, its first failure after its last successful run (created {DemoAnswers.Display(success.Text)}); {found.Count} failures since then and no success{intermittent}{Evidence}."
                : $"- Since: at least {DemoAnswers.Display(found.First)}, its oldest failure in the last {window}; {found.Count} failures in the window and no success{Evidence}.";
        }

        var since = failures.WindowComplete
            ? $"- Since: {DemoAnswers.Display(failures.OldestFailureText)}, its oldest failure in the window"
            : $"- Since: at least {DemoAnswers.Display(failures.OldestFailureText)}, its oldest failure among those read";
        var successText = lastSuccess switch
        {
            null when !successesAsked => "its last success was not looked up",
            null => $"no successful run in the last {window}",
            { } last when successAfterFailures => $"last successful run created {DemoAnswers.Display(last.Text)}, after the first failure: it does not fail every run",
            { } last => $"last successful run created {DemoAnswers.Display(last.Text)}, before the first failure: no run has succeeded since",
        };
        return $"{since}; {successText}{Evidence}.";
    }

    // The first failure since the last success and how many followed, from the two one-row list_runs answers.
    private static (long Count, string First)? Onset(DemoObservations seen) =>
        seen.FailuresSinceLastSuccess is { } counted
        && DemoAnswers.Matched(counted) is > 0 and var count
        && seen.FirstFailureSinceLastSuccess is { } first
        && DemoAnswers.FirstRowTime(first, "createdAt") is { } firstAt
            ? (count, firstAt)
            : null;

    private static string Error(FailureReading failures)
    {
        var others = failures.OtherSignatures switch
        {
            0 => "one error for all of them",
            1 => "1 other error among the rest",
            var n => $"{n} other errors among the rest",
        };
        return $"- Error: {failures.TopSignature} in {failures.TopSignatureCount} of its {failures.WorkflowFailures} failures read; {others} "
               + "[error signatures of the list_runs rows].";
    }

    private static string Capacity(DemoObservations seen, string? workflow)
    {
        if (DemoAnswers.String(seen.QueueMetrics, "queuesNote") is { } note)
        {
            return $"- Capacity: unknown, the queue depths could not be read ({note}) [get_queue_metrics].";
        }

        var queues = DemoAnswers.Array(seen.QueueMetrics, "deepestQueues")
            .Select(queue => (
                Name: DemoAnswers.String(queue, "queue") ?? "?",
                Queued: DemoAnswers.Long(queue, "queued") ?? 0,
                Workers: DemoAnswers.Long(queue, "activeWorkers")))
            .Where(queue => queue.Queued > 0)
            .ToList();
        if (workflow is null)
        {
            var unserved = queues.Where(queue => queue.Workers == 0).ToList();
            return unserved.Count == 0
                ? "- Capacity: every queue with waiting tasks has an active worker [get_queue_metrics]."
                : $"- Capacity: {string.Join(", ", unserved.Select(q => $"{q.Queued} tasks waiting in {q.Name} and no active worker serving it"))} [get_queue_metrics].";
        }

        var own = queues.Where(queue => queue.Name.StartsWith(workflow + ":", StringComparison.Ordinal)).ToList();
        var starved = own.Where(queue => queue.Workers == 0).ToList();
        if (starved.Count > 0)
        {
            return $"- Capacity: likely part of the problem for {workflow}: "
                   + string.Join("; ", starved.Select(q => $"{q.Queued} tasks waiting in {q.Name} and no active worker serving it"))
                   + " [get_queue_metrics].";
        }

        if (own.Count > 0)
        {
            return $"- Capacity: {workflow} has "
                   + string.Join("; ", own.Select(q => $"{q.Queued} tasks waiting in {q.Name}, served by {q.Workers?.ToString(CultureInfo.InvariantCulture) ?? "an unknown number of"} active workers"))
                   + "; its failures are errors raised while running, which waiting does not explain [get_queue_metrics].";
        }

        return $"- Capacity: not the problem for {workflow}: its failed runs reached a worker and raised an error there, and none of its "
               + "queues is among the deepest [list_runs, get_queue_metrics].";
    }

    private static IEnumerable<string> WorkerTrouble(JsonElement workers)
    {
        var trouble = new List<string>();
        var total = 0;
        foreach (var worker in DemoAnswers.Array(workers, "workers"))
        {
            total++;
            var name = DemoAnswers.String(worker, "name") ?? "?";
            var status = DemoAnswers.String(worker, "status");
            var used = DemoAnswers.Long(worker, "slotsUsed") ?? 0;
            var limit = DemoAnswers.Long(worker, "slotsLimit") ?? 0;
            if (status == "INACTIVE")
            {
                trouble.Add($"{name} inactive");
            }
            else if (status == "PAUSED" || DemoAnswers.Bool(worker, "paused"))
            {
                trouble.Add($"{name} paused");
            }
            else if (limit > 0 && used >= limit)
            {
                trouble.Add($"{name} full ({used} of {limit} slots used)");
            }
        }

        yield return (trouble.Count, total) switch
        {
            (_, 0) => "  Workers: none listed [list_workers].",
            (0, 1) => "  Workers: the only one is active with free slots [list_workers].",
            (0, _) => $"  Workers: all {total} are active with free slots [list_workers].",
            _ => $"  Workers needing attention: {string.Join(", ", trouble)} [list_workers; it does not say which workflows each serves].",
        };
    }

    private static string Replay(
        FailureReading failures, (long Count, string First)? onset, (string Text, DateTimeOffset? At)? lastSuccess, bool successAfterFailures)
    {
        if (LooksTransient(failures.TopSignature) || LooksTransient(failures.TopSignatureError ?? string.Empty))
        {
            return "- Replay: may help: its top error looks transient (a timeout, a 5xx, an unavailable service or a dropped connection), "
                   + "so a later attempt can succeed; check that the dependency answers again first [error signature].";
        }

        if (successAfterFailures)
        {
            return $"- Replay: may help: {failures.Workflow} still succeeded after its failures began (a run created {DemoAnswers.Display(lastSuccess!.Value.Text)}), "
                   + "so the error does not hit every run [list_runs].";
        }

        if (failures.OtherSignatures == 0)
        {
            var since = onset?.First ?? failures.OldestFailureText;
            return $"- Replay: will not help until the cause is fixed: the {failures.WorkflowFailures} failures read share one error, "
                   + $"which looks like a code or data error (not a timeout or an outage), and no run has succeeded since {DemoAnswers.Display(since)}; "
                   + "fix or roll back, then replay the failed runs [list_runs].";
        }

        return $"- Replay: unlikely to help before the causes are fixed: its failures show {failures.OtherSignatures + 1} different errors, "
               + "none of which looks transient [list_runs].";
    }

    private static (string Text, DateTimeOffset? At)? LastSuccess(JsonElement? listRuns)
    {
        if (listRuns is not { } answer)
        {
            return null;
        }

        foreach (var run in DemoAnswers.Array(answer, "runs"))
        {
            var text = DemoAnswers.String(run, "createdAt");
            if (text is not null)
            {
                return (text, DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null);
            }
        }

        return null;
    }

    private static bool LooksTransient(string error) => TransientError().IsMatch(error);

    [GeneratedRegex(
        @"time(d)?\s*out|timeout|deadline exceeded|bad gateway|gateway time|service unavailable|unavailable|too many requests|rate.?limit|"
        + @"connection(error| reset| refused| aborted| closed)|econnreset|econnrefused|temporar|\b(429|502|503|504)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TransientError();
}
