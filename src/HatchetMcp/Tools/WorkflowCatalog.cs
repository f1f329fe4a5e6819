using HatchetMcp.Hatchet;

namespace HatchetMcp.Tools;

/// <summary>A workflow of the tenant: its id and name.</summary>
internal sealed record WorkflowEntry(Guid Id, string Name);

/// <summary>
/// The tenant's workflows (id and name), kept for a short time and shared by every tool call: get_run names a run's
/// workflow without a second round trip, and workflow arguments resolve without listing again. Refreshed when older
/// than <see cref="Lifetime"/> or when asked for an id it does not hold. Thread-safe.
/// </summary>
public sealed class WorkflowCatalog(TimeProvider time)
{
    /// <summary>Short: a workflow registered or renamed a minute ago is seen, and a miss refreshes at once anyway.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    // Hatchet's own page limit for workflows; a tenant with more still resolves ids through GET workflow.
    internal const int PageSize = 200;

    private sealed record Snapshot(IReadOnlyList<WorkflowEntry> Entries, IReadOnlyDictionary<Guid, string> ById, DateTimeOffset TakenAt);

    private volatile Snapshot? _snapshot;

    /// <summary>The workflows, from the cache when fresh (and not <paramref name="refresh"/>), else listed again.</summary>
    internal async Task<IReadOnlyList<WorkflowEntry>> AllAsync(IHatchetClient client, bool refresh, CancellationToken cancellationToken) =>
        ((refresh ? null : Fresh()) ?? await RefreshAsync(client, cancellationToken).ConfigureAwait(false)).Entries;

    /// <summary>
    /// The name of a workflow of this tenant, or null when the tenant has none with that id. A cached answer costs no
    /// request; a miss lists the workflows again (a new workflow), then asks for the one workflow (a tenant with more
    /// than one page of workflows). Throws <see cref="HatchetApiException"/> when Hatchet fails.
    /// </summary>
    internal async Task<string?> NameAsync(IHatchetClient client, Guid workflowId, CancellationToken cancellationToken)
    {
        if (Fresh() is { } fresh && fresh.ById.TryGetValue(workflowId, out var cached))
        {
            return cached;
        }

        var refreshed = await RefreshAsync(client, cancellationToken).ConfigureAwait(false);
        if (refreshed.ById.TryGetValue(workflowId, out var listed))
        {
            return listed;
        }

        if (refreshed.Entries.Count < PageSize)
        {
            return null; // the whole tenant was listed
        }

        try
        {
            var workflow = await client.GetWorkflowAsync(workflowId, cancellationToken).ConfigureAwait(false);
            return workflow.Name;
        }
        catch (HatchetApiException e) when (e.Kind is HatchetErrorKind.NotFound or HatchetErrorKind.Forbidden)
        {
            // 404: no such workflow; 403: it belongs to another tenant (Hatchet checks the owner against the token).
            return null;
        }
    }

    private Snapshot? Fresh()
    {
        var snapshot = _snapshot;
        return snapshot is not null && time.GetUtcNow() - snapshot.TakenAt < Lifetime ? snapshot : null;
    }

    private async Task<Snapshot> RefreshAsync(IHatchetClient client, CancellationToken cancellationToken)
    {
        var list = await client.ListWorkflowsAsync(null, PageSize, 0, cancellationToken).ConfigureAwait(false);
        var entries = (list.Rows ?? [])
            .Where(w => w.Metadata?.Id is not null && w.Name is not null)
            .Select(w => new WorkflowEntry(w.Metadata!.Id!.Value, w.Name!))
            .ToList();
        var byId = new Dictionary<Guid, string>();
        foreach (var entry in entries)
        {
            byId[entry.Id] = entry.Name;
        }

        // Concurrent refreshes both succeed; the last one written wins, and either is a true list.
        var snapshot = new Snapshot(entries, byId, time.GetUtcNow());
        _snapshot = snapshot;
        return snapshot;
    }
}
