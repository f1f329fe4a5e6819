using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;

namespace HatchetMcp.Findings;

/// <summary>One run named as evidence: its id, when it was created, the version it ran and its error (failures only).</summary>
public sealed record RunMark(Guid RunId, DateTimeOffset CreatedAt, Guid? VersionId, string? Error)
{
    /// <summary>The run a runs-list row describes; null for a row without an id or a creation time.</summary>
    public static RunMark? Of(V1RunListRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var id = row.WorkflowRunExternalId ?? row.Metadata?.Id;
        var at = row.CreatedAt ?? row.Metadata?.CreatedAt;
        return id is { } runId && at is { } createdAt ? new RunMark(runId, createdAt, row.WorkflowVersionId, ErrorOf(row)) : null;
    }

    /// <summary>A run's error: its own, else (a DAG run) the first failed task's.</summary>
    public static string? ErrorOf(V1RunListRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!string.IsNullOrWhiteSpace(row.ErrorMessage))
        {
            return row.ErrorMessage;
        }

        return (row.Children ?? []).FirstOrDefault(c => c.Status == V1TaskStatuses.Failed && !string.IsNullOrWhiteSpace(c.ErrorMessage))?.ErrorMessage
            ?? (row.Children ?? []).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.ErrorMessage))?.ErrorMessage;
    }
}

/// <summary>
/// How a workflow has fared up to a moment: its last success, and what happened to the runs created after it.
/// Counts are of runs of this workflow created after <see cref="Since"/> and at or before <see cref="Before"/>;
/// <see cref="Since"/> is the last success's creation time, or the start of the lookback when none succeeded in it.
/// </summary>
public sealed record WorkflowFare
{
    public required Guid WorkflowId { get; init; }

    /// <summary>The moment the question is asked about (a run's creation, or now).</summary>
    public required DateTimeOffset Before { get; init; }

    /// <summary>How far back a success was looked for.</summary>
    public required DateTimeOffset LookedBackTo { get; init; }

    /// <summary>The newest COMPLETED run created at or before <see cref="Before"/>; null when none in the lookback.</summary>
    public RunMark? LastSuccess { get; init; }

    /// <summary>Where the counts start: the last success's creation, else <see cref="LookedBackTo"/>.</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>Runs created after the last success (any status).</summary>
    public required int RunsSince { get; init; }

    /// <summary>Of those, FAILED.</summary>
    public required int FailuresSince { get; init; }

    /// <summary>Of those, still QUEUED or RUNNING (not finished, so neither a failure nor a success yet).</summary>
    public required int ActiveSince { get; init; }

    /// <summary>Of those, neither failed nor active: cancelled (or completed while the counts were read).</summary>
    public int OtherSince => Math.Max(0, RunsSince - FailuresSince - ActiveSince);

    /// <summary>The oldest failure after the last success: the onset.</summary>
    public RunMark? FirstFailure { get; init; }

    /// <summary>The newest failure after the last success.</summary>
    public RunMark? LatestFailure { get; init; }

    /// <summary>The version the last success ran, named.</summary>
    public NamedVersion? LastSuccessVersion { get; init; }

    /// <summary>The version the first failure after it ran, named.</summary>
    public NamedVersion? FirstFailureVersion { get; init; }

    /// <summary>At least one failure, and every finished run since <see cref="Since"/> failed.</summary>
    public bool EveryFinishedRunFailed => FailuresSince > 0 && OtherSince == 0;

    /// <summary>Failures needed for the regression flag: one failure after a success is not yet a pattern.</summary>
    public const int RegressionMinimumFailures = 2;

    /// <summary>
    /// The regression flag (a heuristic): it succeeded before, and has failed on every finished run since some time
    /// after, at least <see cref="RegressionMinimumFailures"/> times. Evidence: <see cref="LastSuccess"/>,
    /// <see cref="FirstFailure"/> and the counts.
    /// </summary>
    public bool Regressed => LastSuccess is not null && EveryFinishedRunFailed && FailuresSince >= RegressionMinimumFailures;

    /// <summary>The last success and the first failure after it ran different versions.</summary>
    public bool VersionChanged => LastSuccess?.VersionId is { } good && FirstFailure?.VersionId is { } bad && good != bad;

    /// <summary>What could not be read (the rest of the finding stands).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>
/// Works out a <see cref="WorkflowFare"/> with few requests, using that the runs list counts what it filters (with
/// limit 1, num_pages is the number of matching runs) and lists newest first: the last success is one row; the runs,
/// failures and active runs since are three counts read together; the first failure is one row at the far end of the
/// failures; the two versions are named once each (then remembered). Seven requests at most, four round trips.
/// </summary>
public sealed class WorkflowHistory(IHatchetClient client, FetchGate gate, WorkflowVersionNames versions)
{
    /// <summary>How far back a success is looked for unless told otherwise.</summary>
    public static readonly TimeSpan DefaultLookback = TimeSpan.FromDays(7);

    // The runs list filters on inserted_at >= since; Postgres keeps microseconds, so this moves past the success itself.
    private static readonly TimeSpan JustAfter = TimeSpan.FromTicks(TimeSpan.TicksPerMicrosecond);

    /// <summary>How <paramref name="workflowId"/> has fared up to <paramref name="before"/>, looking back <paramref name="lookback"/> (default 7 days) for a success.</summary>
    public async Task<WorkflowFare> FareAsync(Guid workflowId, DateTimeOffset before, TimeSpan? lookback, CancellationToken cancellationToken)
    {
        var lookedBackTo = before - (lookback ?? DefaultLookback);
        var successPage = await ListAsync(workflowId, lookedBackTo, before, [V1TaskStatuses.Completed], 0, cancellationToken).ConfigureAwait(false);
        var lastSuccess = FirstRow(successPage);
        var since = lastSuccess is { } success ? success.CreatedAt + JustAfter : lookedBackTo;

        var allTask = ListAsync(workflowId, since, before, null, 0, cancellationToken);
        var failedTask = ListAsync(workflowId, since, before, [V1TaskStatuses.Failed], 0, cancellationToken);
        var activeTask = ListAsync(workflowId, since, before, [V1TaskStatuses.Queued, V1TaskStatuses.Running], 0, cancellationToken);
        await Task.WhenAll(allTask, failedTask, activeTask).ConfigureAwait(false);
        var failed = await failedTask.ConfigureAwait(false);
        var failures = Count(failed);
        var latestFailure = FirstRow(failed);

        var firstFailure = failures switch
        {
            0 => null,
            1 => latestFailure,
            // Newest first: the oldest failure is the last row.
            _ => FirstRow(await ListAsync(workflowId, since, before, [V1TaskStatuses.Failed], failures - 1, cancellationToken).ConfigureAwait(false)),
        };

        var goodVersion = lastSuccess?.VersionId is { } good ? versions.NameAsync(workflowId, good, cancellationToken) : null;
        var badVersion = firstFailure?.VersionId is { } bad ? versions.NameAsync(workflowId, bad, cancellationToken) : null;
        var notes = new List<string>();
        var goodNamed = goodVersion is null ? null : await goodVersion.ConfigureAwait(false);
        var badNamed = badVersion is null ? null : await badVersion.ConfigureAwait(false);
        if ((goodNamed is { Name: null }) || (badNamed is { Name: null }))
        {
            notes.Add("a workflow version could not be read from Hatchet: it is shown by id only");
        }

        return new WorkflowFare
        {
            WorkflowId = workflowId,
            Before = before,
            LookedBackTo = lookedBackTo,
            LastSuccess = lastSuccess,
            Since = lastSuccess?.CreatedAt ?? lookedBackTo,
            RunsSince = Count(await allTask.ConfigureAwait(false)),
            FailuresSince = failures,
            ActiveSince = Count(await activeTask.ConfigureAwait(false)),
            FirstFailure = firstFailure,
            LatestFailure = latestFailure,
            LastSuccessVersion = goodNamed,
            FirstFailureVersion = badNamed,
            Notes = notes,
        };
    }

    private Task<V1RunList> ListAsync(Guid workflowId, DateTimeOffset since, DateTimeOffset until, IReadOnlyList<string>? statuses,
        int offset, CancellationToken cancellationToken) =>
        gate.RunAsync(ct => client.ListRunsAsync(new RunListQuery
        {
            Since = since,
            Until = until,
            Statuses = statuses,
            WorkflowIds = [workflowId],
            OnlyTasks = false,
            IncludePayloads = false,
            Limit = 1,
            Offset = offset,
        }, ct), cancellationToken);

    private static RunMark? FirstRow(V1RunList page) => page.Rows is [var row, ..] ? RunMark.Of(row) : null;

    /// <summary>The matching runs of a limit-1 page: num_pages = ceil(total / 1), so exact whenever Hatchet sends it.</summary>
    private static int Count(V1RunList page)
    {
        var rows = page.Rows?.Count ?? 0;
        var matched = PageBounds.From(0, 1, rows, page.Pagination?.NumPages).Matched;
        return (int)Math.Min(int.MaxValue, matched.Exact ?? matched.AtLeast);
    }
}
