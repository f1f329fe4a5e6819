using System.ComponentModel;
using HatchetMcp.Hatchet;
using HatchetMcp.Arguments;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>list_crons and list_scheduled_runs: what starts runs on a clock.</summary>
[McpServerToolType]
public sealed class TriggerTools(IHatchetClient client, ToolOutputOptions output, TimeProvider time, WorkflowCatalog workflows, DashboardLinks links)
{
    private static readonly string[] ScheduledStatuses = ["SCHEDULED", "PENDING", "QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED", "BACKOFF"];

    [McpServerTool(Name = "list_crons", Title = "List cron triggers", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(ListCronsResult))]
    [Description("Lists cron triggers, newest first: name, expression, workflow, enabled, method (code or API), created. " +
                 "Optionally of one workflow. Next: list_runs workflow=<name> for what they started.")]
    public async Task<CallToolResult> ListCrons(
        [Description("Only crons of this workflow (name or id).")] string? workflow = null,
        [Description("Crons per page, 1 to 200. Default 50.")] int? limit = null,
        [Description("Crons to skip (0 or more). Default 0.")] int? offset = null,
        CancellationToken cancellationToken = default)
    {
        var pageSize = ToolArguments.Bounded(limit, "limit", 1, 200, 50);
        var skip = ToolArguments.Offset(offset);
        var workflowText = ToolArguments.Text(workflow, "workflow", 300);

        return await ToolErrors.Guard(async () =>
        {
            var resolved = workflowText is null ? null : await new WorkflowResolver(client, workflows).ResolveAsync(workflowText, "workflow", cancellationToken).ConfigureAwait(false);
            var list = await client.ListCronsAsync(resolved?.Id, pageSize, skip, cancellationToken).ConfigureAwait(false);
            var crons = (list.Rows ?? []).Select(c => ToRow(c) with { Url = links.Workflow(c.WorkflowId) }).ToList();
            var page = PageBounds.From(skip, pageSize, crons.Count, list.Pagination?.NumPages);
            var scope = resolved is null ? "Crons" : $"Crons of workflow {resolved.Name ?? resolved.Id.ToString()}";
            // The rows name workflows, not their ids: one link to the workflow asked for, else to the dashboard's cron list.
            var dashboard = DashboardLinks.Line(resolved is null ? links.CronJobs : links.Workflow(resolved.Id));
            var fit = FitPage(page, crons, crons.Select(CronLine).ToList(), ToolResult.RowBytes(crons, ToolsJsonContext.Default.CronRow),
                scope, "newest first", "crons", WithLine("Next: list_runs workflow=<name> for the runs they started.", dashboard));
            var result = new ListCronsResult
            {
                WorkflowId = resolved?.Id,
                WorkflowName = resolved?.Name,
                Page = fit.Page,
                Crons = crons.Take(fit.Page.Returned).ToList(),
            };
            return ToolResult.Create(fit.Text, result, ToolsJsonContext.Default.ListCronsResult);
        }).ConfigureAwait(false);
    }

    [McpServerTool(Name = "list_scheduled_runs", Title = "List scheduled runs", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(ListScheduledRunsResult))]
    [Description("Lists one-off scheduled runs, soonest trigger time first: when (and in how long or how long ago), " +
                 "workflow, status (SCHEDULED until it fires) and the run it created. Filter by workflow and statuses.")]
    public async Task<CallToolResult> ListScheduledRuns(
        [Description("Only those of this workflow (name or id).")] string? workflow = null,
        [Description("Only these statuses: SCHEDULED (not fired yet), PENDING, QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, BACKOFF. Default all.")] string[]? statuses = null,
        [Description("Rows per page, 1 to 200. Default 50.")] int? limit = null,
        [Description("Rows to skip (0 or more). Default 0.")] int? offset = null,
        CancellationToken cancellationToken = default)
    {
        var statusFilter = ToolArguments.Choices(statuses, "statuses", ScheduledStatuses, "scheduled run status");
        var pageSize = ToolArguments.Bounded(limit, "limit", 1, 200, 50);
        var skip = ToolArguments.Offset(offset);
        var workflowText = ToolArguments.Text(workflow, "workflow", 300);
        var now = time.GetUtcNow();

        return await ToolErrors.Guard(async () =>
        {
            var resolved = workflowText is null ? null : await new WorkflowResolver(client, workflows).ResolveAsync(workflowText, "workflow", cancellationToken).ConfigureAwait(false);
            var list = await client.ListScheduledAsync(resolved?.Id, statusFilter, pageSize, skip, cancellationToken).ConfigureAwait(false);
            var source = list.Rows ?? [];
            var rows = source.Select(s => ToRow(s) with { Url = links.Run(s.WorkflowRunId) }).ToList();
            var page = PageBounds.From(skip, pageSize, rows.Count, list.Pagination?.NumPages);
            var scope = (resolved is null ? "Scheduled runs" : $"Scheduled runs of workflow {resolved.Name ?? resolved.Id.ToString()}")
                        + (statusFilter.Count > 0 ? " in " + string.Join("/", statusFilter) : string.Empty);
            var lines = rows.Select((r, i) => ScheduledLine(r, source[i].TriggerAt, now)).ToList();
            var fit = FitPage(page, rows, lines, ToolResult.RowBytes(rows, ToolsJsonContext.Default.ScheduledRunRow),
                scope, "soonest first", "scheduled runs",
                WithLine("Next: get_run with a run id for a fired one.", rows.Any(r => r.RunId is not null) ? links.RunsLine : null));
            var result = new ListScheduledRunsResult
            {
                WorkflowId = resolved?.Id,
                WorkflowName = resolved?.Name,
                Statuses = statusFilter,
                Page = fit.Page,
                Scheduled = rows.Take(fit.Page.Returned).ToList(),
            };
            return ToolResult.Create(fit.Text, result, ToolsJsonContext.Default.ListScheduledRunsResult);
        }).ConfigureAwait(false);
    }

    /// <summary>Header, rows and a cut notice within the output budget; the page then starts its next offset at the first row not shown.</summary>
    internal static (string Text, PageResult Page) FitPage<T>(PageResult page, IReadOnlyList<T> rows, IReadOnlyList<string> lines,
        IReadOnlyList<int> rowBytes, string scope, string order, string noun, string next, int maxTextBytes)
    {
        var fit = TextBudget.FitRows(
            shown => [$"{scope}: {PageText.Describe(PageBounds.Shown(page, shown, string.Empty), shown, order)}"],
            lines,
            rowBytes,
            maxTextBytes - (rows.Count > 0 ? TextBudget.LineBytes(next) : 0),
            KeepEnd.First,
            (shown, cut) => $"… {cut} more {noun} of this page not shown to fit the output budget ({maxTextBytes} bytes): continue with offset={page.Offset + shown}.");
        var shownPage = PageBounds.Shown(page, fit.LinesShown,
            $"{fit.LinesCut} {noun} of this page left out to fit the output budget ({maxTextBytes} bytes); continue with offset={page.Offset + fit.LinesShown}.");
        return (fit.LinesShown > 0 ? fit.Text + "\n" + next : fit.Text, shownPage);
    }

    private (string Text, PageResult Page) FitPage<T>(PageResult page, IReadOnlyList<T> rows, IReadOnlyList<string> lines,
        IReadOnlyList<int> rowBytes, string scope, string order, string noun, string next) =>
        FitPage(page, rows, lines, rowBytes, scope, order, noun, next, output.MaxTextBytes);

    private static CronRow ToRow(CronWorkflow c) => new()
    {
        Id = c.Metadata?.Id ?? Guid.Empty,
        Name = c.Name,
        Expression = c.Cron,
        WorkflowName = c.WorkflowName,
        Enabled = c.Enabled ?? true,
        Method = MethodName(c.Method),
        CreatedAt = TimeText.Iso(c.Metadata?.CreatedAt),
    };

    private static ScheduledRunRow ToRow(ScheduledWorkflow s) => new()
    {
        Id = s.Metadata?.Id ?? Guid.Empty,
        TriggerAt = TimeText.Iso(s.TriggerAt),
        WorkflowName = s.WorkflowName,
        // Hatchet reports no status until the schedule fires and creates its run.
        Status = s.WorkflowRunStatus ?? "SCHEDULED",
        RunId = s.WorkflowRunId is { } id && id != Guid.Empty ? id : null,
        Method = MethodName(s.Method),
    };

    /// <summary>A closing line with the dashboard line after it, when there is one.</summary>
    internal static string WithLine(string next, string? dashboard) => dashboard is null ? next : next + "\n" + dashboard;

    /// <summary>Hatchet calls a trigger declared in the workflow's code DEFAULT.</summary>
    private static string? MethodName(string? method) => method == "DEFAULT" ? "code" : method;

    private static string CronLine(CronRow c) =>
        $"{c.Name ?? "(unnamed)"} | {c.Expression} | {c.WorkflowName ?? "?"} | {(c.Enabled ? "enabled" : "DISABLED")} | {c.Method ?? "?"} | created {c.CreatedAt ?? "?"}";

    private static string ScheduledLine(ScheduledRunRow s, DateTimeOffset? triggerAt, DateTimeOffset now) =>
        $"{s.Id} | {(triggerAt is { } at ? $"{TimeText.Format(at)} ({DurationText.Age(at, now)})" : "?")} | {s.WorkflowName ?? "?"} | {s.Status}"
        + (s.RunId is { } run ? $" | run {run}" : string.Empty) + $" | {s.Method ?? "?"}";
}
