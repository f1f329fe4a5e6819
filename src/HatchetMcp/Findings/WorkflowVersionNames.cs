using System.Collections.Concurrent;
using HatchetMcp.Hatchet;

namespace HatchetMcp.Findings;

/// <summary>A workflow version by id, with its name ("v3") when Hatchet gave one.</summary>
public sealed record NamedVersion(Guid Id, string? Name, DateTimeOffset? CreatedAt);

/// <summary>
/// Names workflow versions by id through GET /workflows/{id}/versions?version=, one request per version not seen before.
/// A version's name never changes, so what was read once is kept (a refetchable fact, the only kind of cache allowed).
/// A version that cannot be read is returned unnamed, not thrown: the answer still shows its id.
/// </summary>
public sealed class WorkflowVersionNames(IHatchetClient client, FetchGate gate)
{
    // Bounds the cache: a tenant deploys far fewer versions than this in a server's lifetime; past it, entries are dropped.
    private const int MaxKept = 10_000;

    private readonly ConcurrentDictionary<Guid, NamedVersion> _known = new();

    /// <summary>The version named, or unnamed (Name null) when Hatchet would not say.</summary>
    public async Task<NamedVersion> NameAsync(Guid workflowId, Guid versionId, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(versionId, out var known))
        {
            return known;
        }

        try
        {
            var version = await gate.RunAsync(ct => client.GetWorkflowVersionAsync(workflowId, versionId, ct), cancellationToken).ConfigureAwait(false);
            var named = new NamedVersion(versionId, string.IsNullOrWhiteSpace(version.Version) ? null : version.Version, version.Metadata?.CreatedAt);
            if (_known.Count >= MaxKept)
            {
                _known.Clear();
            }

            _known[versionId] = named;
            return named;
        }
        catch (HatchetApiException)
        {
            return new NamedVersion(versionId, null, null);
        }
    }
}
