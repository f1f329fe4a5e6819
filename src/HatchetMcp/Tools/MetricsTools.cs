using System.ComponentModel;
using System.Globalization;
using HatchetMcp.Hatchet;
using HatchetMcp.Safety;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>get_queue_metrics: how much work is in which state, and where it piles up.</summary>
[McpServerToolType]
public sealed class MetricsTools(IHatchetClient client, ToolOutputOptions output, TimeProvider time)
{
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);
    private static readonly string[] StatusOrder = ["QUEUED", "RUNNING", "COMPLETED", "CANCELLED", "FAILED"];

    [McpServerTool(Name = "get_queue_metrics", Title = "Get task and queue metrics", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(QueueMetricsResult))]
    [Description("Answers how many tasks are QUEUED, RUNNING, COMPLETED, CANCELLED and FAILED over a time window (default " +
                 "the last 24h), the failure rate, and the deepest queues right now by action, each with how many ACTIVE " +
                 "workers serve it (0 means nothing will pick those tasks up). Use it to judge overall health or to explain " +
                 "why runs stay queued. Next: list_workers for worker detail, list_runs with statuses [\"QUEUED\"] for the waiting runs.")]
    public async Task<CallToolResult> GetQueueMetrics(
        [Description("Start of the window for task counts: ISO 8601 (2026-11-24T09:00:00Z) or a duration back from now (90m, 24h, 7d). Default 24h.")] string? since = null,
        [Description("End of the window, same forms as since. Default now.")] string? until = null,
        [Description("Only count tasks of this workflow, by exact name or id.")] string? workflow = null,
        [Description("How many of the deepest queues to list, 1 to 100. Default 10.")] int? top = null,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var window = TimeWindow.Parse(since, until, now, DefaultWindow);
        var topN = ToolArguments.Bounded(top, "top", 1, 100, 10);
        var workflowText = ToolArguments.Text(workflow, "workflow", 300);

        return await ToolErrors.Guard(async () =>
        {
            var resolved = workflowText is null ? null : await new WorkflowResolver(client).ResolveAsync(workflowText, "workflow", cancellationToken).ConfigureAwait(false);
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

            var serving = ActiveWorkersPerAction(workers, now);
            var depths = (queues?.Depths() ?? []).Where(d => d.Count > 0).OrderByDescending(d => d.Count).ThenBy(d => d.Queue, StringComparer.Ordinal).ToList();
            var deepest = depths.Take(topN).Select(d => new QueueRow
            {
                Queue = d.Queue,
                ConcurrencyKey = d.ConcurrencyKey,
                Queued = d.Count,
                ActiveWorkers = d.ConcurrencyKey is not null || workers is null ? null : serving.GetValueOrDefault(d.Queue.ToLowerInvariant()),
            }).ToList();

            var result = new QueueMetricsResult
            {
                Since = TimeText.Iso(window.Since),
                Until = TimeText.Iso(window.Until),
                TaskCounts = counts,
                RunningOnWorker = onWorker,
                RunningEvicted = evicted,
                FailureRate = failureRate,
                TotalQueued = queues is null ? null : depths.Where(d => d.ConcurrencyKey is null).Sum(d => d.Count),
                QueuesWithItems = queues is null ? null : depths.Count(d => d.ConcurrencyKey is null),
                DeepestQueues = deepest,
                WorkersNote = workersNote,
                QueuesNote = queuesNote,
            };

            var scope = resolved is null ? string.Empty : $" of workflow {resolved.Name ?? workflowText}";
            var header = new List<string>
            {
                $"Tasks{scope} created since {TimeText.Format(window.Since)} ({DurationText.Format(now - window.Since)} ago)" +
                (window.Until is { } u ? $" until {TimeText.Format(u)}" : string.Empty) + ": " +
                string.Join(", ", StatusOrder.Select(s => $"{counts[s].ToString("N0", CultureInfo.InvariantCulture)} {s}")) +
                (onWorker is not null ? $" (running: {onWorker} on a worker, {evicted ?? 0} evicted)" : string.Empty) + ".",
                failureRate is { } rate
                    ? $"Failure rate: {(rate * 100).ToString("0.0", CultureInfo.InvariantCulture)}% of {finished.ToString("N0", CultureInfo.InvariantCulture)} finished tasks."
                    : "Failure rate: no finished tasks in the window.",
                queuesNote is not null
                    ? $"Queues now: unknown ({queuesNote})"
                    : depths.Count == 0
                    ? "Queues now: empty."
                    : $"Queues now: {result.TotalQueued?.ToString("N0", CultureInfo.InvariantCulture)} tasks waiting in {result.QueuesWithItems} queue(s); deepest:",
            };
            var body = deepest.Select(QueueLine).ToList();
            if (workersNote is not null)
            {
                body.Add("Worker coverage unknown: " + workersNote);
            }

            if (deepest.Any(q => q.ActiveWorkers == 0))
            {
                body.Add("Next: queues with 0 ACTIVE workers will not drain until a worker registering that action starts; see list_workers.");
            }

            var text = TextBudget.Fit(header, body, output.MaxTextBytes, KeepEnd.First, "queues", "Lower top.").Text;
            return ToolResult.Create(text, result, ToolsJsonContext.Default.QueueMetricsResult);
        }).ConfigureAwait(false);
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

    private static Dictionary<string, int> ActiveWorkersPerAction(IReadOnlyList<Worker>? workers, DateTimeOffset now)
    {
        var serving = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in workers ?? [])
        {
            if (WorkerTools.StatusOf(w, now) != "ACTIVE")
            {
                continue;
            }

            foreach (var action in (w.Actions ?? []).Select(a => a.ToLowerInvariant()).Distinct())
            {
                serving[action] = serving.GetValueOrDefault(action) + 1;
            }
        }

        return serving;
    }

    private static string QueueLine(QueueRow q)
    {
        var name = q.ConcurrencyKey is null ? q.Queue : $"{q.Queue} (concurrency key {q.ConcurrencyKey})";
        var coverage = q.ActiveWorkers switch
        {
            null => string.Empty,
            0 => " | NO ACTIVE WORKER serves this action",
            1 => " | 1 active worker",
            var n => $" | {n} active workers",
        };
        return $"  {name}: {q.Queued.ToString("N0", CultureInfo.InvariantCulture)} queued{coverage}";
    }
}
