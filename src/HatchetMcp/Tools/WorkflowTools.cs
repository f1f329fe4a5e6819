using System.ComponentModel;
using HatchetMcp.Hatchet;
using HatchetMcp.Arguments;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>list_workflows: the workflows a tenant has registered.</summary>
[McpServerToolType]
public sealed class WorkflowTools(IHatchetClient client, ToolOutputOptions output, DashboardLinks links)
{
    // Latest versions need one call per workflow; a few at a time keeps Hatchet comfortable.
    private const int VersionLookupConcurrency = 8;

    [McpServerTool(Name = "list_workflows", Title = "List workflows", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(ListWorkflowsResult))]
    [Description("Lists the tenant's workflows with id, name, description, latest version and whether it is paused. " +
                 "Use it to learn the exact workflow names that list_runs (workflow) and trigger_workflow (workflow) accept. " +
                 "Next: list_runs with workflow set to a name from here.")]
    public async Task<CallToolResult> ListWorkflows(
        [Description("Only workflows whose name contains this text (Hatchet's name search). Omit for all.")] string? name = null,
        [Description("Workflows per page, 1 to 200. Default 50.")] int? limit = null,
        [Description("Workflows to skip, for paging (0 or more). Default 0; the answer gives the next offset.")] int? offset = null,
        CancellationToken cancellationToken = default)
    {
        var filter = ToolArguments.Text(name, "name", 200);
        var pageSize = ToolArguments.Bounded(limit, "limit", 1, 200, 50);
        var skip = ToolArguments.Offset(offset);

        var list = await ToolErrors.Guard(() => client.ListWorkflowsAsync(filter, pageSize, skip, cancellationToken)).ConfigureAwait(false);
        var rows = list.Rows ?? [];
        var versions = await LatestVersionsAsync(rows, cancellationToken).ConfigureAwait(false);

        var workflows = rows.Select((w, i) => new WorkflowRow
        {
            Id = w.Metadata?.Id ?? Guid.Empty,
            Name = w.Name ?? "(unnamed)",
            Description = string.IsNullOrWhiteSpace(w.Description) ? null : w.Description.Trim(),
            LatestVersion = versions[i],
            Paused = w.IsPaused ?? false,
            Url = links.Workflow(w.Metadata?.Id),
        }).ToList();
        var page = PageBounds.From(skip, pageSize, rows.Count, list.Pagination?.NumPages);
        const string narrow = "Narrow with name, or page with a smaller limit.";
        var dashboard = workflows.Count > 0 ? links.WorkflowsLine : null;
        var body = workflows.Select(w =>
            $"{w.Name} | id {w.Id} | version {w.LatestVersion ?? "?"}{(w.Paused ? " | PAUSED" : string.Empty)}" +
            (w.Description is { } d ? $" | {ValueSummary.Clip(d, 100)}" : string.Empty)).ToList();
        var fit = TextBudget.FitRows(
            shown => [Header(filter, PageBounds.Shown(page, shown, string.Empty))],
            body,
            ToolResult.RowBytes(workflows, ToolsJsonContext.Default.WorkflowRow),
            output.MaxTextBytes - (dashboard is null ? 0 : TextBudget.LineBytes(dashboard)),
            KeepEnd.First,
            (shown, cut) => $"… {cut} more workflows of this page not shown to fit the output budget ({output.MaxTextBytes} bytes): continue with offset={skip + shown}. {narrow}");
        var shownPage = PageBounds.Shown(page, fit.LinesShown,
            $"{fit.LinesCut} workflows of this page left out to fit the output budget ({output.MaxTextBytes} bytes); continue with offset={skip + fit.LinesShown}. {narrow}");
        var result = new ListWorkflowsResult
        {
            NameFilter = filter,
            Page = shownPage,
            Workflows = fit.IsCut ? workflows.Take(fit.LinesShown).ToList() : workflows,
        };
        var text = dashboard is null ? fit.Text : fit.Text + "\n" + dashboard;
        return ToolResult.Create(text, result, ToolsJsonContext.Default.ListWorkflowsResult);
    }

    private static string Header(string? filter, PageResult page) =>
        $"Workflows{(filter is null ? string.Empty : $" matching '{filter}'")}: {PageBounds.Describe(page.Matched)}; " +
        (page.Returned == 0 ? "none on this page." : $"showing {page.Offset + 1}-{page.Offset + page.Returned}.") +
        (page.NextOffset is { } next ? $" Next page: offset={next}." : string.Empty);

    private async Task<string?[]> LatestVersionsAsync(IReadOnlyList<Workflow> rows, CancellationToken cancellationToken)
    {
        var versions = new string?[rows.Count];
        using var gate = new SemaphoreSlim(VersionLookupConcurrency);
        var lookups = rows.Select(async (w, i) =>
        {
            if (w.Metadata?.Id is not { } id || id == Guid.Empty)
            {
                return;
            }

            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var full = await client.GetWorkflowAsync(id, cancellationToken).ConfigureAwait(false);
                versions[i] = full.Versions?.FirstOrDefault()?.Version;
            }
            catch (HatchetApiException)
            {
                // A missing version is shown as "?"; the list itself already answered.
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(lookups).ConfigureAwait(false);
        return versions;
    }
}
