using HatchetMcp.Hatchet;
using HatchetMcp.Arguments;
using ModelContextProtocol;

namespace HatchetMcp.Tools;

/// <summary>A workflow an agent named, resolved to its id and name (Name is null only when Hatchet gave none).</summary>
internal sealed record ResolvedWorkflow(Guid Id, string? Name);

/// <summary>
/// Resolves a workflow given by name or id against the tenant's workflows; an unknown name or an id outside the tenant
/// is a tool error that says so and points at list_workflows. Names come from the shared <see cref="WorkflowCatalog"/>.
/// </summary>
internal sealed class WorkflowResolver(IHatchetClient client, WorkflowCatalog catalog)
{
    private const int NamesInError = 25;

    public async Task<ResolvedWorkflow> ResolveAsync(string value, string argument, CancellationToken cancellationToken)
    {
        var text = value.Trim();
        if (HatchetIds.TryParseUuid(text, out var id))
        {
            var name = await catalog.NameAsync(client, id, cancellationToken).ConfigureAwait(false);
            return name is null
                ? throw new McpException($"{argument}: no such workflow in this tenant: {id}; list_workflows shows the names and ids.")
                : new ResolvedWorkflow(id, name);
        }

        if (text.Length > 200)
        {
            throw new McpException($"{argument} must be a workflow name or id (list_workflows shows them); the value given is {text.Length} characters long.");
        }

        var all = await catalog.AllAsync(client, refresh: false, cancellationToken).ConfigureAwait(false);
        var exact = Find(all, text);
        if (exact is null)
        {
            // Maybe registered since the list was taken.
            all = await catalog.AllAsync(client, refresh: true, cancellationToken).ConfigureAwait(false);
            exact = Find(all, text);
        }

        if (exact is null && all.Count >= WorkflowCatalog.PageSize)
        {
            // More workflows than one page: Hatchet's name filter is a search, so look for an exact match among its hits.
            var hits = await client.ListWorkflowsAsync(text, WorkflowCatalog.PageSize, 0, cancellationToken).ConfigureAwait(false);
            exact = Find((hits.Rows ?? []).Where(w => w.Metadata?.Id is not null && w.Name is not null)
                .Select(w => new WorkflowEntry(w.Metadata!.Id!.Value, w.Name!)).ToList(), text);
        }

        if (exact is not null)
        {
            return new ResolvedWorkflow(exact.Id, exact.Name);
        }

        var names = all.Select(w => w.Name).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var similar = names.Where(n => n.Contains(text, StringComparison.OrdinalIgnoreCase) || text.Contains(n, StringComparison.OrdinalIgnoreCase)).ToList();
        var shown = similar.Concat(names.Except(similar)).Take(NamesInError).ToList();
        var more = names.Count > shown.Count ? $" (and {names.Count - shown.Count} more; list_workflows shows all)" : string.Empty;
        var known = names.Count == 0 ? "this tenant has no workflows" : "known workflows: " + string.Join(", ", shown) + more;
        throw new McpException($"{argument}: no workflow named '{ToolArguments.Echo(text)}'; {known}.");
    }

    private static WorkflowEntry? Find(IReadOnlyList<WorkflowEntry> entries, string name) =>
        entries.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.Ordinal))
        ?? entries.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));
}
