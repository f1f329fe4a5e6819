using System.Globalization;
using System.Text.Json;

namespace HatchetMcp.Cli;

/// <summary>
/// The conclusion an operator would draw from the demo's answers: which workflow is failing, since when, on which error
/// and version, the likely cause, whether capacity plays a part and whether a replay will help. Every line is read from
/// the structured answers and names the answer it rests on; the tools computed the findings (summarize_failures'
/// regression flag, diagnose_run's verdict, find_stuck_runs' causes), the demo only puts them side by side.
/// </summary>
internal static class DemoConclusion
{
    public const string Heading = "The demo's reading of the answers above (put together by the demo from the tools' findings; evidence in brackets):";

    public static IReadOnlyList<string> Build(DemoObservations seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        var lines = new List<string> { Heading };
        var workflow = DemoAnswers.Array(seen.Failures, "workflows").FirstOrDefault();
        var name = DemoAnswers.String(workflow, "workflow");
        if (name is null)
        {
            lines.Add($"- Failing: no run failed in the last {seen.Window} [summarize_failures].");
            lines.Add(Capacity(seen.Stuck, workflow: null));
            lines.Add("- Replay: nothing failed, so there is nothing to replay.");
            return lines;
        }

        lines.Add(Failing(seen.Failures, workflow, name, seen.Window));
        lines.Add(Since(workflow, seen.Window));
        lines.Add(Error(workflow));
        if (Version(workflow) is { } version)
        {
            lines.Add(version);
        }

        var cause = DemoAnswers.String(Verdict(seen.Diagnosis), "cause");
        lines.Add(Cause(seen.Diagnosis, cause));
        lines.Add(Capacity(seen.Stuck, name));
        lines.Add(Replay(workflow, cause));
        if (seen.ReplayedRun is { } replayed && DemoAnswers.String(replayed, "status") is { } status)
        {
            lines.Add($"  The replayed run was {status} at attempt {DemoAnswers.HighestAttempt(replayed)} when last asked; the demo did not wait for its outcome [get_run].");
        }

        return lines;
    }

    private static string Failing(JsonElement summary, JsonElement workflow, string name, string window)
    {
        var failed = DemoAnswers.Long(workflow, "failed") ?? 0;
        var scanned = DemoAnswers.Long(summary, "failedScanned") ?? 0;
        var runs = DemoAnswers.Long(workflow, "runs") is { } created ? $"; {created} of its runs were created in the window" : string.Empty;
        var others = DemoAnswers.Array(summary, "workflows").Count() - 1 + (DemoAnswers.Long(summary, "workflowsLeftOut") ?? 0);
        var rest = others switch
        {
            0 => "; no other workflow failed",
            1 => "; 1 other workflow failed too",
            _ => $"; {others} other workflows failed too",
        };
        return $"- Failing: {name}, {failed} of the {scanned} failed runs scanned in the last {window}{runs}{rest} [summarize_failures].";
    }

    private static string Since(JsonElement workflow, string window)
    {
        var lastSuccess = DemoAnswers.String(workflow, "lastSuccessAt");
        var failingSince = DemoAnswers.String(workflow, "failingSince");
        var since = DemoAnswers.Long(workflow, "failuresSinceSuccess");
        if (lastSuccess is null)
        {
            var oldest = DemoAnswers.Array(workflow, "signatures").Select(s => DemoAnswers.String(s, "firstSeen")).Where(t => t is not null).Min(StringComparer.Ordinal);
            return $"- Since: at least {DemoAnswers.Display(oldest)}, its oldest failure in the last {window}; no successful run in the 7 days read [summarize_failures].";
        }

        if (failingSince is not null && DemoAnswers.Bool(workflow, "regressed"))
        {
            return $"- Since: {DemoAnswers.Display(failingSince)}, its first failure after its last successful run (created {DemoAnswers.Display(lastSuccess)}); "
                   + $"{since?.ToString(CultureInfo.InvariantCulture) ?? "its"} failures since then and no success [summarize_failures, flagged REGRESSED as a heuristic].";
        }

        return $"- Since: intermittent: its last successful run was created {DemoAnswers.Display(lastSuccess)}, "
               + $"{since?.ToString(CultureInfo.InvariantCulture) ?? "an unknown number of"} runs failed after it, so it does not fail every run [summarize_failures].";
    }

    private static string Error(JsonElement workflow)
    {
        var signatures = DemoAnswers.Array(workflow, "signatures").ToList();
        var failed = DemoAnswers.Long(workflow, "failed") ?? 0;
        if (signatures.Count == 0)
        {
            return "- Error: its failures carry no error text [summarize_failures].";
        }

        var top = signatures[0];
        var others = signatures.Count - 1 + (DemoAnswers.Long(workflow, "signaturesLeftOut") ?? 0);
        var rest = others switch
        {
            0 => "one error for all of them",
            1 => "1 other error among the rest",
            _ => $"{others} other errors among the rest",
        };
        return $"- Error: {DemoAnswers.String(top, "signature")} in {DemoAnswers.Long(top, "failures") ?? 0} of its {failed} failures; {rest} [summarize_failures].";
    }

    private static string? Version(JsonElement workflow)
    {
        var good = DemoAnswers.String(workflow, "lastGoodVersion");
        var failing = DemoAnswers.String(workflow, "failingVersion");
        return good is not null && failing is not null && good != failing
            ? $"- Version: its last success ran {good}, its first failure after it ran {failing} [summarize_failures]."
            : null;
    }

    private static JsonElement Verdict(JsonElement? diagnosis) =>
        diagnosis is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("verdict", out var verdict) ? verdict : default;

    private static string Cause(JsonElement? diagnosis, string? cause)
    {
        var runId = diagnosis is { } d ? DemoAnswers.String(d, "runId") : null;
        if (cause is null)
        {
            return $"- Cause: diagnose_run gave no verdict{(runId is null ? string.Empty : $" for run {runId}")} [diagnose_run].";
        }

        var evidence = Verdict(diagnosis) is { ValueKind: JsonValueKind.Object } verdict && verdict.TryGetProperty("evidence", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToList()
            : [];
        return $"- Cause (a heuristic finding, not a certainty): {cause}; evidence: {(evidence.Count == 0 ? "none given" : string.Join("; ", evidence))} [diagnose_run of run {runId}].";
    }

    private static string Capacity(JsonElement stuck, string? workflow)
    {
        var groups = DemoAnswers.Array(stuck, "groups").ToList();
        var held = groups
            .Where(g => DemoAnswers.Array(g, "causes").Any(c => DemoAnswers.String(c, "kind") is not (null or "STILL_RUNNING")))
            .ToList();
        var cutoff = DemoAnswers.String(stuck, "olderThan") ?? "10m";
        if (held.Count == 0)
        {
            return $"- Capacity: no run waits for a worker, a rate limit or a concurrency slot for over {cutoff} [find_stuck_runs].";
        }

        var named = string.Join("; ", held.Select(g =>
            $"{DemoAnswers.String(g, "workflow") ?? DemoAnswers.String(g, "actionId") ?? "?"} ×{DemoAnswers.Long(g, "runs") ?? 0} "
            + $"({string.Join(", ", DemoAnswers.Array(g, "causes").Select(c => DemoAnswers.String(c, "kind")).Where(k => k is not null).Distinct())})"));
        if (workflow is not null && held.Any(g => DemoAnswers.String(g, "workflow") == workflow))
        {
            return $"- Capacity: part of the problem for {workflow}: runs held for over {cutoff}: {named} [find_stuck_runs].";
        }

        return workflow is null
            ? $"- Capacity: runs held for over {cutoff}: {named} [find_stuck_runs]."
            : $"- Capacity: not what fails {workflow} (its runs reach a worker and raise an error there); elsewhere, runs held for over {cutoff}: {named} [find_stuck_runs].";
    }

    private static string Replay(JsonElement workflow, string? cause)
    {
        var name = DemoAnswers.String(workflow, "workflow");
        return cause switch
        {
            "code regression" or "bad input" =>
                $"- Replay: will not help until the cause is fixed: the verdict is {cause}, and a replay re-runs the same code on the same input; "
                + $"fix or roll back {name}, then replay the failed runs [diagnose_run, summarize_failures].",
            "dependency failure" or "infrastructure or timeout" =>
                $"- Replay: may help once the {(cause == "dependency failure" ? "dependency answers" : "infrastructure is healthy")} again: the verdict is {cause}, which a later attempt can outlive [diagnose_run].",
            _ => $"- Replay: unclear: the verdict is {cause ?? "missing"}; read diagnose_run's evidence before replaying [diagnose_run].",
        };
    }
}
