using System.ComponentModel;
using System.Globalization;
using HatchetMcp.Arguments;
using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>summarize_failures: a window's failures by workflow and error signature, with regressions and the version change.</summary>
[McpServerToolType]
public sealed class FailureSummaryTools(IHatchetClient client, ToolOutputOptions output, TimeProvider time, WorkflowCatalog workflows,
    FailureSummaryScan scan, DashboardLinks links)
{
    private const int SignaturesShown = 3;
    private const int NamesInCutNotice = 8;
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);

    [McpServerTool(Name = "summarize_failures", Title = "Summarize failures", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(SummarizeFailuresResult))]
    [Description("Failed runs in a window (default 24h) grouped by workflow, then by error signature: counts, first/last seen, " +
                 "run ids. Per workflow: runs and failure rate, last success, and whether it regressed (every run failing " +
                 "since some time, with the onset and the version change). Next: diagnose_run with a run id.")]
    public async Task<CallToolResult> SummarizeFailures(
        [Description("Start of the window: ISO 8601 time or a duration back from now (90m, 24h, 7d). Default 24h.")] string? since = null,
        [Description("End of the window, same forms. Default now.")] string? until = null,
        [Description("Only this workflow, by name or id.")] string? workflow = null,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var window = TimeWindow.Parse(since, until, now, DefaultWindow);
        var workflowText = ToolArguments.Text(workflow, "workflow", 300);

        return await ToolErrors.Guard(async () =>
        {
            var resolved = workflowText is null ? null
                : await new WorkflowResolver(client, workflows).ResolveAsync(workflowText, "workflow", cancellationToken).ConfigureAwait(false);
            var summary = await scan.ScanAsync(window.Since, window.Until ?? now, resolved?.Id, cancellationToken).ConfigureAwait(false);
            return Answer(summary, resolved?.Name, output.MaxTextBytes, links);
        }).ConfigureAwait(false);
    }

    private static CallToolResult Answer(FailureSummary summary, string? workflowName, int maxBytes, DashboardLinks links)
    {
        var rows = summary.Workflows.Select(w => Row(w, links)).ToList();
        var blocks = rows.Select(Block).ToList();
        var sizes = ToolResult.RowBytes(rows, ToolsJsonContext.Default.WorkflowFailureRow);
        string? cut = null;
        var fitted = TextBudget.FitRows(
            _ => Header(summary, workflowName, rows.Count > 0 ? links.RunsLine : null),
            blocks,
            sizes,
            maxBytes,
            KeepEnd.First,
            (shown, left) => cut = CutNotice(rows.Skip(shown).ToList(), maxBytes));
        var shownRows = rows.Take(fitted.LinesShown).ToList();
        var result = new SummarizeFailuresResult
        {
            Since = TimeText.Iso(summary.Since),
            Until = TimeText.Iso(summary.Until),
            RunsInWindow = summary.RunsInWindow,
            FailedMatched = (int)Math.Min(int.MaxValue, summary.FailuresMatched.Exact ?? summary.FailuresMatched.AtLeast),
            FailedScanned = summary.FailuresScanned,
            Workflows = shownRows,
            WorkflowsLeftOut = rows.Count - shownRows.Count,
            Cut = rows.Count > shownRows.Count ? cut : null,
            Notes = summary.Notes,
            RunUrl = rows.Count > 0 ? links.RunTemplate : null,
        };
        return ToolResult.Create(fitted.Text, result, ToolsJsonContext.Default.SummarizeFailuresResult);
    }

    private static WorkflowFailureRow Row(WorkflowFailures w, DashboardLinks links)
    {
        var fare = w.History;
        return new WorkflowFailureRow
        {
            WorkflowId = w.WorkflowId,
            Workflow = w.Name,
            Url = links.Workflow(w.WorkflowId),
            Runs = w.RunsInWindow,
            Failed = w.FailuresScanned,
            FailureRate = w.FailureRate is { } rate ? Math.Round(rate, 3) : null,
            LastSuccessAt = TimeText.Iso(fare?.LastSuccess?.CreatedAt),
            LastSuccessRunId = fare?.LastSuccess?.RunId,
            Regressed = fare?.Regressed ?? false,
            FailingSince = fare?.LastSuccess is null ? null : TimeText.Iso(fare.FirstFailure?.CreatedAt),
            FirstFailureRunId = fare?.LastSuccess is null ? null : fare.FirstFailure?.RunId,
            FailuresSinceSuccess = fare?.LastSuccess is null ? null : fare.FailuresSince,
            ActiveSinceSuccess = fare?.LastSuccess is null ? null : fare.ActiveSince,
            LastGoodVersionId = fare?.LastSuccessVersion?.Id,
            LastGoodVersion = fare?.LastSuccessVersion?.Name,
            FailingVersionId = fare?.FirstFailureVersion?.Id,
            FailingVersion = fare?.FirstFailureVersion?.Name,
            Note = w.HistoryNote ?? (fare?.Notes is { Count: > 0 } notes ? string.Join("; ", notes) : null),
            Signatures = w.Signatures.Take(SignaturesShown).Select(s => new FailureSignatureRow
            {
                Signature = s.Signature,
                Failures = s.Failures,
                FirstSeen = TimeText.Iso(s.FirstSeen),
                LastSeen = TimeText.Iso(s.LastSeen),
                RunIds = s.ExampleRunIds,
            }).ToList(),
            SignaturesLeftOut = Math.Max(0, w.Signatures.Count - SignaturesShown),
        };
    }

    private static List<string> Header(FailureSummary s, string? workflowName, string? runsLine)
    {
        var scope = workflowName is not null ? $"workflow {workflowName}" : s.WorkflowId is { } id ? $"workflow {id}" : "the tenant";
        var lines = new List<string>
        {
            Inv($"Failures in {scope}, {TimeText.Format(s.Since)} to {TimeText.Format(s.Until)}: {Matched(s.FailuresMatched)} of {CountText.Of(s.RunsInWindow, "run")} created in the window failed") +
                (s.FailuresMatched.Exact is null || s.FailuresScanned < s.FailuresMatched.Exact
                    ? Inv($"; {s.FailuresScanned:N0} failed runs scanned (the newest), counts below are of those.")
                    : Inv($" (all {s.FailuresScanned:N0} scanned).")) +
                (s.Workflows.Count > 0 ? $" {CountText.Of(s.Workflows.Count, "workflow")} with failures:" : ""),
        };
        lines.AddRange(s.Notes.Select(n => $"Note: {n}."));
        if (runsLine is not null)
        {
            lines.Add(runsLine);
        }
        return lines;
    }

    private static string Block(WorkflowFailureRow w)
    {
        var rate = w.FailureRate is { } r ? Inv($" ({r * 100:0.#}%)") : "";
        var line = w.Runs is { } runs
            ? Inv($"{w.Workflow}: {w.Failed:N0} of {CountText.Of(runs, "run")} failed{rate}")
            : Inv($"{w.Workflow}: {CountText.Of(w.Failed, "failed run")}");
        if (w.LastSuccessAt is null)
        {
            line += w.Note is null ? "; no success in the 7 days before the window's end" : "";
        }
        else if (w.Regressed)
        {
            var active = w.ActiveSinceSuccess is > 0 ? Inv($", {w.ActiveSinceSuccess} still queued or running") : "";
            line += Inv($". REGRESSED (heuristic: every finished run since its last success failed): failing since {Time(w.FailingSince)} (run {w.FirstFailureRunId}), {w.FailuresSinceSuccess:N0} failures since{active}; last success {Time(w.LastSuccessAt)} (run {w.LastSuccessRunId})");
        }
        else
        {
            line += Inv($"; last success {Time(w.LastSuccessAt)} (run {w.LastSuccessRunId}), {w.FailuresSinceSuccess:N0} failed since");
        }

        if (w.LastGoodVersionId is { } good && w.FailingVersionId is { } bad && good != bad)
        {
            line += $"; version changed: last success ran {Name(w.LastGoodVersion, good)}, first failure after it {Name(w.FailingVersion, bad)}";
        }

        if (w.Note is not null)
        {
            line += $" ({w.Note})";
        }

        var lines = new List<string> { line };
        lines.AddRange(w.Signatures.Select(s =>
            Inv($"  {s.Failures:N0}× {WorkflowText.Fence(s.Signature)} (first {Short(s.FirstSeen)}, last {Short(s.LastSeen)}; e.g. run {s.RunIds.FirstOrDefault()})")));
        if (w.SignaturesLeftOut > 0)
        {
            lines.Add(Inv($"  … {w.SignaturesLeftOut} more signatures: summarize_failures workflow={w.Workflow}"));
        }

        return string.Join('\n', lines);
    }

    private static string CutNotice(IReadOnlyList<WorkflowFailureRow> left, int maxBytes)
    {
        var names = string.Join(", ", left.Take(NamesInCutNotice).Select(w => w.Workflow));
        var more = left.Count > NamesInCutNotice ? Inv($" and {left.Count - NamesInCutNotice} more") : "";
        return Inv($"… {CountText.Of(left.Count, "workflow")} with {left.Sum(w => w.Failed):N0} failed runs not shown (text budget {maxBytes} bytes): {names}{more}. Pass workflow=<name> for one.");
    }

    private static string Matched(MatchCount m) => m.Exact is { } exact ? Inv($"{exact:N0}")
        : m.AtMost is { } most ? Inv($"{m.AtLeast:N0}-{most:N0}") : Inv($"at least {m.AtLeast:N0}");

    private static string Name(string? name, Guid id) => name is not null ? $"{name} ({id})" : id.ToString();

    private static string Time(string? iso) => iso is null ? "?" : TimeText.Format(DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture));

    private static string Short(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture).UtcDateTime.ToString("MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
