using System.ComponentModel;
using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using HatchetMcp.Arguments;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>get_worker: one worker in full (slots by type, actions, workflows, labels, runtime).</summary>
[McpServerToolType]
public sealed class WorkerDetailTools(IHatchetClient client, TimeProvider time, DashboardLinks links)
{
    // Workers can serve hundreds of actions; the count says how many were left out.
    private const int MaxActionsShown = 30;

    [McpServerTool(Name = "get_worker", Title = "Get worker", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(GetWorkerResult))]
    [Description("One worker: status and why (paused, or no heartbeat for N s), heartbeat age, slots used/limit by type " +
                 "(FULL when every task slot is in use), actions it serves, registered workflows, labels and SDK/runtime. " +
                 "list_workers gives worker ids.")]
    public async Task<CallToolResult> GetWorker(
        [Description("Worker id (UUID) from list_workers.")] string worker_id,
        CancellationToken cancellationToken = default)
    {
        var id = ToolArguments.Uuid(worker_id, "worker_id", "a worker id from list_workers");
        var worker = await ToolErrors.Guard(() => client.GetWorkerAsync(id, cancellationToken)).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var capacity = WorkerCapacity.Of(worker, now);
        long? age = worker.LastHeartbeatAt is { } hb ? (long)Math.Max(0, (now - hb).TotalSeconds) : null;
        var actions = (worker.Actions ?? []).Order(StringComparer.Ordinal).ToList();
        var result = new GetWorkerResult
        {
            Id = worker.Metadata?.Id ?? id,
            Name = capacity.Name,
            Status = capacity.Status,
            StatusReason = ReasonFor(capacity.Status, age),
            LastHeartbeatAt = TimeText.Iso(worker.LastHeartbeatAt),
            HeartbeatAgeSeconds = age,
            Slots = capacity.Pools.Select(p => new SlotUsage { Type = p.Type, Limit = p.Limit, Available = p.Available, Used = p.Used }).ToList(),
            Full = capacity.IsFull,
            Actions = actions.Take(MaxActionsShown).ToList(),
            ActionsCount = actions.Count,
            RegisteredWorkflows = (worker.RegisteredWorkflows ?? [])
                .Select(w => new WorkflowRef { Id = w.Id ?? Guid.Empty, Name = w.Name ?? "(unnamed)", Url = links.Workflow(w.Id) })
                .OrderBy(w => w.Name, StringComparer.Ordinal).ToList(),
            Labels = (worker.Labels ?? []).Select(l => l.Value is null ? l.Key ?? "?" : $"{l.Key}={l.Value}").ToList(),
            Runtime = Runtime(worker.RuntimeInfo),
            Type = worker.Type,
            Url = links.Worker(worker.Metadata?.Id ?? id),
        };
        return ToolResult.Create(Text(result, links), result, ToolsJsonContext.Default.GetWorkerResult);
    }

    private static string? ReasonFor(string status, long? heartbeatAge) => status switch
    {
        "PAUSED" => "takes no new tasks until resumed (its heartbeat is live)",
        "INACTIVE" => heartbeatAge is { } age
            ? $"no heartbeat for {DurationText.Format(TimeSpan.FromSeconds(age))} (Hatchet marks a worker INACTIVE after 5 s without one)"
            : "no heartbeat recorded",
        _ => null,
    };

    private static string? Runtime(WorkerRuntimeInfo? info)
    {
        if (info is null)
        {
            return null;
        }

        var parts = new[]
        {
            info.Language is { } l ? (info.LanguageVersion is { } lv ? $"{l} {lv}" : l) : null,
            info.SdkVersion is { } v ? "sdk " + v : null,
            info.Os,
        }.OfType<string>().ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static string Text(GetWorkerResult w, DashboardLinks links)
    {
        var heartbeat = w.HeartbeatAgeSeconds is { } age
            ? (age < 1 ? "last heartbeat just now" : $"last heartbeat {DurationText.Format(TimeSpan.FromSeconds(age))} ago") + $" ({w.LastHeartbeatAt})"
            : "no heartbeat recorded";
        var lines = new List<string>
        {
            $"Worker {w.Name} | id {w.Id} | {w.Status}" + (w.StatusReason is { } why ? $": {why}" : string.Empty),
            heartbeat[..1].ToUpperInvariant() + heartbeat[1..] + ".",
            w.Slots.Count == 0
                ? "Slots: not reported."
                : "Slots (used/limit): " + string.Join(", ", w.Slots.Select(s => $"{s.Type} {s.Used}/{s.Limit}")) +
                  (w.Full ? ". FULL: every default (task) slot is in use, it takes no further task now." : "."),
            $"Actions ({w.ActionsCount}): " + (w.ActionsCount == 0 ? "none." : string.Join(", ", w.Actions) +
                (w.ActionsCount > w.Actions.Count ? $" … {w.ActionsCount - w.Actions.Count} more not shown." : ".")),
            $"Registered workflows ({w.RegisteredWorkflows.Count}): " + (w.RegisteredWorkflows.Count == 0
                ? "none."
                : string.Join(", ", w.RegisteredWorkflows.Select(r => $"{r.Name} ({r.Id})")) + "."),
        };
        if (w.Labels.Count > 0)
        {
            lines.Add("Labels: " + string.Join(", ", w.Labels) + ".");
        }

        if (w.Runtime is not null || w.Type is not null)
        {
            lines.Add("Runtime: " + string.Join(", ", new[] { w.Runtime, w.Type }.OfType<string>()) + ".");
        }

        if (DashboardLinks.Line(w.Url) is { } dashboard)
        {
            lines.Add(dashboard);
        }

        if (w.RegisteredWorkflows.Count > 0 && links.WorkflowsLine is { } workflows)
        {
            lines.Add(workflows);
        }

        return string.Join('\n', lines);
    }
}
