using System.ComponentModel;
using HatchetMcp.Arguments;
using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>diagnose_run and compare_runs: one run's findings joined into one answer, and what differs between two runs.</summary>
[McpServerToolType]
public sealed class DiagnosisTools(IHatchetClient client, ToolOutputOptions output, TimeProvider time, WorkflowCatalog workflows,
    FetchGate gate, WorkflowVersionNames versions, WorkflowHistory history, ProgressBlockers blockers,
    DashboardLinks links)
{
    [McpServerTool(Name = "diagnose_run", Title = "Diagnose a run", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(DiagnoseRunResult))]
    [Description("Everything about one run (or task) in one call. Failed or cancelled: the failing task, each attempt " +
                 "(start, duration, worker, error), the log lines around the first ERROR, how the workflow has fared since " +
                 "its last success, the version change, and a labelled heuristic verdict with its evidence. Queued or " +
                 "running: why it is not progressing. Completed: queue wait and task durations.")]
    public async Task<CallToolResult> DiagnoseRun(
        [Description("Run id or task id (a UUID), e.g. from list_runs.")] string run_id,
        CancellationToken cancellationToken = default)
    {
        var id = ToolArguments.Uuid(run_id, "run_id");
        return await ToolErrors.Guard(async () =>
        {
            var diagnosis = await new RunDiagnoser(client, gate, Snapshots()).DiagnoseAsync(id, cancellationToken).ConfigureAwait(false);
            var fare = diagnosis.Kind == DiagnosisKind.Failed
                ? await FareAsync(diagnosis.Run, cancellationToken).ConfigureAwait(false)
                : null;
            var held = diagnosis.Kind == DiagnosisKind.Active
                ? await BlockersAsync(diagnosis.Run, cancellationToken).ConfigureAwait(false)
                : null;
            var now = time.GetUtcNow();
            var (built, lines) = RunDiagnosisAnswer.Build(diagnosis, fare, held, now);
            var result = built with { Url = links.Run(id) };
            if (DashboardLinks.Line(result.Url) is { } link)
            {
                lines.Insert(Math.Min(1, lines.Count), link);
            }
            var text = TextBudget.Fit(lines, [], output.MaxTextBytes, KeepEnd.First, "lines", string.Empty).Text;
            return ToolResult.Create(text, result, ToolsJsonContext.Default.DiagnoseRunResult);
        }).ConfigureAwait(false);
    }

    [McpServerTool(Name = "compare_runs", Title = "Compare two runs", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(CompareRunsResult))]
    [Description("What differs between a run and another (default: the last success of the same workflow before it): " +
                 "workflow version, status, input and metadata per key, tasks, attempts, workers and task durations, and " +
                 "the first log lines where the two runs' logs part. Lists only differences; names what is identical.")]
    public async Task<CallToolResult> CompareRuns(
        [Description("Run id or task id (a UUID), e.g. a failed run from list_runs.")] string run_id,
        [Description("Run id to compare with. Default: the newest COMPLETED run of the same workflow created before it.")] string? other_run_id = null,
        CancellationToken cancellationToken = default)
    {
        var id = ToolArguments.Uuid(run_id, "run_id");
        Guid? otherId = other_run_id is null ? null : ToolArguments.Uuid(other_run_id, "other_run_id");
        return await ToolErrors.Guard(async () =>
        {
            var snapshots = Snapshots();
            var runTask = snapshots.LoadAsync(id, cancellationToken);
            var givenTask = otherId is { } o ? snapshots.LoadAsync(o, cancellationToken) : null;
            var run = await runTask.ConfigureAwait(false);
            RunSnapshot other;
            if (givenTask is not null)
            {
                other = await givenTask.ConfigureAwait(false);
            }
            else
            {
                var success = await LastSuccessBeforeAsync(run, cancellationToken).ConfigureAwait(false)
                    ?? throw new ModelContextProtocol.McpException(
                        $"Run {run.RunId} has no COMPLETED run of its workflow created in the {DurationText.Format(WorkflowHistory.DefaultLookback)} before it to compare with: " +
                        "give other_run_id (a run id from list_runs).");
                other = await snapshots.LoadAsync(success, cancellationToken).ConfigureAwait(false);
            }

            var comparison = await new RunComparer(client, gate).CompareAsync(run, other, cancellationToken).ConfigureAwait(false);
            var (built, lines) = RunComparisonAnswer.Build(comparison, otherId is null ? "last success before it" : "given");
            var result = built with { Url = links.Run(run.RunId), OtherUrl = links.Run(other.RunId) };
            if (result.Url is not null)
            {
                lines.Insert(Math.Min(1, lines.Count), $"Dashboard: {result.Url} and {result.OtherUrl}");
            }
            var text = TextBudget.Fit(lines, [], output.MaxTextBytes, KeepEnd.First, "lines", string.Empty).Text;
            return ToolResult.Create(text, result, ToolsJsonContext.Default.CompareRunsResult);
        }).ConfigureAwait(false);
    }

    /// <summary>The last success of the run's workflow created before the run, from the workflow's history.</summary>
    private async Task<Guid?> LastSuccessBeforeAsync(RunSnapshot run, CancellationToken cancellationToken)
    {
        if (run.WorkflowId is not { } workflowId || run.CreatedAt is not { } created)
        {
            return null;
        }

        // Strictly before: a completed run must not be compared with itself (Hatchet keeps microseconds).
        var fare = await history.FareAsync(workflowId, WorkflowHistory.JustBefore(created), null, cancellationToken).ConfigureAwait(false);
        return fare.LastSuccess is { } s && s.RunId != run.RunId ? s.RunId : null;
    }

    /// <summary>Why the run is not progressing, from the details already read; null when live state cannot be read.</summary>
    private async Task<RunBlockers?> BlockersAsync(RunSnapshot run, CancellationToken cancellationToken)
    {
        try
        {
            return run.Details is { } details
                ? await blockers.ForRunAsync(details, blockers.NewLiveState(), cancellationToken).ConfigureAwait(false)
                : await blockers.ForRunAsync(run.RequestedTaskId ?? run.RunId, cancellationToken).ConfigureAwait(false);
        }
        catch (HatchetApiException)
        {
            return null;
        }
    }

    private RunSnapshots Snapshots() => new(client, workflows, gate, versions, output.SecretKeys);

    /// <summary>How the run's workflow fared up to the run's creation; null (the answer says so) when it cannot be read.</summary>
    private async Task<WorkflowFare?> FareAsync(RunSnapshot run, CancellationToken cancellationToken)
    {
        if (run.WorkflowId is not { } workflowId || run.CreatedAt is not { } created)
        {
            return null;
        }

        try
        {
            return await history.FareAsync(workflowId, created, null, cancellationToken).ConfigureAwait(false);
        }
        catch (HatchetApiException)
        {
            return null;
        }
    }
}
