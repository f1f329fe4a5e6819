using System.ComponentModel;
using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>list_workers: who is there to run tasks, and how busy they are.</summary>
[McpServerToolType]
public sealed class WorkerTools(IHatchetClient client, ToolOutputOptions output, TimeProvider time, DashboardLinks links)
{
    private static readonly string[] WorkerStatuses = ["ACTIVE", "PAUSED", "INACTIVE"];

    [McpServerTool(Name = "list_workers", Title = "List workers", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(ListWorkersResult))]
    [Description("Lists the workers seen in the last 24 hours with name, status (ACTIVE, PAUSED, INACTIVE = no heartbeat " +
                 "for 5 s), heartbeat age, slots used/available, number of registered actions and whether paused; full " +
                 "workers are marked FULL. Use it when runs stay QUEUED or take long to start. Next: get_queue_metrics to see " +
                 "which queues are backing up and whether any ACTIVE worker serves them.")]
    public async Task<CallToolResult> ListWorkers(
        [Description("Only workers in this status: ACTIVE, PAUSED or INACTIVE (case-insensitive). Default all.")] string? status = null,
        CancellationToken cancellationToken = default)
    {
        string? statusFilter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            statusFilter = status.Trim().ToUpperInvariant();
            if (Array.IndexOf(WorkerStatuses, statusFilter) < 0)
            {
                throw new McpException($"status must be one of ACTIVE, PAUSED, INACTIVE; got '{Arguments.ToolArguments.Echo(status.Trim())}'.");
            }
        }

        var now = time.GetUtcNow();
        var list = await ToolErrors.Guard(() => client.ListWorkersAsync(cancellationToken)).ConfigureAwait(false);
        var all = (list.Rows ?? []).Select(w => ToRow(w, now) with { Url = links.Worker(w.Metadata?.Id) }).ToList();
        var byStatus = all.GroupBy(w => w.Status).ToDictionary(g => g.Key, g => g.Count());
        var workers = all
            .Where(w => statusFilter is null || w.Status == statusFilter)
            .OrderBy(w => w.Status switch { "ACTIVE" => 0, "PAUSED" => 1, _ => 2 })
            .ThenBy(w => w.Name, StringComparer.Ordinal)
            .ToList();

        var active = all.Where(w => w.Status == "ACTIVE").ToList();
        var header = new List<string>
        {
            $"Workers seen in the last 24h: {all.Count}" +
            (all.Count == 0 ? "." : $" ({string.Join(", ", WorkerStatuses.Where(byStatus.ContainsKey).Select(s => $"{byStatus[s]} {s}"))}).") +
            (statusFilter is null ? string.Empty : $" Showing the {workers.Count} {statusFilter}."),
            active.Count == 0
                ? "No ACTIVE worker: nothing can pick up queued tasks."
                : $"ACTIVE workers: {active.Sum(w => w.SlotsUsed)}/{active.Sum(w => w.SlotsLimit)} slots used; " +
                  $"{active.Count(w => w.Full)} of {active.Count} FULL (no free task slot).",
        };
        if (workers.Count > 0 && links.WorkersLine is { } dashboard)
        {
            header.Add(dashboard);
        }

        var body = workers.Select(Line).ToList();
        var fit = TextBudget.FitRows(
            _ => header,
            body,
            ToolResult.RowBytes(workers, ToolsJsonContext.Default.WorkerRow),
            output.MaxTextBytes,
            KeepEnd.First,
            (shown, cut) => $"… {cut} more workers not shown to fit the output budget ({output.MaxTextBytes} bytes). Narrow with status.");
        var result = new ListWorkersResult
        {
            StatusFilter = statusFilter,
            Total = all.Count,
            ByStatus = byStatus,
            Workers = fit.IsCut ? workers.Take(fit.LinesShown).ToList() : workers,
            Cut = fit.IsCut ? $"{fit.LinesCut} of {workers.Count} workers left out to fit the output budget ({output.MaxTextBytes} bytes). Narrow with status." : null,
        };
        var text = fit.Text;
        return ToolResult.Create(text, result, ToolsJsonContext.Default.ListWorkersResult);
    }

    /// <summary>The worker's status as Hatchet reports it, or as Hatchet would work it out from the heartbeat.</summary>
    internal static string StatusOf(Worker w, DateTimeOffset now) => WorkerCapacity.StatusOf(w, now);

    private static WorkerRow ToRow(Worker w, DateTimeOffset now)
    {
        var capacity = WorkerCapacity.Of(w, now);
        var slots = capacity.Pools.Select(p => new SlotUsage { Type = p.Type, Limit = p.Limit, Available = p.Available, Used = p.Used }).ToList();
        var runtime = w.RuntimeInfo is { } r && (r.Language ?? r.SdkVersion) is not null
            ? string.Join(" ", new[] { r.Language, r.SdkVersion is { } v ? "sdk " + v : null }.OfType<string>())
            : null;
        return new WorkerRow
        {
            Id = w.Metadata?.Id ?? Guid.Empty,
            Name = capacity.Name,
            Status = capacity.Status,
            LastHeartbeatAt = TimeText.Iso(w.LastHeartbeatAt),
            HeartbeatAgeSeconds = w.LastHeartbeatAt is { } hb ? (long)Math.Max(0, (now - hb).TotalSeconds) : null,
            SlotsUsed = slots.Sum(s => s.Used),
            SlotsAvailable = slots.Sum(s => s.Available),
            SlotsLimit = slots.Sum(s => s.Limit),
            Full = capacity.IsFull,
            Slots = slots,
            ActionsCount = w.Actions?.Count ?? 0,
            Paused = capacity.Status == "PAUSED",
            Runtime = runtime,
        };
    }

    private static string Line(WorkerRow w)
    {
        var heartbeat = w.HeartbeatAgeSeconds is { } age
            ? age < 1 ? "heartbeat just now" : $"heartbeat {DurationText.Format(TimeSpan.FromSeconds(age))} ago"
            : "no heartbeat";
        var slots = w.Slots.Count == 0
            ? "slots ?"
            : "slots " + string.Join(", ", w.Slots.Select(s => $"{s.Used}/{s.Limit} used" + (w.Slots.Count > 1 ? $" ({s.Type})" : string.Empty)))
              + (w.Full ? " FULL" : string.Empty);
        return $"{w.Name} | {w.Id} | {w.Status} | {heartbeat} | {slots} | {CountText.Of(w.ActionsCount, "action")}" + (w.Paused ? " | paused" : string.Empty);
    }
}
