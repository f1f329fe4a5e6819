using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;

namespace HatchetMcp.Findings;

/// <summary>
/// Summarises the failures of a window. Reads the FAILED runs of the window page by page (the first page says how many
/// matched; the rest are read concurrently through the <see cref="FetchGate"/> and folded into counts as they arrive, so
/// memory does not grow with the window), counts the window's runs with one limit-1 request (plus one per failing
/// workflow for its failure rate), and asks <see cref="WorkflowHistory"/> how each of the most failing workflows has
/// fared. Failures are a small part of most windows, so this reads far fewer rows than paging every run.
/// </summary>
public sealed class FailureSummaryScan(IHatchetClient client, FetchGate gate, WorkflowHistory history)
{
    public const int PageSize = 500;

    /// <summary>Failed runs read at most; beyond it the answer says how many were scanned of how many matched.</summary>
    public const int MaxFailuresScanned = 50_000;

    /// <summary>Workflows whose history (last success, regression) is read: the ones with most failures.</summary>
    public const int MaxHistories = 8;

    public const int ExampleRuns = 3;

    public async Task<FailureSummary> ScanAsync(DateTimeOffset since, DateTimeOffset until, Guid? workflowId, CancellationToken cancellationToken)
    {
        var totalTask = CountAsync(since, until, workflowId, cancellationToken);
        var first = await ListFailedAsync(since, until, workflowId, 0, PageSize, cancellationToken).ConfigureAwait(false);
        var firstRows = first.Rows ?? [];
        var numPages = first.Pagination?.NumPages;
        var bounds = PageBounds.From(0, PageSize, firstRows.Count, numPages).Matched;
        // num_pages bounds the total from above; the last page, once read, makes it exact.
        var upper = (int)Math.Min(int.MaxValue, bounds.Exact ?? bounds.AtMost ?? bounds.AtLeast);

        var tally = new Tally();
        tally.Add(firstRows);
        var offsets = new List<int>();
        for (var offset = PageSize; offset < Math.Min(upper, MaxFailuresScanned); offset += PageSize)
        {
            offsets.Add(offset);
        }

        var lastPageRows = await Task.WhenAll(offsets.Select(async offset =>
        {
            var page = await ListFailedAsync(since, until, workflowId, offset, PageSize, cancellationToken).ConfigureAwait(false);
            tally.Add(page.Rows ?? []);
            return page.Rows?.Count ?? 0;
        })).ConfigureAwait(false);
        var matched = offsets.Count == 0 ? bounds : PageBounds.From(offsets[^1], PageSize, lastPageRows[^1], numPages).Matched;

        var notes = new List<string>();
        var groups = tally.Workflows();
        var runsInWindow = await totalTask.ConfigureAwait(false);
        var detailed = groups.OrderByDescending(g => g.Failures).ThenBy(g => g.Name, StringComparer.Ordinal).Take(MaxHistories).ToList();
        if (groups.Count > detailed.Count)
        {
            notes.Add($"runs, last success and regression read for the {detailed.Count} workflows with most failures only; pass workflow=<name> for another");
        }

        var details = await Task.WhenAll(detailed.Select(async g =>
        {
            var runs = workflowId is not null ? Task.FromResult(runsInWindow) : CountAsync(since, until, g.Id, cancellationToken);
            WorkflowFare? fare = null;
            string? note = null;
            try
            {
                fare = await history.FareAsync(g.Id, until, null, cancellationToken).ConfigureAwait(false);
            }
            catch (HatchetApiException e)
            {
                note = $"history not read: {e.Message}";
            }

            int? count = null;
            try
            {
                count = await runs.ConfigureAwait(false);
            }
            catch (HatchetApiException)
            {
                note ??= "runs in the window not counted: Hatchet failed";
            }

            return (g.Id, Fare: fare, Note: note, Runs: count);
        })).ConfigureAwait(false);
        var byId = details.ToDictionary(d => d.Id);

        var workflows = groups
            .Select(g => byId.TryGetValue(g.Id, out var d)
                ? g.ToFinding(d.Runs, d.Fare, d.Note)
                : g.ToFinding(null, null, $"runs and last success not read: only the {MaxHistories} workflows with most failures are; pass workflow=<name>"))
            .OrderByDescending(w => w.History?.Regressed ?? false)
            .ThenByDescending(w => w.FailuresScanned)
            .ThenBy(w => w.Name, StringComparer.Ordinal)
            .ToList();
        if (matched.Exact is null)
        {
            notes.Add($"only the newest {tally.Scanned:N0} failed runs were scanned (at most {MaxFailuresScanned:N0}); narrow the window or pass workflow=<name> for the rest");
        }

        return new FailureSummary(since, until, workflowId, runsInWindow, matched, tally.Scanned, workflows, notes);
    }

    private async Task<int> CountAsync(DateTimeOffset since, DateTimeOffset until, Guid? workflowId, CancellationToken cancellationToken)
    {
        var page = await gate.RunAsync(ct => client.ListRunsAsync(Query(since, until, workflowId, null, 0, 1), ct), cancellationToken).ConfigureAwait(false);
        var matched = PageBounds.From(0, 1, page.Rows?.Count ?? 0, page.Pagination?.NumPages).Matched;
        return (int)Math.Min(int.MaxValue, matched.Exact ?? matched.AtLeast);
    }

    private Task<V1RunList> ListFailedAsync(DateTimeOffset since, DateTimeOffset until, Guid? workflowId, int offset, int limit, CancellationToken cancellationToken) =>
        gate.RunAsync(ct => client.ListRunsAsync(Query(since, until, workflowId, [V1TaskStatuses.Failed], offset, limit), ct), cancellationToken);

    private static RunListQuery Query(DateTimeOffset since, DateTimeOffset until, Guid? workflowId, IReadOnlyList<string>? statuses, int offset, int limit) => new()
    {
        Since = since,
        Until = until,
        Statuses = statuses,
        WorkflowIds = workflowId is { } w ? [w] : null,
        OnlyTasks = false,
        IncludePayloads = false,
        Limit = limit,
        Offset = offset,
    };

    /// <summary>Failures folded in as pages arrive (from several threads); a run read twice (pages shift as runs arrive) counts once.</summary>
    private sealed class Tally
    {
        private readonly Lock _lock = new();
        private readonly HashSet<Guid> _seen = [];
        private readonly Dictionary<Guid, WorkflowTally> _workflows = [];

        public int Scanned { get; private set; }

        public void Add(IReadOnlyList<V1RunListRow> rows)
        {
            // Signatures are worked out outside the lock: they are the costly part.
            var marks = rows.Select(r => (Row: r, Mark: RunMark.Of(r), Signature: ErrorSignature.Of(RunMark.ErrorOf(r)) ?? "(no error message)")).ToList();
            lock (_lock)
            {
                foreach (var (row, mark, signature) in marks)
                {
                    if (mark is null || row.WorkflowId is not { } workflow || !_seen.Add(mark.RunId))
                    {
                        continue;
                    }

                    Scanned++;
                    if (!_workflows.TryGetValue(workflow, out var tally))
                    {
                        _workflows[workflow] = tally = new WorkflowTally(workflow, row.WorkflowName ?? workflow.ToString());
                    }

                    tally.Add(signature, mark);
                }
            }
        }

        public List<WorkflowTally> Workflows()
        {
            lock (_lock)
            {
                return [.. _workflows.Values];
            }
        }
    }

    private sealed class WorkflowTally(Guid id, string name)
    {
        private readonly Dictionary<string, SignatureTally> _signatures = new(StringComparer.Ordinal);

        public Guid Id => id;
        public string Name => name;
        public int Failures { get; private set; }

        public void Add(string signature, RunMark run)
        {
            Failures++;
            if (!_signatures.TryGetValue(signature, out var tally))
            {
                _signatures[signature] = tally = new SignatureTally();
            }

            tally.Add(run);
        }

        public WorkflowFailures ToFinding(int? runs, WorkflowFare? fare, string? note) => new(
            id, name, runs, Failures,
            _signatures.Select(kv => kv.Value.ToGroup(kv.Key))
                .OrderByDescending(s => s.Failures).ThenByDescending(s => s.LastSeen).ToList(),
            fare, note);
    }

    private sealed class SignatureTally
    {
        private readonly List<RunMark> _newest = new(ExampleRuns + 1);
        private int _count;
        private DateTimeOffset _first = DateTimeOffset.MaxValue, _last = DateTimeOffset.MinValue;

        public void Add(RunMark run)
        {
            _count++;
            if (run.CreatedAt < _first) _first = run.CreatedAt;
            if (run.CreatedAt > _last) _last = run.CreatedAt;
            // Pages arrive in any order: keep the newest few.
            _newest.Add(run);
            _newest.Sort((a, b) => b.CreatedAt.CompareTo(a.CreatedAt));
            if (_newest.Count > ExampleRuns)
            {
                _newest.RemoveAt(_newest.Count - 1);
            }
        }

        public SignatureGroup ToGroup(string signature) => new(signature, _count, _first, _last, [.. _newest.Select(r => r.RunId)]);
    }
}
