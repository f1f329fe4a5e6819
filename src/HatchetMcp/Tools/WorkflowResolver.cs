using HatchetMcp.Hatchet;
using HatchetMcp.Safety;
using ModelContextProtocol;

namespace HatchetMcp.Tools;

/// <summary>A workflow an agent named, resolved to its id; Name is null when it was given by id.</summary>
internal sealed record ResolvedWorkflow(Guid Id, string? Name);

/// <summary>Resolves a workflow given by name or id; an unknown name is a tool error that lists the known names.</summary>
internal sealed class WorkflowResolver(IHatchetClient client)
{
    // Hatchet's own page limit for workflows; tenants with more are rare and the name search narrows first anyway.
    private const int PageSize = 200;
    private const int NamesInError = 25;

    public async Task<ResolvedWorkflow> ResolveAsync(string value, string argument, CancellationToken cancellationToken)
    {
        var text = value.Trim();
        if (HatchetIds.TryParseUuid(text, out var id))
        {
            return new ResolvedWorkflow(id, null);
        }

        if (text.Length > 200)
        {
            throw new McpException($"{argument} must be a workflow name or id (list_workflows shows them); the value given is {text.Length} characters long.");
        }

        // Hatchet's name filter is a search, so look for an exact (case-insensitive) match among its hits.
        var hits = await client.ListWorkflowsAsync(text, PageSize, 0, cancellationToken).ConfigureAwait(false);
        var exact = hits.Rows?.FirstOrDefault(w => string.Equals(w.Name, text, StringComparison.Ordinal))
                    ?? hits.Rows?.FirstOrDefault(w => string.Equals(w.Name, text, StringComparison.OrdinalIgnoreCase));
        if (exact?.Metadata?.Id is { } workflowId && exact.Name is { } name)
        {
            return new ResolvedWorkflow(workflowId, name);
        }

        var all = await client.ListWorkflowsAsync(null, PageSize, 0, cancellationToken).ConfigureAwait(false);
        var names = (all.Rows ?? []).Select(w => w.Name).OfType<string>().Order(StringComparer.OrdinalIgnoreCase).ToList();
        var similar = names.Where(n => n.Contains(text, StringComparison.OrdinalIgnoreCase) || text.Contains(n, StringComparison.OrdinalIgnoreCase)).ToList();
        var shown = similar.Concat(names.Except(similar)).Take(NamesInError).ToList();
        var more = names.Count > shown.Count ? $" (and {names.Count - shown.Count} more; list_workflows shows all)" : string.Empty;
        var known = names.Count == 0 ? "this tenant has no workflows" : "known workflows: " + string.Join(", ", shown) + more;
        throw new McpException($"{argument}: no workflow named '{ToolArguments.Echo(text)}'; {known}.");
    }
}
