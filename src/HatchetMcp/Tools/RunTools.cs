using System.ComponentModel;
using HatchetMcp.Hatchet;
using HatchetMcp.Findings;
using HatchetMcp.Arguments;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>list_runs and get_run: what ran, how it went, and why it failed.</summary>
[McpServerToolType]
public sealed class RunTools(IHatchetClient client, ToolOutputOptions output, TimeProvider time, WorkflowCatalog workflows, DashboardLinks links)
{
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);

    [McpServerTool(Name = "list_runs", Title = "List workflow runs", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(ListRunsResult))]
    [Description("Lists workflow runs, newest first: id, workflow, status, created/started/finished times, duration, first error line. " +
                 "Filters: window (default 24h), statuses, workflow (name or id), metadata. Says how many runs matched and the next " +
                 "page's offset, and groups the page's errors. Next: diagnose_run for why one failed, get_run for its tasks, " +
                 "get_run_logs for its lines.")]
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
            var resolved = workflowText is null ? null : await new WorkflowResolver(client, workflows).ResolveAsync(workflowText, "workflow", cancellationToken).ConfigureAwait(false);
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
            var runs = rows.Select(r => ToRow(r, now, links)).ToList();
            var page = PageBounds.From(skip, pageSize, rows.Count, list.Pagination?.NumPages);
            var workflowName = resolved is null ? null : resolved.Name ?? runs.Select(r => r.WorkflowName).FirstOrDefault(n => n is not null) ?? resolved.Id.ToString();

            const string narrow = "Narrow with statuses, workflow, metadata or a shorter since/until, or page with a smaller limit.";
            var next = "Next: get_run with a run id for its tasks and errors; get_run_logs for its log lines."
                       + (links.RunsLine is { } dashboard ? "\n" + dashboard : string.Empty);
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

        var attempts = AttemptTimeline.ForRun(details);
        var taskRows = tasks.Select(t => ToTaskRow(t, stepNames, AttemptsOf(t, attempts), now)).ToList();
        var pending = (details.Shape ?? [])
            .Where(s => s.TaskExternalId is null || s.TaskExternalId == Guid.Empty)
            .Select(s => s.TaskName ?? "(unnamed)")
            .ToList();
        var status = run.Status ?? "UNKNOWN";
        // A run still queued or running has no error of its own yet: a failed task's error belongs to an earlier attempt.
        var runError = !V1TaskStatuses.IsFinal(status) ? null
            : !string.IsNullOrWhiteSpace(run.ErrorMessage)
                ? run.ErrorMessage
                : tasks.Where(t => t.Status == V1TaskStatuses.Failed).Select(t => t.ErrorMessage).FirstOrDefault(e => !string.IsNullOrWhiteSpace(e));
        var created = run.CreatedAt ?? run.Metadata?.CreatedAt;
        var metadata = RunText.MetadataText(run.AdditionalMetadata, output.SecretKeys);
        var input = RunText.PayloadSummary(run.Input, output.SecretKeys);
        var runStarted = TimeText.Meaningful(run.StartedAt);
        var runFinished = TimeText.Meaningful(run.FinishedAt);
        var current = AttemptTimeline.Latest(attempts.Values, status, runFinished)
                      ?? new AttemptFacts(1, EnqueueCause.Creation, created, runStarted, runFinished, null);
        if (current.Number <= 1)
        {
            current = current with { StartedAt = current.StartedAt ?? runStarted, FinishedAt = current.FinishedAt ?? (V1TaskStatuses.IsFinal(status) ? runFinished : null) };
        }

        var earlier = tasks.Count == 1 && attempts.TryGetValue(taskRows[0].Id, out var only)
            ? EarlierErrors(only)
            : [];

        var result = new GetRunResult
        {
            Kind = "run",
            RunId = run.Metadata?.Id ?? id,
            DisplayName = run.DisplayName,
            WorkflowName = workflowName,
            WorkflowId = run.WorkflowId,
            Status = status,
            CreatedAt = TimeText.Iso(created),
            QueuedBy = RunText.CauseName(current.Cause),
            QueuedAt = TimeText.Iso(current.EnqueuedAt),
            StartedAt = TimeText.Iso(current.StartedAt),
            FinishedAt = TimeText.Iso(current.FinishedAt),
            QueuedMs = WaitedMs(current, now),
            DurationMs = RunText.DurationMs(null, current.StartedAt, current.FinishedAt, now),
            Attempt = current.Number,
            Error = ErrorText.FirstLine(runError),
            ErrorSignature = ErrorText.Signature(runError),
            EarlierErrors = earlier.Count == 0 ? null : earlier,
            Metadata = metadata,
            InputSummary = input ?? RunText.NoInput,
            Tasks = taskRows,
            PendingSteps = pending,
            Url = links.Run(run.Metadata?.Id ?? id),
        };

        var header = new List<string>
        {
            $"Run {result.RunId} ({run.DisplayName}) of workflow {workflowName ?? "?"}: {status}",
            RunText.CurrentAttempt(created, status, current, now),
        };
        if (earlier.Count > 0)
        {
            header.Add("Earlier attempts: " + string.Join("; ", earlier.Select(e => RunText.EarlierFailure(e.Attempt, e.Error))));
        }
        if (result.Error is { } error)
        {
            var more = ErrorText.MoreLines(runError);
            header.Add($"Error: {WorkflowText.Fence(error)}{(more > 0 ? $" (+{more} more lines)" : string.Empty)}");
        }

        header.Add("Metadata: " + RunText.MetadataLine(metadata));
        header.Add(RunText.InputLine(input));
        header.Add($"Tasks ({taskRows.Count}):" + (taskRows.Count == 0 ? " none created yet" : string.Empty));
        var tail = new List<string>();
        if (pending.Count > 0)
        {
            // A run that ended before reaching a step will never create its task: "not created yet" would promise it.
            tail.Add((V1TaskStatuses.IsFinal(status) ? "Never created (the run ended before reaching them): " : "Not created yet (waiting on earlier steps): ")
                     + string.Join(", ", pending));
        }

        if (DashboardLinks.Line(result.Url) is { } dashboard)
        {
            tail.Add(dashboard);
        }

        tail.Add(NextStep(result.RunId, status));
        const string narrow = "Call get_run with a task id for one task.";
        var fit = TextBudget.FitRows(
            _ => header,
            taskRows.Select(TaskLine).ToList(),
            ToolResult.RowBytes(taskRows, ToolsJsonContext.Default.TaskRow),
            output.MaxTextBytes - TextBudget.LinesBytes(tail),
            KeepEnd.First,
            (shown, cut) => $"… {cut} more tasks not shown to fit the output budget ({output.MaxTextBytes} bytes). {narrow}");
        if (fit.IsCut)
        {
            result = result with
            {
                Tasks = taskRows.Take(fit.LinesShown).ToList(),
                TasksCut = $"{fit.LinesCut} of {taskRows.Count} tasks left out to fit the output budget ({output.MaxTextBytes} bytes). {narrow}",
            };
        }

        var text = fit.Text + "\n" + string.Join("\n", tail);
        return ToolResult.Create(text, result, ToolsJsonContext.Default.GetRunResult);
    }

    /// <summary>The follow-up that fits the run's status: a replay helps a failure once fixed, or undoes a mistaken cancel.</summary>
    private static string NextStep(Guid runId, string status) => status switch
    {
        V1TaskStatuses.Failed => $"Next: get_run_logs run_id={runId} for log lines; replay_runs to retry once the cause is fixed.",
        V1TaskStatuses.Cancelled => $"Next: get_run_logs run_id={runId} for log lines; replay_runs re-runs it if the cancel was a mistake.",
        _ when V1TaskStatuses.IsFinal(status) => $"Next: get_run_logs run_id={runId} for log lines.",
        _ => $"Next: get_run_logs run_id={runId} for log lines; cancel_runs to stop it.",
    };

    private async Task<CallToolResult> TaskAnswerAsync(Guid id, V1TaskSummary task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var workflowName = !string.IsNullOrWhiteSpace(task.WorkflowName)
            ? task.WorkflowName
            : await WorkflowNameAsync(task.WorkflowId, cancellationToken).ConfigureAwait(false);
        var runId = task.WorkflowRunExternalId ?? id;
        var name = RunText.StepName(task.DisplayName);
        var created = task.CreatedAt ?? task.Metadata?.CreatedAt;
        var metadata = RunText.MetadataText(task.AdditionalMetadata, output.SecretKeys);
        var input = RunText.PayloadSummary(RunText.UserInput(task.Input), output.SecretKeys);
        var status = task.Status ?? "UNKNOWN";
        var attempts = AttemptTimeline.For(task, await TaskEventsAsync(task, cancellationToken).ConfigureAwait(false));
        var current = attempts.Current;
        var row = ToTaskRow(task, new Dictionary<Guid, string>(), attempts, now);

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
            QueuedBy = row.QueuedBy,
            QueuedAt = row.QueuedAt,
            StartedAt = row.StartedAt,
            FinishedAt = row.FinishedAt,
            QueuedMs = row.WaitedMs,
            DurationMs = row.DurationMs,
            Attempt = current.Number,
            Error = row.Error,
            ErrorSignature = row.ErrorSignature,
            EarlierErrors = row.EarlierErrors,
            Metadata = metadata,
            InputSummary = input ?? RunText.NoInput,
            Tasks = [row],
            PendingSteps = [],
            Url = links.Run(task.TaskExternalId ?? task.Metadata?.Id ?? id),
        };

        var lines = new List<string>
        {
            $"Task {name} ({result.TaskId}) of run {runId} (workflow {workflowName ?? "?"}): {status}, attempt {current.Number}",
            RunText.CurrentAttempt(created, status, current, now),
        };
        if (row.EarlierErrors is { } earlier)
        {
            lines.Add("Earlier attempts: " + string.Join("; ", earlier.Select(e => RunText.EarlierFailure(e.Attempt, e.Error))));
        }

        if (row.Error is { } error)
        {
            lines.Add($"Error: {WorkflowText.Fence(error)}" + (row.ErrorMoreLines > 0 ? $" (+{row.ErrorMoreLines} more lines)" : string.Empty));
            lines.Add($"Signature: {WorkflowText.Fence(row.ErrorSignature)}");
        }

        lines.Add("Metadata: " + RunText.MetadataLine(metadata));
        lines.Add(RunText.InputLine(input));
        if (DashboardLinks.Line(result.Url) is { } dashboard)
        {
            lines.Add(dashboard);
        }

        lines.Add($"Next: get_run run_id={runId} for the whole run; get_run_logs run_id={result.TaskId} for this task's log lines.");
        var text = TextBudget.Fit(lines, [], output.MaxTextBytes, KeepEnd.First, "lines", string.Empty).Text;
        return ToolResult.Create(text, result, ToolsJsonContext.Default.GetRunResult);
    }

    /// <summary>
    /// A task's events, for its attempts' timings. Only needed once the task is past its first attempt (before that the
    /// summary says it all); a failure here leaves the answer with the summary's facts rather than failing it.
    /// </summary>
    private async Task<IReadOnlyList<V1TaskEvent>> TaskEventsAsync(V1TaskSummary task, CancellationToken cancellationToken)
    {
        var retry = task.RetryCount ?? (task.Attempt is { } a ? a - 1 : 0);
        if (retry == 0 || (task.TaskExternalId ?? task.Metadata?.Id) is not { } taskId)
        {
            return [];
        }

        try
        {
            return (await client.ListTaskEventsAsync(taskId, cancellationToken).ConfigureAwait(false)).Rows ?? [];
        }
        catch (HatchetApiException)
        {
            return [];
        }
    }

    private async Task<string?> WorkflowNameAsync(Guid? workflowId, CancellationToken cancellationToken)
    {
        if (workflowId is not { } wid || wid == Guid.Empty)
        {
            return null;
        }

        try
        {
            return await workflows.NameAsync(client, wid, cancellationToken).ConfigureAwait(false);
        }
        catch (HatchetApiException)
        {
            // The run itself answered; a missing name is shown as "?" rather than failing the whole answer.
            return null;
        }
    }

    private static RunRow ToRow(V1RunListRow r, DateTimeOffset now, DashboardLinks links)
    {
        var id = r.Metadata?.Id ?? r.WorkflowRunExternalId ?? Guid.Empty;
        var error = r.Status is V1TaskStatuses.Failed or V1TaskStatuses.Cancelled ? RunText.ErrorOf(r) : null;
        var attempt = RowAttempt(r);
        return new RunRow
        {
            Id = id,
            Url = links.Run(id),
            WorkflowName = string.IsNullOrWhiteSpace(r.WorkflowName) ? null : r.WorkflowName,
            Status = r.Status ?? "UNKNOWN",
            CreatedAt = TimeText.Iso(r.CreatedAt ?? r.Metadata?.CreatedAt),
            StartedAt = TimeText.Iso(r.StartedAt),
            FinishedAt = TimeText.Iso(r.FinishedAt),
            DurationMs = RunText.DurationMs(r.Duration, r.StartedAt, r.FinishedAt, now),
            Attempt = attempt,
            Error = ErrorText.FirstLine(error),
            ErrorSignature = ErrorText.Signature(error),
        };
    }

    /// <summary>A run's current attempt as a list row tells it: the task's for a standalone run, the highest child's for a DAG.</summary>
    private static int RowAttempt(V1RunListRow r) =>
        1 + Math.Max(r.RetryCount ?? 0, r.Children is { Count: > 0 } children ? children.Max(c => c.RetryCount ?? 0) : 0);

    private static string RowLine(RunRow run, V1RunListRow source, DateTimeOffset now)
    {
        var created = source.CreatedAt ?? source.Metadata?.CreatedAt;
        var attempt = run.Attempt ?? 1;
        string timeline;
        if (attempt <= 1)
        {
            var first = new AttemptFacts(1, EnqueueCause.Creation, created, source.StartedAt, source.FinishedAt, null);
            timeline = RunText.CurrentAttempt(created, run.Status, first, now);
        }
        else
        {
            // A list row has no events: when this attempt was queued is unknown here, so nothing is counted from creation.
            var createdPart = created is { } c ? $"created {TimeText.Format(c)} ({DurationText.Age(c, now)}); " : string.Empty;
            var state = (source.StartedAt, source.FinishedAt) switch
            {
                ({ } s, { } f) => $"started {TimeText.Format(s)}, ran {DurationText.Format(f - s)}",
                ({ } s, null) => $"started {TimeText.Format(s)}, running for {DurationText.Format(now - s)}",
                (null, { } f) => $"ended {TimeText.Format(f)} without starting",
                (null, null) when run.Status == V1TaskStatuses.Running => "running (start not reported yet)",
                (null, null) => "re-queued, not started yet (get_run shows since when)",
            };
            timeline = $"{createdPart}attempt {attempt}: {state}";
        }

        return $"{run.Id} | {run.Status} | {run.WorkflowName ?? "?"} | {timeline}" + (run.Error is { } e ? $" | error: {WorkflowText.Fence(e)}" : string.Empty);
    }

    private static AttemptTimeline AttemptsOf(V1TaskSummary t, IReadOnlyDictionary<Guid, AttemptTimeline> attempts) =>
        (t.TaskExternalId ?? t.Metadata?.Id) is { } id && attempts.TryGetValue(id, out var found) ? found : AttemptTimeline.For(t, []);

    private static List<AttemptError> EarlierErrors(AttemptTimeline attempts) =>
        attempts.EarlierFailures.Select(a => new AttemptError { Attempt = a.Number, Error = ErrorText.FirstLine(a.Error) ?? a.Error! }).ToList();

    private static long? WaitedMs(AttemptFacts attempt, DateTimeOffset now) =>
        attempt.EnqueuedAt is { } q
            ? (long)((attempt.StartedAt ?? (attempt.FinishedAt is null ? now : q)) - q).TotalMilliseconds
            : null;

    private static TaskRow ToTaskRow(V1TaskSummary t, IReadOnlyDictionary<Guid, string> stepNames, AttemptTimeline attempts, DateTimeOffset now)
    {
        var id = t.TaskExternalId ?? t.Metadata?.Id ?? Guid.Empty;
        var current = attempts.Current;
        var error = current.Error;
        var earlier = EarlierErrors(attempts);
        return new TaskRow
        {
            Id = id,
            Name = stepNames.TryGetValue(id, out var step) ? step : RunText.StepName(t.DisplayName),
            Status = t.Status ?? "UNKNOWN",
            Attempt = current.Number,
            QueuedBy = RunText.CauseName(current.Cause),
            QueuedAt = TimeText.Iso(current.EnqueuedAt),
            WaitedMs = WaitedMs(current, now),
            StartedAt = TimeText.Iso(current.StartedAt),
            FinishedAt = TimeText.Iso(current.FinishedAt),
            DurationMs = RunText.DurationMs(current.StartedAt == TimeText.Meaningful(t.StartedAt) ? t.Duration : null, current.StartedAt, current.FinishedAt, now),
            Error = ErrorText.FirstLine(error),
            ErrorSignature = ErrorText.Signature(error),
            ErrorMoreLines = ErrorText.MoreLines(error),
            EarlierErrors = earlier.Count == 0 ? null : earlier,
        };
    }

    private static string TaskLine(TaskRow t)
    {
        var parts = new List<string> { $"  {t.Name} | {t.Id} | {t.Status}" };
        if (t.Attempt is { } a)
        {
            parts.Add(t.QueuedBy is "retry" or "replay" ? $"attempt {a} ({t.QueuedBy})" : $"attempt {a}");
        }

        if (t.StartedAt is null && t.FinishedAt is null && t.WaitedMs is { } waited)
        {
            parts.Add(t.Status == V1TaskStatuses.Running ? "running (start not reported yet)" : $"waiting {DurationText.FromMilliseconds(waited)}");
        }
        else if (t.StartedAt is not null && t.WaitedMs is { } queued)
        {
            parts.Add($"queued {DurationText.FromMilliseconds(queued)}");
        }

        if (t.DurationMs is { } ms)
        {
            parts.Add((t.FinishedAt is null ? "running " : "ran ") + DurationText.FromMilliseconds(ms));
        }

        if (t.Error is { } e)
        {
            parts.Add($"error: {WorkflowText.Fence(e)}" + (t.ErrorSignature is { } sig && sig != e ? $" sig: {WorkflowText.Fence(sig)}" : string.Empty));
        }

        if (t.EarlierErrors is { } earlier)
        {
            parts.Add(string.Join("; ", earlier.Select(x => RunText.EarlierFailure(x.Attempt, x.Error))));
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

        header.Add($"This page ({CountText.Of(shown.Count, "run")}): " + RunText.StatusCounts(shown.Select(r => r.Status)) + ".");
        var groups = shown.Where(r => r.ErrorSignature is not null)
            .GroupBy(r => r.ErrorSignature!)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (groups.Count > 0)
        {
            const int Listed = 3;
            var listed = string.Join(" ; ", groups.Take(Listed).Select(g => $"{g.Count()}× {WorkflowText.Fence(g.First().Error)}"));
            var rest = groups.Skip(Listed).ToList();
            var more = rest.Count == 0
                ? string.Empty
                : $" ; +{CountText.Of(rest.Count, "more signature")} ({CountText.Of(rest.Sum(g => g.Count()), "run")}) not listed";
            header.Add($"Top errors on this page ({CountText.Of(shown.Count, "run")} shown): {listed}{more}");
        }

        return header;
    }

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
