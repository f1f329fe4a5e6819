using System.ComponentModel;
using System.Globalization;
using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using HatchetMcp.Arguments;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>get_queue_metrics: how much work is in which state, and where it piles up.</summary>
[McpServerToolType]
public sealed class MetricsTools(IHatchetClient client, ToolOutputOptions output, TimeProvider time, WorkflowCatalog workflows, DashboardLinks links)
{
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);
    private static readonly string[] StatusOrder = ["QUEUED", "RUNNING", "COMPLETED", "CANCELLED", "FAILED"];

    [McpServerTool(Name = "get_queue_metrics", Title = "Get task and queue metrics", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(QueueMetricsResult))]
    [Description("Answers how many runs created in a time window (default the last 24h) are QUEUED, RUNNING, COMPLETED, " +
                 "CANCELLED and FAILED, the failure rate, and the deepest queues right now by action with the tasks waiting, " +
                 "whether an ACTIVE worker serves each and whether those workers are FULL. Use it to judge overall health or to explain " +
                 "why runs stay queued. Next: list_workers for worker detail, list_runs with statuses [\"QUEUED\"] for the waiting runs.")]
    public async Task<CallToolResult> GetQueueMetrics(
        [Description("Start of the window for run counts: ISO 8601 (2026-11-24T09:00:00Z) or a duration back from now (90m, 24h, 7d). Default 24h.")] string? since = null,
        [Description("End of the window, same forms as since. Default now.")] string? until = null,
        [Description("Only this workflow's runs and queues, by exact name or id.")] string? workflow = null,
        [Description("How many of the deepest queues to list, 1 to 100. Default 10.")] int? top = null,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var window = TimeWindow.Parse(since, until, now, DefaultWindow);
        var topN = ToolArguments.Bounded(top, "top", 1, 100, 10);
        var workflowText = ToolArguments.Text(workflow, "workflow", 300);

        return await ToolErrors.Guard(async () =>
        {
            var resolved = workflowText is null ? null : await new WorkflowResolver(client, workflows).ResolveAsync(workflowText, "workflow", cancellationToken).ConfigureAwait(false);
            var metricsTask = client.GetTaskMetricsAsync(window.Since, window.Until, resolved is null ? null : [resolved.Id], cancellationToken);
            var queuesTask = QueuesAsync(cancellationToken);
            var workersTask = WorkersAsync(cancellationToken);
            var metrics = await metricsTask.ConfigureAwait(false);
            var (queues, queuesNote) = await queuesTask.ConfigureAwait(false);
            var (workers, workersNote) = await workersTask.ConfigureAwait(false);

            var counts = StatusOrder.ToDictionary(s => s, _ => 0L);
            long? onWorker = null;
            long? evicted = null;
            foreach (var m in metrics)
            {
                if (m.Status is { } s)
                {
                    counts[s] = (counts.TryGetValue(s, out var c) ? c : 0) + (m.Count ?? 0);
                }

                if (m.RunningDetailCount is { } detail)
                {
                    onWorker = (onWorker ?? 0) + (detail.OnWorker ?? 0);
                    evicted = (evicted ?? 0) + (detail.Evicted ?? 0);
                }
            }

            var finished = counts["COMPLETED"] + counts["FAILED"] + counts["CANCELLED"];
            double? failureRate = finished > 0 ? (double)counts["FAILED"] / finished : null;

            // Queue names are action ids, lower("<workflow>:<task>"); concurrency queues are keyed by the workflow name.
            var workflowName = resolved is null ? null
                : resolved.Name ?? await WorkflowNameAsync(resolved.Id, cancellationToken).ConfigureAwait(false);
            var capacity = workers is null ? null : QueueCapacity.From(workers, now);
            var depths = (queues?.Depths() ?? [])
                .Where(d => d.Count > 0 && (workflowName is null || BelongsTo(d, workflowName)))
                .OrderByDescending(d => d.Count).ThenBy(d => d.Queue, StringComparer.Ordinal).ToList();
            var rows = depths.Take(topN).Select(d => ToRow(d, capacity)).ToList();
            var queueScope = resolved is null ? "tenant-wide"
                : workflowName is null ? $"of workflow {resolved.Id} (its name is unknown, so no queue could be matched)"
                : $"of workflow {workflowName}";
            var totalQueued = queues is null ? (long?)null : depths.Where(d => d.ConcurrencyKey is null).Sum(d => d.Count);
            var queuesWithItems = queues is null ? (int?)null : depths.Count(d => d.ConcurrencyKey is null);

            var scope = resolved is null ? string.Empty : $" of workflow {workflowName ?? resolved.Id.ToString()}";
            var header = new List<string>
            {
                $"Runs{scope} created since {TimeText.Format(window.Since)} ({DurationText.Format(now - window.Since)} ago)" +
                (window.Until is { } u ? $" until {TimeText.Format(u)}" : string.Empty) + ", by status now: " +
                string.Join(", ", StatusOrder.Select(s => $"{N(counts[s])} {s}")) +
                (onWorker is not null ? $" (RUNNING runs: {N(onWorker.Value)} on a worker, {N(evicted ?? 0)} evicted)" : string.Empty) + ".",
                failureRate is { } rate
                    ? $"Failure rate: {(rate * 100).ToString("0.0", CultureInfo.InvariantCulture)}% of {N(finished)} finished runs."
                    : "Failure rate: no finished runs in the window.",
                queuesNote is not null
                    ? $"Queues now {queueScope}: unknown ({queuesNote})"
                    : depths.Count == 0
                    ? $"Queues now {queueScope}: no task waiting."
                    : $"Queues now {queueScope}: {Count(totalQueued ?? 0, "task")} waiting in {Count(queuesWithItems ?? 0, "queue")}; deepest:",
            };
            var tail = new List<string>();
            var url = links.Workflow(resolved?.Id);
            if (DashboardLinks.Line(url) is { } dashboard)
            {
                tail.Add(dashboard);
            }

            if (workersNote is not null)
            {
                tail.Add("Worker coverage unknown: " + workersNote);
            }

            var advice = new List<string>();
            if (rows.Any(q => q.Capacity is "NO_ACTIVE_WORKER" or "NO_WORKER"))
            {
                advice.Add("a queue with no ACTIVE worker drains only once a worker registering its action starts or is unpaused");
            }

            if (rows.Any(q => q.Capacity == "FULL"))
            {
                advice.Add("a FULL queue waits for a slot on the named workers, and more workers or slots for its action would drain it");
            }

            if (advice.Count > 0)
            {
                tail.Add("Next: " + string.Join("; ", advice) + " (list_workers shows them).");
            }

            var notListed = depths.Count - rows.Count;
            var fit = TextBudget.FitRows(
                _ => header,
                rows.Select(QueueLine).ToList(),
                ToolResult.RowBytes(rows, ToolsJsonContext.Default.QueueRow),
                output.MaxTextBytes - TextBudget.LinesBytes(tail),
                KeepEnd.First,
                (shown, cut) => $"… {cut} more queues not shown to fit the output budget ({output.MaxTextBytes} bytes). Lower top.");
            var leftOut = notListed + fit.LinesCut;
            var result = new QueueMetricsResult
            {
                Since = TimeText.Iso(window.Since),
                Until = TimeText.Iso(window.Until),
                Workflow = resolved is null ? null : workflowName ?? resolved.Id.ToString(),
                RunCounts = counts,
                RunningOnWorker = onWorker,
                RunningEvicted = evicted,
                FailureRate = failureRate,
                TotalQueued = totalQueued,
                QueuesWithItems = queuesWithItems,
                DeepestQueues = fit.IsCut ? rows.Take(fit.LinesShown).ToList() : rows,
                Cut = leftOut > 0
                    ? $"{leftOut} of {depths.Count} queues with waiting tasks not listed ({notListed} beyond top={topN}, {fit.LinesCut} to fit the output budget of {output.MaxTextBytes} bytes)."
                    : null,
                WorkersNote = workersNote,
                QueuesNote = queuesNote,
                Url = url,
            };

            var text = fit.Text;
            if (notListed > 0)
            {
                text += $"\n… {notListed} shallower queues beyond top={topN} not listed.";
            }

            if (tail.Count > 0)
            {
                text += "\n" + string.Join("\n", tail);
            }

            return ToolResult.Create(text, result, ToolsJsonContext.Default.QueueMetricsResult);
        }).ConfigureAwait(false);
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(long value, string noun) => CountText.Of(value, noun);

    private static bool BelongsTo(QueueDepth depth, string workflowName) =>
        depth.ConcurrencyKey is null
            ? depth.Queue.StartsWith(workflowName + ":", StringComparison.OrdinalIgnoreCase)
            : string.Equals(depth.Queue, workflowName, StringComparison.OrdinalIgnoreCase);

    private static QueueRow ToRow(QueueDepth depth, QueueCapacity? capacity)
    {
        if (depth.ConcurrencyKey is not null || capacity is null)
        {
            return new QueueRow { Queue = depth.Queue, ConcurrencyKey = depth.ConcurrencyKey, Queued = depth.Count };
        }

        var serving = capacity.For(depth.Queue);
        return new QueueRow
        {
            Queue = depth.Queue,
            Queued = depth.Count,
            ActiveWorkers = serving.Active.Count,
            Capacity = serving.Coverage switch
            {
                QueueCoverage.NoWorker => "NO_WORKER",
                QueueCoverage.NoActiveWorker => "NO_ACTIVE_WORKER",
                QueueCoverage.Full => "FULL",
                _ => "FREE_SLOTS",
            },
            FreeSlots = serving.Active.Count > 0 ? serving.FreeSlots : null,
            FullWorkers = serving.FullWorkers.Count > 0 ? serving.FullWorkers : null,
            PausedWorkers = serving.PausedWorkers.Count > 0 ? serving.PausedWorkers : null,
            InactiveWorkers = serving.InactiveWorkers.Count > 0 ? serving.InactiveWorkers : null,
        };
    }

    private async Task<string?> WorkflowNameAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetWorkflowAsync(workflowId, cancellationToken).ConfigureAwait(false)).Name;
        }
        catch (HatchetApiException e) when (e.Kind is HatchetErrorKind.NotFound)
        {
            return null;
        }
    }

    // Queue depth comes from a second endpoint: if it fails (or a server lacks it), the task counts still answer.
    private async Task<(StepRunQueueMetrics? Queues, string? Note)> QueuesAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetStepRunQueueMetricsAsync(cancellationToken).ConfigureAwait(false), null);
        }
        catch (HatchetApiException e) when (e.Kind is not (HatchetErrorKind.Forbidden or HatchetErrorKind.Unauthorized))
        {
            return (null, e.Message);
        }
    }

    // Worker coverage is an annotation: if the worker list fails, the metrics still answer.
    private async Task<(IReadOnlyList<Worker>? Workers, string? Note)> WorkersAsync(CancellationToken cancellationToken)
    {
        try
        {
            return ((await client.ListWorkersAsync(cancellationToken).ConfigureAwait(false)).Rows ?? [], null);
        }
        catch (HatchetApiException e)
        {
            return (null, e.Message);
        }
    }

    private static string QueueLine(QueueRow q)
    {
        var name = q.ConcurrencyKey is null ? q.Queue : $"{q.Queue} (concurrency key {q.ConcurrencyKey})";
        var others = string.Join(string.Empty, new[]
        {
            q.PausedWorkers is { } paused ? $"; paused: {string.Join(", ", paused)}" : null,
            q.InactiveWorkers is { } inactive ? $"; inactive: {string.Join(", ", inactive)}" : null,
        }.OfType<string>());
        var coverage = q.Capacity switch
        {
            null => string.Empty,
            "NO_WORKER" => " | NO ACTIVE WORKER: no worker registers this action",
            "NO_ACTIVE_WORKER" => $" | NO ACTIVE WORKER serves this action{others}",
            "FULL" => $" | FULL: {(q.ActiveWorkers == 1 ? "its only ACTIVE worker" : $"all {q.ActiveWorkers} ACTIVE workers")} serving it " +
                      $"{(q.ActiveWorkers == 1 ? "has" : "have")} no free task slot ({string.Join(", ", q.FullWorkers ?? [])}){others}",
            _ => $" | {CountText.Of(q.ActiveWorkers ?? 0, "ACTIVE worker")}, {CountText.Of(q.FreeSlots ?? 0, "free task slot")}" +
                 (q.FullWorkers is { } full ? $" (FULL: {string.Join(", ", full)})" : string.Empty) + others,
        };
        return $"  {name}: {Count(q.Queued, "task")} queued{coverage}";
    }
}
