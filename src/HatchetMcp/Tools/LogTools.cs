using System.ComponentModel;
using HatchetMcp.Hatchet;
using HatchetMcp.Arguments;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>get_run_logs: the log lines of a task, or of every task of a run, newest kept when cut.</summary>
[McpServerToolType]
public sealed class LogTools(IHatchetClient client, ToolOutputOptions output, TimeProvider time, DashboardLinks links)
{
    public const int MaxLimit = 1000;
    private const int DefaultLimit = 200;
    private const int MaxMessageChars = 600;
    private const int PerTaskConcurrency = 4;

    [McpServerTool(Name = "get_run_logs", Title = "Get log lines of a run or task", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(GetRunLogsResult))]
    [Description("Shows the log lines of one task (given a task id) or of every task of a run (given a run id), oldest " +
                 "first, each with time, level, task and attempt. Filter by levels, a search text and a time window. When " +
                 "there are more lines than the limit it keeps the NEWEST and says how many older lines were left out and " +
                 "how to reach them; consecutive repeated lines are collapsed into one with a count (×N). Use it after get_run " +
                 "to see why a task failed. Next: replay_runs once the cause is fixed.")]
    public async Task<CallToolResult> GetRunLogs(
        [Description("Run id (lines of all its tasks) or task id (lines of that task), a UUID from list_runs or get_run.")] string run_id,
        [Description("Only these levels: DEBUG, INFO, WARN, ERROR (case-insensitive). Default all.")] string[]? levels = null,
        [Description("Only lines containing this text (literal, any case).")] string? search = null,
        [Description("Only lines after this time: ISO 8601 (2026-11-24T09:00:00Z) or a duration back from now (90m, 24h, 7d).")] string? since = null,
        [Description("Only lines before this time, same forms as since.")] string? until = null,
        [Description("Most lines to return, 1 to 1000 (the newest are kept). Default 200.")] int? limit = null,
        [Description("Only lines of this attempt of each task (1 = first try). Default all attempts.")] int? attempt = null,
        CancellationToken cancellationToken = default)
    {
        var id = ToolArguments.Uuid(run_id, "run_id");
        var levelFilter = ToolArguments.LogLevels(levels);
        var searchText = ToolArguments.Text(search, "search", 200);
        var now = time.GetUtcNow();
        DateTimeOffset? from = string.IsNullOrWhiteSpace(since) ? null : TimeWindow.TimePoint(since, "since", now);
        DateTimeOffset? to = string.IsNullOrWhiteSpace(until) ? null : TimeWindow.TimePoint(until, "until", now);
        if (from is { } f0 && to is { } t0 && t0 <= f0)
        {
            throw new McpException($"until ({TimeText.Iso(t0)}) must be later than since ({TimeText.Iso(f0)}).");
        }

        var maxLines = ToolArguments.Bounded(limit, "limit", 1, MaxLimit, DefaultLimit);
        int? attemptFilter = attempt is null ? null : ToolArguments.Bounded(attempt, "attempt", 1, 1000, 1);

        return await ToolErrors.Guard(async () =>
        {
            var lookup = await client.GetRunAsync(id, cancellationToken).ConfigureAwait(false);
            var (scope, runId, tasks) = Targets(id, lookup);

            // Fetch more than asked, newest first, so the answer can say exactly how many older lines it left out.
            var fetchCap = Math.Min(LogQuery.MaxLimit, Math.Max(maxLines * 5, 1000));
            var query = new LogQuery
            {
                Limit = fetchCap,
                Since = from,
                Until = to,
                Search = searchText is null ? null : LogSearchText.Literal(searchText),
                Levels = levelFilter.Count == 0 ? null : levelFilter,
                NewestFirst = true,
                Attempt = attemptFilter,
            };
            var fetched = tasks.Count == 0 ? [] : await FetchAsync(tasks.Keys.ToList(), query, cancellationToken).ConfigureAwait(false);

            var newestFirst = fetched
                .OrderByDescending(l => l.CreatedAt ?? DateTimeOffset.MinValue)
                .Take(fetchCap)
                .ToList();
            var kept = newestFirst.Take(maxLines).Reverse().ToList();
            var olderCut = newestFirst.Count - kept.Count;
            var cutIsLowerBound = fetched.Count >= fetchCap;

            var multiTask = tasks.Count > 1;
            var multiAttempt = kept.Select(l => l.Attempt ?? (l.RetryCount + 1)).Distinct().Count() > 1;
            var collapsed = RepeatCollapse.Collapse(kept, l => $"{l.Level}|{l.TaskExternalId}|{l.Attempt}|{l.Message}");
            var rows = collapsed.Select(r => ToRow(r, tasks)).ToList();
            var sameDay = kept.Select(l => l.CreatedAt?.UtcDateTime.Date).Distinct().Count() <= 1;
            var body = rows.Select((r, i) => Line(r, collapsed[i], multiTask, multiAttempt, sameDay)).ToList();
            var lowerBound = cutIsLowerBound && olderCut > 0;
            var filters = Filters(levelFilter, searchText, from, to);
            // The page of what the lines belong to: the task when one task was asked for, else the run.
            var url = links.Run(scope == "task" && tasks.Count == 1 ? tasks.Keys.First() : runId);

            // Lines of the newest `shown` rows (a collapsed row stands for several lines).
            int ShownLines(int shown) => rows.Skip(rows.Count - shown).Sum(r => r.Repeat);
            string? UntilFor(int shown) => shown == 0 ? null : collapsed[rows.Count - shown].First.CreatedAt is { } t ? TimeText.IsoExact(t) : null;
            string? OlderNote(int shown)
            {
                var byBudget = kept.Count - ShownLines(shown);
                if (olderCut + byBudget == 0)
                {
                    return null;
                }

                var why = byBudget == 0 ? $"limit {maxLines}"
                    : olderCut == 0 ? $"to fit the output budget of {output.MaxTextBytes} bytes"
                    : $"{olderCut} beyond limit {maxLines}, {byBudget} to fit the output budget of {output.MaxTextBytes} bytes";
                var until = UntilFor(shown);
                return $"… {(lowerBound ? "at least " : string.Empty)}{olderCut + byBudget} older lines left out ({why}), newest kept. " +
                       "To see them: " + (until is not null ? $"until={until}, " : string.Empty) +
                       (byBudget == 0 && maxLines < MaxLimit ? $"a larger limit (max {MaxLimit}), " : string.Empty) +
                       "or narrow with levels (e.g. [\"ERROR\",\"WARN\"]), search or since.";
            }

            List<string> HeaderFor(int shown)
            {
                var shownLines = kept.Skip(kept.Count - ShownLines(shown)).ToList();
                var header = new List<string> { Header(scope, runId, tasks, filters, shownLines, shown) };
                if (DashboardLinks.Line(url) is { } dashboard)
                {
                    header.Add(dashboard);
                }

                if (shown == rows.Count && OlderNote(shown) is { } note)
                {
                    header.Add(note);
                }

                return header;
            }

            var fit = TextBudget.FitRows(HeaderFor, body, ToolResult.RowBytes(rows, ToolsJsonContext.Default.LogRow),
                output.MaxTextBytes, KeepEnd.Last, (shown, _) => OlderNote(shown) ?? string.Empty);
            var shownRows = fit.LinesShown;
            var budgetCut = kept.Count - ShownLines(shownRows);
            var result = new GetRunLogsResult
            {
                Scope = scope,
                RunId = runId,
                TaskIds = tasks.Keys.ToList(),
                Levels = levelFilter,
                Search = searchText,
                Since = TimeText.Iso(from),
                Until = TimeText.Iso(to),
                Limit = maxLines,
                LinesReturned = kept.Count - budgetCut,
                OlderLinesCut = olderCut + budgetCut,
                OlderLinesCutIsLowerBound = lowerBound,
                OlderLinesUntil = olderCut + budgetCut > 0 ? UntilFor(shownRows) : null,
                Cut = OlderNote(shownRows)?.TrimStart('…', ' '),
                Lines = fit.IsCut ? rows.Skip(rows.Count - shownRows).ToList() : rows,
                Url = url,
            };

            return ToolResult.Create(fit.Text, result, ToolsJsonContext.Default.GetRunLogsResult);
        }).ConfigureAwait(false);
    }

    /// <summary>The tasks whose lines to read, with readable names.</summary>
    private static (string Scope, Guid RunId, Dictionary<Guid, string> Tasks) Targets(Guid id, RunLookupResult lookup)
    {
        if (lookup.Kind == RunLookupKind.Task && lookup.Task is { } task)
        {
            var taskId = task.TaskExternalId ?? task.Metadata?.Id ?? id;
            return ("task", task.WorkflowRunExternalId ?? id, new Dictionary<Guid, string> { [taskId] = RunText.StepName(task.DisplayName) });
        }

        var details = lookup.Run ?? new V1WorkflowRunDetails();
        var names = (details.Shape ?? [])
            .Where(s => s.TaskExternalId is { } t && t != Guid.Empty && s.TaskName is not null)
            .GroupBy(s => s.TaskExternalId!.Value)
            .ToDictionary(g => g.Key, g => g.First().TaskName!);
        var tasks = new Dictionary<Guid, string>();
        foreach (var t in details.Tasks ?? [])
        {
            if ((t.TaskExternalId ?? t.Metadata?.Id) is { } tid && tid != Guid.Empty)
            {
                tasks[tid] = names.TryGetValue(tid, out var n) ? n : RunText.StepName(t.DisplayName);
            }
        }

        return ("run", details.Run?.Metadata?.Id ?? id, tasks);
    }

    private async Task<IReadOnlyList<V1LogLine>> FetchAsync(IReadOnlyList<Guid> taskIds, LogQuery query, CancellationToken cancellationToken)
    {
        if (taskIds.Count == 1)
        {
            return (await client.ListTaskLogsAsync(taskIds[0], query, cancellationToken).ConfigureAwait(false)).Rows ?? [];
        }

        try
        {
            return (await client.ListLogsAsync(taskIds, query, cancellationToken).ConfigureAwait(false)).Rows ?? [];
        }
        catch (HatchetApiException e) when (e.Kind is HatchetErrorKind.NotFound or HatchetErrorKind.BadRequest)
        {
            // Servers without the tenant logs endpoint: read each task's lines and merge them by time.
            using var gate = new SemaphoreSlim(PerTaskConcurrency);
            var perTask = await Task.WhenAll(taskIds.Select(async taskId =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return (await client.ListTaskLogsAsync(taskId, query, cancellationToken).ConfigureAwait(false)).Rows ?? [];
                }
                finally
                {
                    gate.Release();
                }
            })).ConfigureAwait(false);
            return perTask.SelectMany(rows => rows).ToList();
        }
    }

    private static LogRow ToRow(RepeatedRun<V1LogLine> run, IReadOnlyDictionary<Guid, string> tasks)
    {
        var line = run.First;
        var task = line.TaskExternalId is { } tid && tasks.TryGetValue(tid, out var n) ? n : RunText.StepName(line.TaskDisplayName);
        return new LogRow
        {
            At = TimeText.IsoExact(line.CreatedAt),
            Level = line.Level,
            Task = task,
            TaskId = line.TaskExternalId,
            Attempt = line.Attempt ?? (line.RetryCount is { } rc ? rc + 1 : null),
            Message = ValueSummary.Clip((line.Message ?? string.Empty).ReplaceLineEndings(" ⏎ ").Trim(), MaxMessageChars),
            Repeat = run.Count,
            LastAt = run.Count > 1 ? TimeText.IsoExact(run.Last.CreatedAt) : null,
        };
    }

    private static string Line(LogRow row, RepeatedRun<V1LogLine> run, bool multiTask, bool multiAttempt, bool sameDay)
    {
        var at = run.First.CreatedAt is { } t ? (sameDay ? TimeText.FormatClock(t) : TimeText.Format(t)) : "?";
        var tag = multiTask || multiAttempt
            ? $" [{(multiTask ? row.Task : string.Empty)}{(multiAttempt && row.Attempt is { } a ? $"#{a}" : string.Empty)}]"
            : string.Empty;
        var repeat = run.Count > 1
            ? $" ×{run.Count}" + (run.Last.CreatedAt is { } last ? $" (until {TimeText.FormatClock(last)})" : string.Empty)
            : string.Empty;
        return $"{at} {(row.Level ?? "INFO"),-5}{tag} {WorkflowText.Fence(row.Message)}{repeat}";
    }

    private static List<string> Filters(IReadOnlyList<string> levels, string? search, DateTimeOffset? since, DateTimeOffset? until)
    {
        var filters = new List<string>();
        if (levels.Count > 0)
        {
            filters.Add("levels " + string.Join("/", levels));
        }

        if (search is { } s)
        {
            filters.Add($"containing '{s}'");
        }

        if (since is { } from)
        {
            filters.Add("after " + TimeText.Iso(from));
        }

        if (until is { } to)
        {
            filters.Add("before " + TimeText.Iso(to));
        }

        return filters;
    }

    private static string Header(string scope, Guid runId, IReadOnlyDictionary<Guid, string> tasks, IReadOnlyList<string> filters,
        IReadOnlyList<V1LogLine> shown, int shownRows)
    {
        var subject = scope == "task"
            ? $"Logs of task {tasks.Keys.FirstOrDefault()} (run {runId})"
            : $"Logs of run {runId} ({CountText.Of(tasks.Count, "task")})";
        var span = shown.Count > 0 && shown[0].CreatedAt is { } first && shown[^1].CreatedAt is { } last
            ? $", {TimeText.Format(first)} to {TimeText.Format(last)}"
            : string.Empty;
        var count = tasks.Count == 0
            ? "no tasks yet, so no lines"
            : shown.Count == 0
                ? "no lines" + (filters.Count > 0 ? " match; widen the filters" : string.Empty)
                : $"{CountText.Of(shown.Count, "line")} shown{span}" +
                  (shownRows < shown.Count ? $" ({shown.Count - shownRows} repeats collapsed)" : string.Empty);
        return $"{subject}{(filters.Count > 0 ? " " + string.Join(", ", filters) : string.Empty)}: {count}.";
    }
}
