using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;

namespace HatchetMcp.Findings;

/// <summary>How the runs of one workflow version went in a window (counts are of the runs scanned).</summary>
public sealed record VersionTally(Guid? VersionId, int Runs, int Completed, int Failed, int Cancelled, int Active,
    DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>A workflow's runs in a window, read newest first up to a bound, grouped by the version each ran.</summary>
public sealed record VersionRecord(DateTimeOffset Since, MatchCount Matched, int Scanned, IReadOnlyList<VersionTally> Versions, Guid? NewestRunId)
{
    public const int PageSize = 500;

    /// <summary>
    /// Pages through the runs list filtered by the workflow: the first page says how many matched, the rest (up to
    /// <paramref name="maxRuns"/>) are read through <paramref name="gate"/>.
    /// </summary>
    public static async Task<VersionRecord> ScanAsync(IHatchetClient client, Guid workflowId, DateTimeOffset since,
        int maxRuns, FetchGate gate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var first = await client.ListRunsAsync(Query(workflowId, since, 0), cancellationToken).ConfigureAwait(false);
        var firstRows = first.Rows ?? [];
        var page = PageBounds.From(0, PageSize, firstRows.Count, first.Pagination?.NumPages);
        var total = page.Matched.AtMost ?? page.Matched.AtLeast;
        var offsets = new List<int>();
        for (var offset = PageSize; offset < Math.Min(total, maxRuns); offset += PageSize)
        {
            offsets.Add(offset);
        }

        var pages = await gate.EachAsync(offsets,
            async (offset, ct) => (await client.ListRunsAsync(Query(workflowId, since, offset), ct).ConfigureAwait(false)).Rows ?? [],
            cancellationToken).ConfigureAwait(false);

        // The last page read bounds the total best: a short one makes it exact.
        var matched = offsets.Count == 0
            ? page.Matched
            : PageBounds.From(offsets[^1], PageSize, pages[^1].Count, first.Pagination?.NumPages).Matched;

        // Runs that arrive while paging shift later pages; a run read twice counts once.
        var seen = new HashSet<Guid>();
        var tallies = new Dictionary<Guid, Tally>();
        var unversioned = new Tally();
        foreach (var row in firstRows.Concat(pages.SelectMany(p => p)).Take(maxRuns))
        {
            if (row.Metadata?.Id is { } id && !seen.Add(id))
            {
                continue;
            }

            var tally = row.WorkflowVersionId is { } v ? tallies.TryGetValue(v, out var t) ? t : tallies[v] = new Tally() : unversioned;
            tally.Add(row);
        }

        var versions = tallies.Select(kv => kv.Value.ToVersion(kv.Key))
            .Concat(unversioned.Runs > 0 ? [unversioned.ToVersion(null)] : [])
            .OrderByDescending(v => v.LastSeen)
            .ToList();
        var newest = firstRows.Count > 0 ? firstRows[0].WorkflowRunExternalId ?? firstRows[0].Metadata?.Id : null;
        return new VersionRecord(since, matched, versions.Sum(v => v.Runs), versions, newest);
    }

    private static RunListQuery Query(Guid workflowId, DateTimeOffset since, int offset) => new()
    {
        Since = since,
        WorkflowIds = [workflowId],
        OnlyTasks = false,
        IncludePayloads = false,
        Limit = PageSize,
        Offset = offset,
    };

    private sealed class Tally
    {
        public int Runs, Completed, Failed, Cancelled, Active;
        public DateTimeOffset First = DateTimeOffset.MaxValue, Last = DateTimeOffset.MinValue;

        public void Add(V1RunListRow row)
        {
            Runs++;
            switch (row.Status)
            {
                case V1TaskStatuses.Completed: Completed++; break;
                case V1TaskStatuses.Failed: Failed++; break;
                case V1TaskStatuses.Cancelled: Cancelled++; break;
                default: Active++; break;
            }

            if ((row.CreatedAt ?? row.Metadata?.CreatedAt) is { } at)
            {
                if (at < First) First = at;
                if (at > Last) Last = at;
            }
        }

        public VersionTally ToVersion(Guid? id) => new(id, Runs, Completed, Failed, Cancelled, Active,
            First == DateTimeOffset.MaxValue ? default : First, Last == DateTimeOffset.MinValue ? default : Last);
    }
}
