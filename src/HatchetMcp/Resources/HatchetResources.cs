using System.ComponentModel;
using HatchetMcp.Arguments;
using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;
using HatchetMcp.Tools;
using ModelContextProtocol.Server;

namespace HatchetMcp.Resources;

/// <summary>
/// Runs, workflows and workers as resources a client can attach: the same text the matching tool answers (get_run,
/// get_workflow, list_workers), produced by calling that tool, so a resource never renders a finding its own way.
/// </summary>
[McpServerResourceType]
public sealed class HatchetResources(IHatchetClient client, ToolOutputOptions output, TimeProvider time, WorkflowCatalog workflows,
    DashboardLinks links, FetchGate gate,
    WorkflowVersionNames versions)
{
    public const string RunTemplate = "hatchet://runs/{id}";
    public const string WorkflowTemplate = "hatchet://workflows/{name}";
    public const string WorkersUri = "hatchet://workers";

    /// <summary>The tools' text is plain lines (no markdown), so the resources say so.</summary>
    public const string MimeType = "text/plain";

    [McpServerResource(UriTemplate = RunTemplate, Name = "run", Title = "A run or task", MimeType = MimeType)]
    [Description("One run or task by id (a UUID): status, attempt timings, tasks and errors; the text get_run gives.")]
    public Task<string> Run(McpServer server, string id, CancellationToken cancellationToken = default)
    {
        // Checked here so the error names the URI's parameter, not the tool's argument.
        var runId = ResourceText.Argument(RunTemplate, () => ToolArguments.Uuid(id, "id"));
        return ResourceText.OfAsync(RunTemplate, server.NegotiatedProtocolVersion,
            () => new RunTools(client, output, time, workflows, links).GetRun(runId.ToString(), cancellationToken));
    }

    [McpServerResource(UriTemplate = WorkflowTemplate, Name = "workflow", Title = "A workflow", MimeType = MimeType)]
    [Description("One workflow by name or id: versions and how each fared over 7 days, tasks, triggers; the text get_workflow gives.")]
    public Task<string> Workflow(McpServer server, string name, CancellationToken cancellationToken = default)
    {
        var workflow = ResourceText.Argument(WorkflowTemplate, () => ToolArguments.Text(name, "name", 300))
                       ?? throw ResourceText.InvalidArgument(WorkflowTemplate,
                           "name is required: a workflow name (as list_workflows shows it) or id, percent-encoded in the URI.");
        return ResourceText.OfAsync(WorkflowTemplate, server.NegotiatedProtocolVersion,
            () => new WorkflowDetailTools(client, time, workflows, links, gate, versions).GetWorkflow(workflow, null, cancellationToken));
    }

    [McpServerResource(UriTemplate = WorkersUri, Name = "workers", Title = "Workers", MimeType = MimeType)]
    [Description("The workers seen in the last 24h with status, heartbeat and slots; the text list_workers gives.")]
    public Task<string> Workers(McpServer server, CancellationToken cancellationToken = default) =>
        ResourceText.OfAsync(WorkersUri, server.NegotiatedProtocolVersion, () => new WorkerTools(client, output, time, links).ListWorkers(null, cancellationToken));
}
