using System.ComponentModel;
using HatchetMcp.Hatchet;
using HatchetMcp.Safety;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>list_runs and get_run: what ran, how it went, and why it failed.</summary>
[McpServerToolType]
public sealed class RunTools(IHatchetClient client, ToolOutputOptions output, TimeProvider time)
{
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);

    [McpServerTool(Name = "list_runs", Title = "List workflow runs", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(ListRunsResult))]
    [Description("Lists workflow runs, newest first, with id, workflow name, status, created/started/finished times, " +
                 "duration and the first line of the error. Filter by time window (default the last 24h), statuses, " +
                 "workflow (name or id) and metadata. Says how many runs matched and the offset of the next page, and groups " +
                 "the errors on the page. Use it to find failing or stuck runs. Next: get_run for one run's tasks and errors, " +
                 "get_run_logs for its log lines.")]
    public async Task<CallToolResult> ListRuns(
        [Description("Start of the window: an ISO 8601 time (2026-11-24T09:00:00Z, 2026-11-24) or a duration back from now (90m, 24h, 7d). Default 24h.")] string? since = null,
        [Description("End of the window, same forms as since. Default now.")] string? until = null,
        [Description("Only runs in these statuses: QUEUED, RUNNING, COMPLETED, CANCELLED, FAILED (case-insensitive). Default all.")] string[]? statuses = null,
        [Description("Only runs of this workflow, by exact name (as list_workflows shows) or by workflow id.")] string? workflow = null,
        [Description("Only runs whose metadata has all these pairs, each written key=value (e.g. customer=acme).")] string[]? metadata = null,
        [Description("Runs per page, 1 to 500. Default 50.")] int? limit = null,
        [Description("Runs to skip, for paging (0 or more). Default 0; the answer gives the next offset.")] int? offset = null,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var window = TimeWindow.Parse(since, until, now, DefaultWindow);
        var statusFilter = ToolArguments.RunStatuses(statuses);
        var metadataFilter = ToolArguments.MetadataFilters(metadata);
        var pageSize = ToolArguments.Bounded(limit, "limit", 1, 500, 50);
        var skip = ToolArguments.Offset(offset);
        var workflowText = ToolArguments.Text(workflow, "workflow", 300);

        return await ToolErrors.Guard(async () =>
        {
            var resolved = workflowText is null ? null : await new WorkflowResolver(client).ResolveAsync(workflowText, "workflow", cancellationToken).ConfigureAwait(false);
            var query = new RunListQuery
            {
                Since = window.Since,
                Until = window.Until,
                Statuses = statusFilter,
                WorkflowIds = resolved is null ? null : [resolved.Id],
                AdditionalMetadata = metadataFilter.Select(SplitPair).ToList(),
                AdditionalMetadataOperator = metadataFilter.Count > 1 ? "AND" : null,
                OnlyTasks = false,
                IncludePayloads = false,
                Limit = pageSize,
                Offset = skip,
            };
            var list = await client.ListRunsAsync(query, cancellationToken).ConfigureAwait(false);
            var rows = list.Rows ?? [];
            var runs = rows.Select(r => ToRow(r, now)).ToList();
            var page = PageBounds.From(skip, pageSize, rows.Count, list.Pagination?.NumPages);
            var workflowName = resolved is null ? null : resolved.Name ?? runs.Select(r => r.WorkflowName).FirstOrDefault(n => n is not null) ?? resolved.Id.ToString();

            const string narrow = "Narrow with statuses, workflow, metadata or a shorter since/until, or page with a smaller limit.";
            const string next = "Next: get_run with a run id for its tasks and errors; get_run_logs for its log lines.";
            var body = rows.Select((source, i) => RowLine(runs[i], source, now)).ToList();
            var fit = TextBudget.FitRows(
                shown => ListHeader(window, now, statusFilter, workflowName, metadataFilter, PageBounds.Shown(page, shown, string.Empty), runs.Take(shown).ToList()),
                body,
                ToolResult.RowBytes(runs, ToolsJsonContext.Default.RunRow),
                output.MaxTextBytes - (runs.Count > 0 ? TextBudget.LineBytes(next) : 0),
                KeepEnd.First,
                (shown, cut) => $"… {cut} more runs of this page not shown to fit the output budget ({output.MaxTextBytes} bytes): continue with offset={skip + shown}. {narrow}");
            var shownPage = PageBounds.Shown(page, fit.LinesShown,
                $"{fit.LinesCut} runs of this page left out to fit the output budget ({output.MaxTextBytes} bytes); continue with offset={skip + fit.LinesShown}. {narrow}");

            var result = new ListRunsResult
            {
                Since = TimeText.Iso(window.Since),
                Until = TimeText.Iso(window.Until),
                Statuses = statusFilter,
                WorkflowId = resolved?.Id,
                WorkflowName = workflowName,
                Metadata = metadataFilter,
                Page = shownPage,
                Runs = fit.IsCut ? runs.Take(fit.LinesShown).ToList() : runs,
            };

            var text = fit.Text;
            if (fit.LinesShown > 0)
            {
                text += "\n" + next;
            }

            return ToolResult.Create(text, result, ToolsJsonContext.Default.ListRunsResult);
        }).ConfigureAwait(false);
    }

    [McpServerTool(Name = "get_run", Title = "Get one run (or task)", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(GetRunResult))]
    [Description("Shows one run: status, workflow name, timings (queued, ran), metadata, a summary of its input (keys and " +
                 "short values), and every task with status, attempt, duration and error (first line and a signature that " +
                 "groups like failures). Accepts a run id or a task id; for a task inside a DAG run it shows that task and " +
                 "names the run it belongs to. Next: get_run_logs with the same id for log lines; replay_runs or cancel_runs to act.")]
    public async Task<CallToolResult> GetRun(
        [Description("Run id or task id (a UUID), e.g. from list_runs.")] string run_id,
        CancellationToken cancellationToken = default)
    {
        var id = ToolArguments.Uuid(run_id, "run_id");
        var now = time.GetUtcNow();
        return await ToolErrors.Guard(async () =>
        {
            var lookup = await client.GetRunAsync(id, cancellationToken).ConfigureAwait(false);
            return lookup.Kind == RunLookupKind.Task && lookup.Task is { } task
                ? await TaskAnswerAsync(id, task, now, cancellationToken).ConfigureAwait(false)
                : await RunAnswerAsync(id, lookup.Run ?? new V1WorkflowRunDetails(), now, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task<CallToolResult> RunAnswerAsync(Guid id, V1WorkflowRunDetails details, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var run = details.Run ?? new V1WorkflowRun();
        var tasks = details.Tasks ?? [];
        var stepNames = (details.Shape ?? [])
            .Where(s => s.TaskExternalId is { } t && t != Guid.Empty && s.TaskName is not null)
            .GroupBy(s => s.TaskExternalId!.Value)
            .ToDictionary(g => g.Key, g => g.First().TaskName!);
        var workflowName = tasks.Select(t => t.WorkflowName).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n))
                           ?? await WorkflowNameAsync(run.WorkflowId, cancellationToken).ConfigureAwait(false);

        var taskRows = tasks.Select(t => ToTaskRow(t, stepNames, now)).ToList();
        var pending = (details.Shape ?? [])
            .Where(s => s.TaskExternalId is null || s.TaskExternalId == Guid.Empty)
            .Select(s => s.TaskName ?? "(unnamed)")
            .ToList();
        var runError = !string.IsNullOrWhiteSpace(run.ErrorMessage)
            ? run.ErrorMessage
            : tasks.Where(t => t.Status == V1TaskStatuses.Failed).Select(t => t.ErrorMessage).FirstOrDefault(e => !string.IsNullOrWhiteSpace(e));
        var created = run.CreatedAt ?? run.Metadata?.CreatedAt;
        var metadata = RunText.MetadataText(run.AdditionalMetadata);
        var input = run.Input is { } i ? ValueSummary.Describe(i) : "(not available)";
        var status = run.Status ?? "UNKNOWN";

        var result = new GetRunResult
        {
            Kind = "run",
            RunId = run.Metadata?.Id ?? id,
            DisplayName = run.DisplayName,
            WorkflowName = workflowName,
            WorkflowId = run.WorkflowId,
            Status = status,
            CreatedAt = TimeText.Iso(created),
            StartedAt = TimeText.Iso(run.StartedAt),
            FinishedAt = TimeText.Iso(run.FinishedAt),
            QueuedMs = created is { } c && run.StartedAt is { } s ? (long)(s - c).TotalMilliseconds : null,
            DurationMs = RunText.DurationMs(null, run.StartedAt, run.FinishedAt, now),
            Error = ErrorText.FirstLine(runError),
            ErrorSignature = ErrorText.Signature(runError),
            Metadata = metadata,
            InputSummary = input,
            Tasks = taskRows,
            PendingSteps = pending,
        };

        var header = new List<string>
        {
            $"Run {result.RunId} ({run.DisplayName}) of workflow {workflowName ?? "?"}: {status}",
            RunText.Timeline(created, run.StartedAt, run.FinishedAt, now),
        };
        if (result.Error is { } error)
        {
            var more = ErrorText.MoreLines(runError);
            header.Add($"Error: {error}{(more > 0 ? $" (+{more} more lines)" : string.Empty)}");
        }

        header.Add("Metadata: " + RunText.MetadataLine(metadata));
        header.Add("Input: " + input);
        header.Add($"Tasks ({taskRows.Count}):" + (taskRows.Count == 0 ? " none created yet" : string.Empty));
        var body = taskRows.Select(TaskLine).ToList();
        if (pending.Count > 0)
        {
            body.Add("Not created yet: " + string.Join(", ", pending));
        }

        body.Add(status is V1TaskStatuses.Failed or V1TaskStatuses.Cancelled
            ? $"Next: get_run_logs run_id={result.RunId} for log lines; replay_runs to retry once the cause is fixed."
            : $"Next: get_run_logs run_id={result.RunId} for log lines" + (V1TaskStatuses.IsFinal(status) ? "." : "; cancel_runs to stop it."));
        var text = TextBudget.Fit(header, body, output.MaxTextBytes, KeepEnd.First, "tasks", "Call get_run with a task id for one task.").Text;
        return ToolResult.Create(text, result, ToolsJsonContext.Default.GetRunResult);
    }

    private async Task<CallToolResult> TaskAnswerAsync(Guid id, V1TaskSummary task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var workflowName = !string.IsNullOrWhiteSpace(task.WorkflowName)
            ? task.WorkflowName
            : await WorkflowNameAsync(task.WorkflowId, cancellationToken).ConfigureAwait(false);
        var runId = task.WorkflowRunExternalId ?? id;
        var name = RunText.StepName(task.DisplayName);
        var created = task.CreatedAt ?? task.Metadata?.CreatedAt;
        var metadata = RunText.MetadataText(task.AdditionalMetadata);
        var input = RunText.UserInput(task.Input) is { } i ? ValueSummary.Describe(i) : "(not available)";
        var status = task.Status ?? "UNKNOWN";
        var attempt = task.Attempt ?? (task.RetryCount is { } rc ? rc + 1 : null);
        var row = ToTaskRow(task, new Dictionary<Guid, string>(), now);

        var result = new GetRunResult
        {
            Kind = "task",
            RunId = runId,
            TaskId = task.TaskExternalId ?? task.Metadata?.Id ?? id,
            DisplayName = task.DisplayName,
            WorkflowName = workflowName,
            WorkflowId = task.WorkflowId,
            Status = status,
            CreatedAt = TimeText.Iso(created),
            StartedAt = TimeText.Iso(task.StartedAt),
            FinishedAt = TimeText.Iso(task.FinishedAt),
            QueuedMs = created is { } c && task.StartedAt is { } s ? (long)(s - c).TotalMilliseconds : null,
            DurationMs = row.DurationMs,
            Attempt = attempt,
            Error = row.Error,
            ErrorSignature = row.ErrorSignature,
            Metadata = metadata,
            InputSummary = input,
            Tasks = [row],
            PendingSteps = [],
        };

        var lines = new List<string>
        {
            $"Task {name} ({result.TaskId}) of run {runId} (workflow {workflowName ?? "?"}): {status}" + (attempt is { } a ? $", attempt {a}" : string.Empty),
            RunText.Timeline(created, task.StartedAt, task.FinishedAt, now),
        };
        if (row.Error is { } error)
        {
            lines.Add($"Error: {error}" + (row.ErrorMoreLines > 0 ? $" (+{row.ErrorMoreLines} more lines)" : string.Empty));
            lines.Add($"Signature: {row.ErrorSignature}");
        }

        lines.Add("Metadata: " + RunText.MetadataLine(metadata));
        lines.Add("Input: " + input);
        lines.Add($"Next: get_run run_id={runId} for the whole run; get_run_logs run_id={result.TaskId} for this task's log lines.");
        var text = TextBudget.Fit(lines, [], output.MaxTextBytes, KeepEnd.First, "lines", string.Empty).Text;
        return ToolResult.Create(text, result, ToolsJsonContext.Default.GetRunResult);
    }

    private async Task<string?> WorkflowNameAsync(Guid? workflowId, CancellationToken cancellationToken)
    {
        if (workflowId is not { } wid || wid == Guid.Empty)
        {
            return null;
        }

        try
        {
            return (await client.GetWorkflowAsync(wid, cancellationToken).ConfigureAwait(false)).Name;
        }
        catch (HatchetApiException)
        {
            // The run itself answered; a missing name is shown as "?" rather than failing the whole answer.
            return null;
        }
    }

    private static RunRow ToRow(V1RunListRow r, DateTimeOffset now)
    {
        var error = r.Status is V1TaskStatuses.Failed or V1TaskStatuses.Cancelled ? RunText.ErrorOf(r) : null;
        return new RunRow
        {
            Id = r.Metadata?.Id ?? r.WorkflowRunExternalId ?? Guid.Empty,
            WorkflowName = string.IsNullOrWhiteSpace(r.WorkflowName) ? null : r.WorkflowName,
            Status = r.Status ?? "UNKNOWN",
            CreatedAt = TimeText.Iso(r.CreatedAt ?? r.Metadata?.CreatedAt),
            StartedAt = TimeText.Iso(r.StartedAt),
            FinishedAt = TimeText.Iso(r.FinishedAt),
            DurationMs = RunText.DurationMs(r.Duration, r.StartedAt, r.FinishedAt, now),
            Error = ErrorText.FirstLine(error),
            ErrorSignature = ErrorText.Signature(error),
        };
    }

    private static string RowLine(RunRow run, V1RunListRow source, DateTimeOffset now)
    {
        var timeline = RunText.Timeline(source.CreatedAt ?? source.Metadata?.CreatedAt, source.StartedAt, source.FinishedAt, now);
        return $"{run.Id} | {run.Status} | {run.WorkflowName ?? "?"} | {timeline}" + (run.Error is { } e ? $" | error: {e}" : string.Empty);
    }

    private static TaskRow ToTaskRow(V1TaskSummary t, IReadOnlyDictionary<Guid, string> stepNames, DateTimeOffset now)
    {
        var id = t.TaskExternalId ?? t.Metadata?.Id ?? Guid.Empty;
        var error = string.IsNullOrWhiteSpace(t.ErrorMessage) ? null : t.ErrorMessage;
        return new TaskRow
        {
            Id = id,
            Name = stepNames.TryGetValue(id, out var step) ? step : RunText.StepName(t.DisplayName),
            Status = t.Status ?? "UNKNOWN",
            Attempt = t.Attempt ?? (t.RetryCount is { } rc ? rc + 1 : null),
            StartedAt = TimeText.Iso(t.StartedAt),
            FinishedAt = TimeText.Iso(t.FinishedAt),
            DurationMs = RunText.DurationMs(t.Duration, t.StartedAt, t.FinishedAt, now),
            Error = ErrorText.FirstLine(error),
            ErrorSignature = ErrorText.Signature(error),
            ErrorMoreLines = ErrorText.MoreLines(error),
        };
    }

    private static string TaskLine(TaskRow t)
    {
        var parts = new List<string> { $"  {t.Name} | {t.Id} | {t.Status}" };
        if (t.Attempt is { } a)
        {
            parts.Add($"attempt {a}");
        }

        if (t.DurationMs is { } ms)
        {
            parts.Add((t.FinishedAt is null ? "running " : "ran ") + DurationText.FromMilliseconds(ms));
        }

        if (t.Error is { } e)
        {
            parts.Add($"error: {e}" + (t.ErrorSignature is { } sig && sig != e ? $" [sig: {sig}]" : string.Empty));
        }

        return string.Join(" | ", parts);
    }

    /// <summary>The query line, then what the shown runs hold: summaries count the runs of this answer, not the window.</summary>
    private static List<string> ListHeader(TimeWindow window, DateTimeOffset now, IReadOnlyList<string> statuses, string? workflow,
        IReadOnlyList<string> metadata, PageResult page, IReadOnlyList<RunRow> shown)
    {
        var header = new List<string> { Header(window, now, statuses, workflow, metadata, page, shown.Count) };
        if (shown.Count == 0)
        {
            return header;
        }

        header.Add($"This page ({Plural(shown.Count, "run")}): " + RunText.StatusCounts(shown.Select(r => r.Status)) + ".");
        var groups = shown.Where(r => r.ErrorSignature is not null)
            .GroupBy(r => r.ErrorSignature!)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (groups.Count > 0)
        {
            const int Listed = 3;
            var listed = string.Join(" ; ", groups.Take(Listed).Select(g => $"{g.Count()}× {g.First().Error}"));
            var rest = groups.Skip(Listed).ToList();
            var more = rest.Count == 0
                ? string.Empty
                : $" ; +{Plural(rest.Count, "more signature")} ({Plural(rest.Sum(g => g.Count()), "run")}) not listed";
            header.Add($"Top errors on this page ({Plural(shown.Count, "run")} shown): {listed}{more}");
        }

        return header;
    }

    private static string Plural(int count, string noun) =>
        count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun + "s");

    private static string Header(TimeWindow window, DateTimeOffset now, IReadOnlyList<string> statuses, string? workflow,
        IReadOnlyList<string> metadata, PageResult page, int returned)
    {
        var filters = new List<string>
        {
            $"since {TimeText.Format(window.Since)} ({DurationText.Format(now - window.Since)} ago)" +
            (window.Until is { } u ? $" until {TimeText.Format(u)}" : " until now"),
        };
        if (statuses.Count > 0)
        {
            filters.Add("statuses " + string.Join("/", statuses));
        }

        if (workflow is not null)
        {
            filters.Add("workflow " + workflow);
        }

        if (metadata.Count > 0)
        {
            filters.Add("metadata " + string.Join(" and ", metadata.Select(m => m[..m.IndexOf(':', StringComparison.Ordinal)] + "=" + m[(m.IndexOf(':', StringComparison.Ordinal) + 1)..])));
        }

        var shown = returned == 0 ? "none on this page" : $"showing {page.Offset + 1}-{page.Offset + returned} (newest first)";
        var next = page.NextOffset is { } n ? $" Next page: offset={n}." : " This is the last page.";
        return $"Runs {string.Join(", ", filters)}: {PageBounds.Describe(page.Matched)}; {shown}.{next}";
    }

    private static KeyValuePair<string, string> SplitPair(string pair)
    {
        var at = pair.IndexOf(':', StringComparison.Ordinal);
        return new KeyValuePair<string, string>(pair[..at], pair[(at + 1)..]);
    }
}
