using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using HatchetMcp.Arguments;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>get_workflow: one workflow's definition, triggers, limits and how each recent version has fared.</summary>
[McpServerToolType]
public sealed class WorkflowDetailTools(IHatchetClient client, TimeProvider time, WorkflowCatalog workflows, DashboardLinks links,
    FetchGate gate, WorkflowVersionNames versions)
{
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);
    private const int MaxRunsScanned = 2000;
    private const int CronsShown = 20;
    // Older versions seen in the window are named by one lookup each; beyond this they stay ids.
    private const int VersionsNamed = 5;

    [McpServerTool(Name = "get_workflow", Title = "Get a workflow", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(GetWorkflowResult))]
    [Description("One workflow: description, paused, latest version, tasks and their parents, triggers (event keys, crons, " +
                 "pending scheduled runs), concurrency, and runs/failures per version in a window, which shows a deploy " +
                 "that broke it. Next: list_runs workflow=<name> statuses=FAILED.")]
    public async Task<CallToolResult> GetWorkflow(
        [Description("Workflow name (as list_workflows shows it) or id.")] string workflow,
        [Description("Window for the per-version outcomes: ISO time or a duration back from now (24h, 7d). Default 7d.")] string? since = null,
        CancellationToken cancellationToken = default)
    {
        var workflowText = ToolArguments.Text(workflow, "workflow", 300)
            ?? throw new McpException("workflow is required: a workflow name or id (list_workflows shows them).");
        var window = TimeWindow.Parse(since, null, time.GetUtcNow(), DefaultWindow);

        return await ToolErrors.Guard(async () =>
        {
            var resolved = await new WorkflowResolver(client, workflows).ResolveAsync(workflowText, "workflow", cancellationToken).ConfigureAwait(false);
            var id = resolved.Id;
            var detailTask = client.GetWorkflowAsync(id, cancellationToken);
            var versionTask = client.GetWorkflowVersionAsync(id, null, cancellationToken);
            var cronsTask = client.ListCronsAsync(id, CronsShown, 0, cancellationToken);
            var scheduledTask = client.ListScheduledAsync(id, ["SCHEDULED"], 1, 0, cancellationToken);
            await Task.WhenAll(detailTask, versionTask, cronsTask, scheduledTask).ConfigureAwait(false);
            var detail = await detailTask.ConfigureAwait(false);
            var latest = await versionTask.ConfigureAwait(false);
            var crons = await cronsTask.ConfigureAwait(false);
            var scheduled = await scheduledTask.ConfigureAwait(false);

            var record = await VersionRecord.ScanAsync(client, id, window.Since, MaxRunsScanned, gate, cancellationToken).ConfigureAwait(false);
            var names = await NameVersionsAsync(id, latest, record, cancellationToken).ConfigureAwait(false);
            var (tasks, source) = TasksFromConfig(latest.WorkflowConfig);
            if (tasks.Count == 0 && record.NewestRunId is { } newest)
            {
                (tasks, source) = await TasksFromRunAsync(newest, cancellationToken).ConfigureAwait(false);
            }

            var result = new GetWorkflowResult
            {
                Id = id,
                Name = detail.Name ?? resolved.Name ?? id.ToString(),
                Description = string.IsNullOrWhiteSpace(detail.Description) ? null : detail.Description.Trim(),
                Paused = detail.IsPaused ?? false,
                LatestVersion = latest.Metadata?.Id is { } latestId
                    ? new WorkflowVersionInfo { Id = latestId, Version = Label(latest.Version), CreatedAt = TimeText.Iso(latest.Metadata.CreatedAt) }
                    : null,
                Tasks = tasks,
                TasksSource = source,
                EventTriggers = (latest.Triggers?.Events ?? []).Select(e => e.EventKey).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
                Crons = Crons(crons, latest),
                ScheduledPending = PendingCount(scheduled),
                NextScheduledAt = TimeText.Iso(scheduled.Rows?.FirstOrDefault()?.TriggerAt),
                Concurrency = Concurrency(latest),
                Outcomes = new WorkflowOutcomes
                {
                    Since = TimeText.Iso(record.Since),
                    Matched = record.Matched,
                    Scanned = record.Scanned,
                    Versions = record.Versions.Select(v => Outcome(v, names)).ToList(),
                },
                Url = links.Workflow(id),
            };
            return ToolResult.Create(Render(result), result, ToolsJsonContext.Default.GetWorkflowResult);
        }).ConfigureAwait(false);
    }

    /// <summary>The latest version as read, and up to <see cref="VersionsNamed"/> older ones named by the shared cache.</summary>
    private async Task<Dictionary<Guid, NamedVersion>> NameVersionsAsync(Guid workflowId, WorkflowVersion latest,
        VersionRecord record, CancellationToken cancellationToken)
    {
        var known = new Dictionary<Guid, NamedVersion>();
        if (latest.Metadata?.Id is { } latestId)
        {
            known[latestId] = new NamedVersion(latestId, Label(latest.Version), latest.Metadata.CreatedAt);
        }

        var unnamed = record.Versions.Select(v => v.VersionId).OfType<Guid>().Where(v => !known.ContainsKey(v)).Take(VersionsNamed).ToList();
        // An unnamed version (Hatchet would not say) still shows its id and counts.
        var named = await Task.WhenAll(unnamed.Select(v => versions.NameAsync(workflowId, v, cancellationToken))).ConfigureAwait(false);
        foreach (var version in named)
        {
            known[version.Id] = version;
        }

        return known;
    }

    /// <summary>Hatchet keeps a version's tasks in its raw registration options; the shape is undocumented, so read leniently.</summary>
    private static (IReadOnlyList<WorkflowTaskInfo> Tasks, string? Source) TasksFromConfig(JsonElement? config)
    {
        if (config is not { ValueKind: JsonValueKind.Object } root ||
            !root.TryGetProperty("tasks", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return ([], null);
        }

        var tasks = new List<WorkflowTaskInfo>();
        foreach (var task in list.EnumerateArray())
        {
            if (task.ValueKind != JsonValueKind.Object || (Str(task, "readableId") ?? Str(task, "name")) is not { } name)
            {
                continue;
            }

            var parents = task.TryGetProperty("parents", out var p) && p.ValueKind == JsonValueKind.Array
                ? p.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                : [];
            tasks.Add(new WorkflowTaskInfo
            {
                Name = name,
                Parents = parents,
                Retries = task.TryGetProperty("retries", out var r) && r.TryGetInt32(out var retries) ? retries : null,
                Timeout = Str(task, "timeout"),
            });
        }

        return (tasks, tasks.Count > 0 ? "version config" : null);
    }

    private async Task<(IReadOnlyList<WorkflowTaskInfo>, string?)> TasksFromRunAsync(Guid runId, CancellationToken cancellationToken)
    {
        RunLookupResult lookup;
        try
        {
            lookup = await client.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        }
        catch (HatchetApiException)
        {
            return ([], null);
        }

        var shape = lookup.Run?.Shape ?? [];
        var names = shape.Where(s => s.StepId is not null && s.TaskName is not null).ToDictionary(s => s.StepId!.Value, s => s.TaskName!);
        var parents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var step in shape)
        {
            foreach (var child in step.ChildrenStepIds ?? [])
            {
                if (step.TaskName is { } parent && child is { } childId && names.TryGetValue(childId, out var childName))
                {
                    (parents.TryGetValue(childName, out var l) ? l : parents[childName] = []).Add(parent);
                }
            }
        }

        var tasks = shape.Where(s => s.TaskName is not null)
            .Select(s => new WorkflowTaskInfo { Name = s.TaskName!, Parents = parents.TryGetValue(s.TaskName!, out var l) ? l : [] })
            .ToList();
        return (tasks, tasks.Count > 0 ? "latest run" : null);
    }

    private static List<CronInfo> Crons(CronWorkflowList list, WorkflowVersion latest)
    {
        var crons = (list.Rows ?? []).Where(c => c.Cron is not null)
            .Select(c => new CronInfo { Name = c.Name, Expression = c.Cron!, Enabled = c.Enabled ?? true, Method = c.Method })
            .ToList();
        // Crons declared in code but missing from the list (e.g. beyond its first page) still trigger the workflow.
        foreach (var expression in (latest.Triggers?.Crons ?? []).Select(c => c.Cron).OfType<string>())
        {
            if (!crons.Any(c => c.Expression == expression))
            {
                crons.Add(new CronInfo { Expression = expression, Enabled = true, Method = "DEFAULT" });
            }
        }

        return crons;
    }

    /// <summary>Asked with limit 1, num_pages is the number of pending scheduled runs.</summary>
    private static long PendingCount(ScheduledWorkflowList list) =>
        (list.Rows?.Count ?? 0) == 0 ? 0 : Math.Max(list.Rows!.Count, list.Pagination?.NumPages ?? 1);

    private static List<ConcurrencyInfo> Concurrency(WorkflowVersion version)
    {
        if (version.V1Concurrency is { Count: > 0 } v1)
        {
            return v1.Select(c => new ConcurrencyInfo
            {
                MaxRuns = c.MaxRuns, Strategy = c.LimitStrategy, Expression = c.Expression, Scope = c.Scope, Task = c.StepReadableId,
            }).ToList();
        }

        return version.Concurrency is { } v0
            ? [new ConcurrencyInfo { MaxRuns = v0.MaxRuns, Strategy = v0.LimitStrategy, Expression = v0.GetConcurrencyGroup, Scope = "WORKFLOW" }]
            : [];
    }

    private static VersionOutcome Outcome(VersionTally tally, Dictionary<Guid, NamedVersion> names)
    {
        var version = tally.VersionId is { } id && names.TryGetValue(id, out var v) ? v : null;
        return new VersionOutcome
        {
            VersionId = tally.VersionId,
            Version = version?.Name,
            VersionCreatedAt = TimeText.Iso(version?.CreatedAt),
            Runs = tally.Runs,
            Completed = tally.Completed,
            Failed = tally.Failed,
            Cancelled = tally.Cancelled,
            Active = tally.Active,
            FirstSeen = TimeText.Iso(tally.FirstSeen),
            LastSeen = TimeText.Iso(tally.LastSeen),
        };
    }

    private static string Render(GetWorkflowResult r)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Workflow {r.Name} | id {r.Id} | {(r.Paused ? "PAUSED (new runs wait until unpaused)" : "not paused")}");
        if (r.Description is { } description)
        {
            text.Append(" | ").Append(ValueSummary.Clip(description, 160));
        }

        text.AppendLine();
        text.AppendLine(r.LatestVersion is { } latest
            ? $"Latest version: {latest.Version ?? "(no label)"} (id {latest.Id}), created {Time(latest.CreatedAt)}."
            : "Latest version: Hatchet gave none.");
        text.AppendLine(r.Tasks.Count == 0
            ? "Tasks: unknown (the version lists none and no run in the window shows them)."
            : $"Tasks ({r.Tasks.Count}, from the {r.TasksSource}): " + string.Join("; ", r.Tasks.Select(TaskText)) + ".");
        text.Append("Triggers: events ").Append(r.EventTriggers.Count == 0 ? "none" : string.Join(", ", r.EventTriggers))
            .Append("; crons ").Append(r.Crons.Count == 0 ? "none" : string.Join(", ", r.Crons.Select(CronText)))
            .Append("; scheduled runs pending: ").Append(r.ScheduledPending.ToString(CultureInfo.InvariantCulture))
            .Append(r.NextScheduledAt is { } next ? $", next at {Time(next)}" : string.Empty).AppendLine(".");
        text.AppendLine(r.Concurrency.Count == 0
            ? "Concurrency: no limit set on the latest version."
            : "Concurrency (latest version): " + string.Join("; ", r.Concurrency.Select(ConcurrencyText)) + ".");

        var o = r.Outcomes;
        var scanned = o.Matched.Exact is { } exact && exact == o.Scanned
            ? $"{CountText.Of(o.Scanned, "run")}"
            : $"{CountText.Of(o.Scanned, "run")} scanned (newest first) of {PageBounds.Describe(o.Matched)}";
        text.AppendLine(CultureInfo.InvariantCulture, $"Runs since {Time(o.Since)}: {scanned}; by version, most recently seen first:");
        foreach (var v in o.Versions)
        {
            var name = v.VersionId is null ? "(runs without a version id)" : $"{v.Version ?? "(unnamed)"} (id {v.VersionId}{(v.VersionCreatedAt is { } c ? $", created {Time(c)}" : string.Empty)})";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {name}: {CountText.Of(v.Runs, "run")}: {v.Completed} completed, {v.Failed} failed, {v.Cancelled} cancelled, {v.Active} queued/running; first {Time(v.FirstSeen)}, last {Time(v.LastSeen)}.");
        }

        if (o.Versions.Count == 0)
        {
            text.AppendLine("  none in the window; widen since.");
        }

        if (DashboardLinks.Line(r.Url) is { } dashboard)
        {
            text.AppendLine(dashboard);
        }

        text.Append(CultureInfo.InvariantCulture, $"Next: list_runs workflow={r.Name} statuses=FAILED for failed runs; get_run for one.");
        return text.ToString();
    }

    private static string TaskText(WorkflowTaskInfo t)
    {
        var extras = new List<string>();
        if (t.Parents.Count > 0) extras.Add("after " + string.Join(", ", t.Parents));
        if (t.Retries is { } retries) extras.Add($"retries {retries}");
        if (t.Timeout is { } timeout) extras.Add($"timeout {timeout}");
        return extras.Count == 0 ? t.Name : $"{t.Name} ({string.Join(", ", extras)})";
    }

    private static string CronText(CronInfo c) =>
        $"'{c.Expression}'{(c.Name is { } n ? $" {n}" : string.Empty)}{(c.Enabled ? string.Empty : " DISABLED")}{(c.Method == "DEFAULT" ? " (in code)" : string.Empty)}";

    private static string ConcurrencyText(ConcurrencyInfo c) =>
        $"at most {c.MaxRuns?.ToString(CultureInfo.InvariantCulture) ?? "?"} runs per value of {c.Expression ?? "?"}, {c.Strategy ?? "?"}" +
        (c.Scope == "TASK" ? $", per task {c.Task ?? "?"}" : string.Empty);

    private static string Time(string? iso) =>
        iso is not null && DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? TimeText.Format(t) : "?";

    private static string? Label(string? version) => string.IsNullOrWhiteSpace(version) ? null : version;

    private static string? Str(JsonElement obj, string property) =>
        obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;
}
