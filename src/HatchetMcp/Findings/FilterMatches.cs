using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;

namespace HatchetMcp.Findings;

/// <summary>
/// The runs a bulk action's filter matches, read with GETs only: the run list page by page (newest first, through the
/// <see cref="FetchGate"/>) until the last page or one run past the cap. Above the cap the rows are dropped and only how
/// many matched is kept, so the caller can refuse and say how to narrow.
/// </summary>
public sealed class FilterMatches(IHatchetClient client, FetchGate gate)
{
    private const int MaxPageSize = 500;

    /// <summary>The matching runs (each once, newest first), or none with <see cref="FilterMatchResult.OverCap"/> set when more than <paramref name="cap"/> match.</summary>
    public async Task<FilterMatchResult> ReadAsync(RunListQuery filter, int cap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var pageSize = Math.Min(cap + 1, MaxPageSize);
        var runs = new List<V1RunListRow>();
        var seen = new HashSet<Guid>();
        for (var offset = 0; ; offset += pageSize)
        {
            var query = filter with { OnlyTasks = false, IncludePayloads = false, Limit = pageSize, Offset = offset };
            var page = await gate.RunAsync(ct => client.ListRunsAsync(query, ct), cancellationToken).ConfigureAwait(false);
            var rows = page.Rows ?? [];
            // A run read twice (pages shift as new runs arrive) counts once.
            runs.AddRange(rows.Where(r => RunId(r) is { } id && seen.Add(id)));
            if (runs.Count > cap)
            {
                return new FilterMatchResult([], PageBounds.From(offset, pageSize, rows.Count, page.Pagination?.NumPages).Matched);
            }

            if (rows.Count < pageSize)
            {
                return new FilterMatchResult(runs, null);
            }
        }
    }

    /// <summary>A run-list row's run id.</summary>
    public static Guid? RunId(V1RunListRow row) => row.Metadata?.Id ?? row.WorkflowRunExternalId;
}
