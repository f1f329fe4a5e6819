using System.ComponentModel;
using HatchetMcp.Arguments;
using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>find_stuck_runs: runs QUEUED or RUNNING longer than a threshold, grouped by why (<see cref="ProgressBlockers"/>).</summary>
[McpServerToolType]
public sealed class StuckRunTools(IHatchetClient client, ToolOutputOptions output, TimeProvider time, WorkflowCatalog workflows, ProgressBlockers blockers,
    DashboardLinks links)
{
    /// <summary>Task rows read per page of the runs list.</summary>
    public const int ScanPage = 1000;

    /// <summary>Task rows read at most; the answer says how many matched beyond.</summary>
    public const int MaxScanned = 5000;

    private const int ExamplesPerGroup = 3;
    private static readonly TimeSpan DefaultThreshold = TimeSpan.FromMinutes(10);

    [McpServerTool(Name = "find_stuck_runs", Title = "Find stuck runs", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(FindStuckRunsResult))]
    [Description("Finds runs QUEUED or RUNNING longer than a threshold (waiting counted from the latest enqueue) and groups " +
                 "them by why they are held, checked against live state: no worker for the action, paused, inactive or full " +
                 "workers (named), an exhausted rate limit, a concurrency limit, SCHEDULING_TIMED_OUT. Counts, oldest wait, " +
                 "example run ids. Next: get_run on an example.")]
    public async Task<CallToolResult> FindStuckRuns(
        [Description("Age threshold: a duration such as 10m, 2h, 1d (default 10m).")] string? older_than = null,
        [Description("Only this workflow, by exact name or id.")] string? workflow = null,
        CancellationToken cancellationToken = default)
    {
        var threshold = Threshold(older_than);
        var workflowText = ToolArguments.Text(workflow, "workflow", 300);

        return await ToolErrors.Guard(async () =>
        {
            var now = time.GetUtcNow();
            var resolved = workflowText is null ? null : await new WorkflowResolver(client, workflows).ResolveAsync(workflowText, "workflow", cancellationToken).ConfigureAwait(false);
            var (rows, matched) = await ScanAsync(now, now - threshold, resolved?.Id, cancellationToken).ConfigureAwait(false);
            var cutoff = now - threshold;

            // A RUNNING task that started after the cutoff is not stuck, whatever its age; its explanation is not needed.
            var candidates = rows.Select(WaitingTask.From).OfType<WaitingTask>()
                .Where(t => t.IsQueued || (t.Status == V1TaskStatuses.Running && (t.StartedAt is null || t.StartedAt <= cutoff)))
                .ToList();
            var state = blockers.NewLiveState();
            var explained = await blockers.ForTasksAsync(candidates, state, cancellationToken).ConfigureAwait(false);
            var stuck = explained.Where(t => t.Since is null || t.Since <= cutoff).ToList();

            // A run is held by its oldest-waiting QUEUED task, else its longest-running task.
            var runs = stuck.GroupBy(t => t.Task.RunId)
                .Select(g => g.Where(t => t.Task.IsQueued).OrderBy(t => t.Since ?? DateTimeOffset.MaxValue).FirstOrDefault()
                    ?? g.OrderBy(t => t.Since ?? DateTimeOffset.MaxValue).First())
                .ToList();
            var groups = runs.GroupBy(t => (t.CauseKey, Action: t.Task.ActionId ?? ""))
                .Select(g => ToGroup(g.OrderBy(t => t.Since ?? DateTimeOffset.MaxValue).ToList(), now))
                .OrderByDescending(g => g.Runs).ThenBy(g => g.OldestSince, StringComparer.Ordinal)
                .ToList();

            var scope = resolved is null ? "tenant-wide" : $"workflow {resolved.Name ?? resolved.Id.ToString()}";
            var header = new List<string>
            {
                $"Stuck runs ({scope}): {CountText.Of(runs.Count, "run")} QUEUED or RUNNING for over {DurationText.Format(threshold)} " +
                "(waiting counted from the latest enqueue, running from the current attempt's start), " +
                $"found among {CountText.Of(rows.Count, "task")} scanned of {PageBounds.Describe(matched).Replace("matched", "QUEUED/RUNNING tasks", StringComparison.Ordinal)} " +
                $"created before {TimeText.Format(cutoff)} in the last {DurationText.Format(ProgressBlockers.Lookback)}.",
            };
            var unknownAge = runs.Count(t => t.Since is null);
            if (unknownAge > 0)
            {
                header.Add($"{CountText.Of(unknownAge, "run")} counted with no age: retried, and their events were not read (at most {ProgressBlockers.MaxEventReads} tasks' events are).");
            }

            if (groups.Count > 0)
            {
                header.Add("By cause and queue, most runs first:");
            }

            var tail = new List<string>();
            if (rows.Count < (matched.Exact ?? matched.AtLeast))
            {
                tail.Add($"Only the newest {rows.Count} of them (Hatchet lists newest first) were scanned: narrow with workflow or a larger older_than to reach the older ones.");
            }

            tail.AddRange(state.Notes);
            if (groups.Count > 0)
            {
                if (links.RunsLine is { } runsLine)
                {
                    tail.Add(runsLine);
                }
                tail.Add("WORKER/RATE LIMIT causes are read from live state now; a named event confirms one. Next: get_run run_id=<example> for a run's tasks and events; " +
                         "list_runs workflow=<workflow> statuses=[\"QUEUED\",\"RUNNING\"] for every run of a group.");
            }

            var body = groups.Select((g, i) => Line(i + 1, g, now)).ToList();
            var fit = TextBudget.FitRows(
                _ => header,
                body,
                ToolResult.RowBytes(groups, ToolsJsonContext.Default.StuckGroup),
                output.MaxTextBytes - TextBudget.LinesBytes(tail),
                KeepEnd.First,
                (shown, cut) => $"… {cut} more groups not shown to fit the output budget ({output.MaxTextBytes} bytes): narrow with workflow.");
            var text = tail.Count == 0 ? fit.Text : fit.Text + "\n" + string.Join("\n", tail);
            var result = new FindStuckRunsResult
            {
                OlderThan = DurationText.Format(threshold),
                Workflow = resolved?.Name ?? resolved?.Id.ToString(),
                TasksMatched = matched,
                TasksScanned = rows.Count,
                RunsStuck = runs.Count,
                RunsAgeUnknown = unknownAge,
                Groups = fit.IsCut ? groups.Take(fit.LinesShown).ToList() : groups,
                Cut = fit.IsCut ? $"{fit.LinesCut} groups left out to fit the output budget ({output.MaxTextBytes} bytes); narrow with workflow." : null,
                Notes = tail.Count == 0 ? null : tail,
                RunUrl = groups.Count > 0 ? links.RunTemplate : null,
            };
            return ToolResult.Create(text, result, ToolsJsonContext.Default.FindStuckRunsResult);
        }).ConfigureAwait(false);
    }

    private static TimeSpan Threshold(string? value)
    {
        var text = ToolArguments.Text(value, "older_than", 40);
        if (text is null)
        {
            return DefaultThreshold;
        }

        return TimeWindow.TryRelative(text, out var span) && span > TimeSpan.Zero && span <= ProgressBlockers.Lookback
            ? span
            : throw new McpException($"older_than must be a duration up to {DurationText.Format(ProgressBlockers.Lookback)} such as 90s, 10m, 2h or 1d " +
                                     $"(units s, m, h, d, w; ISO 8601 like PT10M too); got '{ToolArguments.Echo(text)}'.");
    }

    /// <summary>QUEUED and RUNNING task rows created before the cutoff, in Hatchet's order (newest first) up to <see cref="MaxScanned"/>, pages read 4 at a time.</summary>
    private async Task<(List<V1RunListRow> Rows, MatchCount Matched)> ScanAsync(DateTimeOffset now, DateTimeOffset cutoff, Guid? workflowId, CancellationToken cancellationToken)
    {
        RunListQuery Query(int offset) => new()
        {
            Since = now - ProgressBlockers.Lookback,
            Until = cutoff,
            Statuses = [V1TaskStatuses.Queued, V1TaskStatuses.Running],
            WorkflowIds = workflowId is { } w ? [w] : null,
            OnlyTasks = true,
            IncludePayloads = false,
            Limit = ScanPage,
            Offset = offset,
        };

        var first = await client.ListRunsAsync(Query(0), cancellationToken).ConfigureAwait(false);
        var rows = first.Rows ?? [];
        var bounds = PageBounds.From(0, ScanPage, rows.Count, first.Pagination?.NumPages).Matched;
        var total = bounds.AtMost ?? bounds.AtLeast;
        var offsets = new List<int>();
        for (var offset = ScanPage; offset < Math.Min(total, MaxScanned); offset += ScanPage)
        {
            offsets.Add(offset);
        }

        var pages = await blockers.Gate.EachAsync(offsets,
            async (offset, ct) => (await client.ListRunsAsync(Query(offset), ct).ConfigureAwait(false)).Rows ?? [],
            cancellationToken).ConfigureAwait(false);
        var matched = offsets.Count == 0 ? bounds : PageBounds.From(offsets[^1], ScanPage, pages[^1].Count, first.Pagination?.NumPages).Matched;

        // Tasks that move while paging can shift into a second page; each is kept once.
        var seen = new HashSet<Guid>();
        var all = rows.Concat(pages.SelectMany(p => p)).Where(r => r.Metadata?.Id is not { } id || seen.Add(id)).Take(MaxScanned).ToList();
        return (all, matched);
    }

    private static StuckGroup ToGroup(List<TaskBlockers> held, DateTimeOffset now)
    {
        var first = held[0];
        return new StuckGroup
        {
            ActionId = first.Task.ActionId,
            Workflow = first.Task.WorkflowName,
            Causes = first.Causes.Select(c => new StuckCause
            {
                Kind = BlockerText.Code(c.Kind),
                Basis = BlockerText.Code(c.Basis),
                Evidence = BlockerText.Describe(c, now),
                Workers = c.Workers.Count == 0 ? null : c.Workers,
                RateLimitKeys = c.RateLimits.Count == 0 ? null : c.RateLimits.Select(l => l.Key).ToList(),
            }).ToList(),
            Runs = held.Count,
            OldestSince = TimeText.Iso(held.Select(t => t.Since).Where(s => s is not null).Min()),
            QueueDepth = held.Select(t => t.QueueDepth).FirstOrDefault(d => d is not null),
            ExampleRunIds = held.Take(ExamplesPerGroup).Select(t => t.Task.RunId).ToList(),
        };
    }

    private static string Line(int index, StuckGroup g, DateTimeOffset now)
    {
        var oldest = g.OldestSince is { } s && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since)
            ? $"oldest for {DurationText.Format(now - since)} (since {TimeText.Format(since)})"
            : "age unknown";
        var depth = g.QueueDepth is { } d ? $" | {CountText.Of(d, "task")} in this queue now" : string.Empty;
        return $"{index}. {CountText.Of(g.Runs, "run")} | {g.Workflow ?? "?"} ({g.ActionId ?? "?"}) | {oldest}{depth}\n" +
               string.Join("\n", g.Causes.Select(c => "   " + c.Evidence)) +
               $"\n   e.g. {string.Join(", ", g.ExampleRunIds)}";
    }

    /// <summary>"WorkersFull" → "WORKERS_FULL".</summary>
}
