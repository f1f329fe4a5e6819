using System.ComponentModel;
using HatchetMcp.Hatchet;
using HatchetMcp.Arguments;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>list_events: the events pushed to the tenant and the runs each one started.</summary>
[McpServerToolType]
public sealed class EventTools(IHatchetClient client, ToolOutputOptions output, TimeProvider time, DashboardLinks links)
{
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);
    private const int RunIdsPerEvent = 5;

    [McpServerTool(Name = "list_events", Title = "List events", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(ListEventsResult))]
    [Description("Lists events, newest first: key, id, time, metadata, and the runs each triggered (counts by status, " +
                 "first run ids). Filter by window (default 24h) and keys. Next: get_run with a run id.")]
    public async Task<CallToolResult> ListEvents(
        [Description("Start: ISO time or a duration back from now (90m, 24h, 7d). Default 24h.")] string? since = null,
        [Description("End, same forms. Default now.")] string? until = null,
        [Description("Only events with these keys (exact), e.g. order:created.")] string[]? keys = null,
        [Description("Events per page, 1 to 200. Default 20.")] int? limit = null,
        [Description("Events to skip (0 or more). Default 0.")] int? offset = null,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var window = TimeWindow.Parse(since, until, now, DefaultWindow);
        var keyFilter = (keys ?? []).Select(k => ToolArguments.Text(k, "keys", 200)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var pageSize = ToolArguments.Bounded(limit, "limit", 1, 200, 20);
        var skip = ToolArguments.Offset(offset);

        return await ToolErrors.Guard(async () =>
        {
            var list = await client.ListEventsAsync(window.Since, window.Until, keyFilter, pageSize, skip, cancellationToken).ConfigureAwait(false);
            var source = list.Rows ?? [];
            var events = source.Select(e => ToRow(e, output.SecretKeys)).ToList();
            var page = PageBounds.From(skip, pageSize, events.Count, list.Pagination?.NumPages);
            var scope = $"Events since {TimeText.Format(window.Since)} ({DurationText.Age(window.Since, now)})"
                        + (window.Until is { } u ? $" until {TimeText.Format(u)}" : " until now")
                        + (keyFilter.Count > 0 ? ", keys " + string.Join("/", keyFilter) : string.Empty);
            var lines = events.Select((e, i) => EventLine(e, source[i], now)).ToList();
            var fit = TriggerTools.FitPage(page, events, lines, ToolResult.RowBytes(events, ToolsJsonContext.Default.EventRow),
                scope, "newest first", "events",
                TriggerTools.WithLine("Next: get_run with a run id; list_runs metadata=<k=v> for runs sharing metadata.",
                    events.Any(e => e.RunIds.Count > 0) ? links.RunsLine : null),
                output.MaxTextBytes);
            var result = new ListEventsResult
            {
                Since = TimeText.Iso(window.Since),
                Until = TimeText.Iso(window.Until),
                Keys = keyFilter,
                Page = fit.Page,
                Events = events.Take(fit.Page.Returned).ToList(),
                RunUrl = links.RunTemplate,
            };
            return ToolResult.Create(fit.Text, result, ToolsJsonContext.Default.ListEventsResult);
        }).ConfigureAwait(false);
    }

    private static EventRow ToRow(V1Event e, SecretKeys secrets)
    {
        var summary = e.WorkflowRunSummary ?? new V1EventWorkflowRunSummary();
        var ids = (e.TriggeredRuns ?? []).Select(r => r.WorkflowRunId).OfType<Guid>().ToList();
        var counts = new EventRunCounts
        {
            Queued = summary.Queued ?? 0,
            Running = summary.Running ?? 0,
            Succeeded = summary.Succeeded ?? 0,
            Failed = summary.Failed ?? 0,
            Cancelled = summary.Cancelled ?? 0,
        };
        var counted = counts.Queued + counts.Running + counts.Succeeded + counts.Failed + counts.Cancelled;
        var metadata = RunText.MetadataText(e.AdditionalMetadata, secrets);
        return new EventRow
        {
            Id = e.Metadata?.Id ?? Guid.Empty,
            Key = e.Key,
            SeenAt = TimeText.Iso(e.SeenAt ?? e.Metadata?.CreatedAt),
            Metadata = metadata.Count == 0 ? null : metadata,
            // The summary counts every run; the id list may be shorter or longer: the larger is the truth.
            Runs = counts with { Total = Math.Max(counted, ids.Count) },
            RunIds = ids.Take(RunIdsPerEvent).ToList(),
        };
    }

    private static string EventLine(EventRow e, V1Event source, DateTimeOffset now)
    {
        var seen = source.SeenAt ?? source.Metadata?.CreatedAt;
        var when = seen is { } s ? $"{TimeText.Format(s)} ({DurationText.Age(s, now)})" : "?";
        var runs = e.Runs.Total == 0 ? "triggered no runs" : $"triggered {CountText.Of(e.Runs.Total, "run")} ({RunCounts(e.Runs)})";
        var ids = e.RunIds.Count == 0 ? string.Empty
            : $": {string.Join(", ", e.RunIds)}" + (e.Runs.Total > e.RunIds.Count ? $" (+{e.Runs.Total - e.RunIds.Count} more)" : string.Empty);
        var metadata = e.Metadata is { } m ? $" | metadata {RunText.MetadataLine(m)}" : string.Empty;
        return $"{e.Key ?? "?"} | {e.Id} | {when}{metadata} | {runs}{ids}";
    }

    private static string RunCounts(EventRunCounts c)
    {
        var parts = new List<string>();
        Add(c.Failed, "FAILED");
        Add(c.Running, "RUNNING");
        Add(c.Queued, "QUEUED");
        Add(c.Cancelled, "CANCELLED");
        Add(c.Succeeded, "COMPLETED");
        return parts.Count == 0 ? "states not reported" : string.Join(", ", parts);

        void Add(long count, string status)
        {
            if (count > 0)
            {
                parts.Add($"{count} {status}");
            }
        }
    }
}
