using System.ComponentModel;
using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using HatchetMcp.Arguments;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>search_logs: Hatchet's tenant-wide log search, grouped by workflow and task name.</summary>
[McpServerToolType]
public sealed class LogSearchTools(IHatchetClient client, ToolOutputOptions output, TimeProvider time, WorkflowCatalog workflows, DashboardLinks links,
    FetchGate gate)
{
    private const int DefaultLimit = 1000;
    private const int MinTextChars = 2;
    private const int MaxTextChars = 200;
    private const int SampleChars = 160;
    private const int RunIdsPerGroup = 3;

    private static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);

    [McpServerTool(Name = "search_logs", Title = "Search log lines across the tenant", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(SearchLogsResult))]
    [Description("Searches every task's log lines in a window (default 24h) for a text, matched literally in any case. " +
                 "Groups matches by workflow and task: line counts, first/last seen, a sample line, run ids to open. " +
                 "Filter by workflow, task name, levels. Use it for 'which tasks logged this, how often'. Next: get_run or " +
                 "get_run_logs with a run id.")]
    public async Task<CallToolResult> SearchLogs(
        [Description("Text to find, 2 to 200 characters; % and _ are literal.")] string text,
        [Description("Start of the window: ISO 8601 time or a duration back from now (90m, 24h, 7d). Default 24h.")] string? since = null,
        [Description("End of the window, same forms. Default now.")] string? until = null,
        [Description("Only this workflow, by name or id.")] string? workflow = null,
        [Description("Only tasks with this name (as get_run shows it).")] string? task = null,
        [Description("Only these levels: DEBUG, INFO, WARN, ERROR. Default all.")] string[]? levels = null,
        [Description("Most matching lines to scan, newest first, 1 to 10000. Default 1000.")] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var needle = ToolArguments.Text(text, "text", MaxTextChars);
        if (needle is null || needle.Length < MinTextChars)
        {
            throw new McpException($"text must be {MinTextChars} to {MaxTextChars} characters of text to find (matched literally, any case), e.g. \"billing_country\".");
        }

        var now = time.GetUtcNow();
        var window = TimeWindow.Parse(since, until, now, DefaultWindow);
        var levelFilter = ToolArguments.LogLevels(levels);
        var taskName = ToolArguments.Text(task, "task", MaxTextChars);
        var workflowText = ToolArguments.Text(workflow, "workflow", 300);
        var scanLimit = ToolArguments.Bounded(limit, "limit", 1, LogQuery.MaxLimit, DefaultLimit);

        return await ToolErrors.Guard(async () =>
        {
            var resolved = workflowText is null ? null
                : await new WorkflowResolver(client, workflows).ResolveAsync(workflowText, "workflow", cancellationToken).ConfigureAwait(false);
            var query = new LogQuery
            {
                Limit = scanLimit,
                Since = window.Since,
                Until = window.Until,
                Search = LogSearchText.Literal(needle),
                Levels = levelFilter.Count == 0 ? null : levelFilter,
                NewestFirst = true,
                WorkflowIds = resolved is null ? null : [resolved.Id],
            };
            var scanned = (await client.ListLogsAsync([], query, cancellationToken).ConfigureAwait(false)).Rows ?? [];

            // Hatchet has no task-name filter on this endpoint: the task name is matched here, on the lines read.
            var lines = taskName is null ? scanned : scanned.Where(l => IsTask(l, taskName)).ToList();
            var owners = await OwnersAsync(lines, resolved, cancellationToken).ConfigureAwait(false);
            var groups = Group(lines, owners, needle);
            var unattributed = lines.Count(l => l.TaskExternalId is not { } id || !owners.ContainsKey(id));
            var moreMayExist = scanned.Count >= scanLimit;

            var filters = Filters(window, resolved, taskName, levelFilter);
            var scannedTasks = scanned.Select(l => RunText.StepName(l.TaskDisplayName)).Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal).ToList();
            var body = groups.Select(GroupLine).ToList();
            const string narrow = "Narrow with workflow, task, levels or a shorter since/until.";
            string? CutFor(int shown)
            {
                var notes = new List<string>();
                if (moreMayExist)
                {
                    notes.Add($"older matching lines beyond the newest {scanLimit} were not scanned: " +
                              (scanLimit < LogQuery.MaxLimit ? $"raise limit (max {LogQuery.MaxLimit}) or " : string.Empty) +
                              $"pass until={TimeText.IsoExact(scanned[^1].CreatedAt)} or narrow the window");
                }

                if (unattributed > 0)
                {
                    notes.Add($"{CountText.Of(unattributed, "line")} could not be attributed to a workflow and run " +
                              $"(their tasks were neither in the {TaskOwners.ListPage} newest tasks of that span nor among the {TaskOwners.MaxLookups} looked up one by one): narrow with workflow, task or a shorter window");
                }

                if (shown < groups.Count)
                {
                    var hidden = groups.Skip(shown).ToList();
                    notes.Add($"{CountText.Of(hidden.Count, "group")} ({CountText.Of(hidden.Sum(g => g.Lines), "line")}) not shown " +
                              $"to fit the output budget ({output.MaxTextBytes} bytes). {narrow}");
                }

                return notes.Count == 0 ? null : string.Join("; ", notes) + ".";
            }

            var dashboard = groups.Any(g => g.RunIds.Count > 0) ? links.RunsLine : null;
            var fit = TextBudget.FitRows(
                shown => dashboard is null
                    ? [Header(needle, filters, lines.Count, scanned.Count, taskName, scannedTasks, moreMayExist, groups, shown)]
                    : [Header(needle, filters, lines.Count, scanned.Count, taskName, scannedTasks, moreMayExist, groups, shown), dashboard],
                body,
                ToolResult.RowBytes(groups, ToolsJsonContext.Default.LogMatchGroup),
                output.MaxTextBytes,
                KeepEnd.First,
                (shown, _) => "… " + CutFor(shown));
            var cut = CutFor(fit.LinesShown);
            var text = fit.Text;
            if (!fit.IsCut && cut is not null)
            {
                text += "\n… " + cut;
            }

            var result = new SearchLogsResult
            {
                Text = needle,
                Since = TimeText.Iso(window.Since),
                Until = TimeText.Iso(window.Until),
                WorkflowId = resolved?.Id,
                WorkflowName = resolved?.Name,
                Task = taskName,
                Levels = levelFilter,
                Limit = scanLimit,
                LinesScanned = scanned.Count,
                MoreMayExist = moreMayExist,
                LinesMatched = lines.Count,
                Unattributed = unattributed,
                Cut = cut,
                Groups = fit.IsCut ? groups.Take(fit.LinesShown).ToList() : groups,
                RunUrl = links.RunTemplate,
            };
            return ToolResult.Create(text, result, ToolsJsonContext.Default.SearchLogsResult);
        }).ConfigureAwait(false);
    }

    private static bool IsTask(V1LogLine line, string name) =>
        string.Equals(RunText.StepName(line.TaskDisplayName), name, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(line.TaskDisplayName, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The workflow (named) and run of the tasks that logged. Tasks are ordered newest first, one of each task name in
    /// turn, so the bounded single lookups spread over every task name rather than the busiest one.
    /// </summary>
    private async Task<Dictionary<Guid, (string? Workflow, Guid RunId)>> OwnersAsync(IReadOnlyList<V1LogLine> lines,
        ResolvedWorkflow? workflow, CancellationToken cancellationToken)
    {
        var taskIds = lines.Where(l => l.TaskExternalId is not null)
            .DistinctBy(l => l.TaskExternalId)
            .GroupBy(l => RunText.StepName(l.TaskDisplayName))
            .SelectMany(g => g.Select((l, turn) => (Id: l.TaskExternalId!.Value, Turn: turn)))
            .OrderBy(t => t.Turn)
            .Select(t => t.Id)
            .ToList();
        var times = lines.Select(l => l.CreatedAt).OfType<DateTimeOffset>().ToList();
        if (taskIds.Count == 0 || times.Count == 0)
        {
            return [];
        }

        var found = await new TaskOwners(client, gate).FindAsync(taskIds, times.Min(), times.Max(), workflow?.Id, cancellationToken).ConfigureAwait(false);
        var named = new Dictionary<Guid, (string? Workflow, Guid RunId)>();
        foreach (var (id, owner) in found)
        {
            var name = owner.Workflow ?? (workflow is not null && owner.WorkflowId == workflow.Id ? workflow.Name : null) ??
                       (owner.WorkflowId is { } wf ? await workflows.NameAsync(client, wf, cancellationToken).ConfigureAwait(false) : null);
            named[id] = (name, owner.RunId);
        }

        return named;
    }

    private static List<LogMatchGroup> Group(IReadOnlyList<V1LogLine> lines, IReadOnlyDictionary<Guid, (string? Workflow, Guid RunId)> owners, string needle)
    {
        // Lines arrive newest first, so each group's first line is its newest.
        return lines
            .GroupBy(l => (Workflow: l.TaskExternalId is { } id && owners.TryGetValue(id, out var o) ? o.Workflow : null,
                Task: RunText.StepName(l.TaskDisplayName)))
            .Select(g =>
            {
                var newest = g.First();
                var times = g.Select(l => l.CreatedAt).OfType<DateTimeOffset>().ToList();
                var runs = g.Select(l => l.TaskExternalId is { } id && owners.TryGetValue(id, out var o) ? o.RunId : (Guid?)null)
                    .OfType<Guid>().Distinct().ToList();
                return new LogMatchGroup
                {
                    Workflow = g.Key.Workflow,
                    Task = g.Key.Task,
                    Lines = g.Count(),
                    Tasks = g.Select(l => l.TaskExternalId).Distinct().Count(),
                    Levels = g.GroupBy(l => l.Level ?? "INFO").OrderBy(x => x.Key, StringComparer.Ordinal)
                        .ToDictionary(x => x.Key, x => x.Count()),
                    FirstSeen = times.Count == 0 ? null : TimeText.Iso(times.Min()),
                    LastSeen = times.Count == 0 ? null : TimeText.Iso(times.Max()),
                    Sample = Excerpt(newest.Message ?? string.Empty, needle),
                    SampleLevel = newest.Level,
                    RunIds = runs.Take(RunIdsPerGroup).ToList(),
                    Runs = runs.Count,
                };
            })
            .OrderBy(g => g.Workflow is null)
            .ThenByDescending(g => g.Lines)
            .ThenBy(g => g.Workflow, StringComparer.Ordinal)
            .ThenBy(g => g.Task, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The line on one row, clipped so that the matched text stays in view (a traceback matches at its end).</summary>
    internal static string Excerpt(string message, string needle)
    {
        var flat = message.ReplaceLineEndings(" ⏎ ").Trim();
        var at = flat.IndexOf(needle, StringComparison.OrdinalIgnoreCase);
        if (at < 0 || at + needle.Length <= SampleChars - 1)
        {
            return ValueSummary.Clip(flat, SampleChars);
        }

        var start = Math.Max(0, at - SampleChars / 3);
        return "…" + ValueSummary.Clip(flat[start..], SampleChars - 1);
    }

    private static string GroupLine(LogMatchGroup g)
    {
        var levels = string.Join(" ", g.Levels.Select(kv => $"{kv.Key}×{kv.Value}"));
        var span = g.FirstSeen == g.LastSeen ? $"at {g.LastSeen}" : $"{g.FirstSeen} to {g.LastSeen}";
        var runs = g.RunIds.Count == 0 ? "run unknown"
            : "runs " + string.Join(", ", g.RunIds) + (g.Runs > g.RunIds.Count ? $" (+{g.Runs - g.RunIds.Count} more)" : string.Empty);
        return $"{g.Workflow ?? "(workflow not attributed)"} / {g.Task}: {CountText.Of(g.Lines, "line")} in {CountText.Of(g.Tasks, "task run")} " +
               $"({levels}), {span}; {runs}; newest: {WorkflowText.Fence(g.Sample)}";
    }

    private static List<string> Filters(TimeWindow window, ResolvedWorkflow? workflow, string? task, IReadOnlyList<string> levels)
    {
        var filters = new List<string> { $"{TimeText.Iso(window.Since)} to {(window.Until is { } u ? TimeText.Iso(u) : "now")}" };
        if (workflow is not null)
        {
            filters.Add("workflow " + (workflow.Name ?? workflow.Id.ToString()));
        }

        if (task is not null)
        {
            filters.Add("task " + task);
        }

        if (levels.Count > 0)
        {
            filters.Add("levels " + string.Join("/", levels));
        }

        return filters;
    }

    private static string Header(string needle, IReadOnlyList<string> filters, int matched, int scanned, string? task,
        IReadOnlyList<string> scannedTasks, bool moreMayExist, IReadOnlyList<LogMatchGroup> groups, int shown)
    {
        var subject = $"Log lines containing \"{needle}\" (literal, any case), {string.Join(", ", filters)}";
        if (matched == 0 && task is not null && scannedTasks.Count > 0)
        {
            return $"{subject}: none of the {CountText.Of(scanned, "matching line")} read is of a task named \"{task}\"; " +
                   $"they are of {string.Join(", ", scannedTasks.Take(10))}{(scannedTasks.Count > 10 ? $" and {scannedTasks.Count - 10} more task names" : string.Empty)}.";
        }

        if (matched == 0)
        {
            return $"{subject}: no lines match" + (moreMayExist ? $" among the newest {scanned} scanned." : " in the window.") +
                   " Widen since/until, drop filters, or try a shorter text.";
        }

        var count = moreMayExist
            ? $"{CountText.Of(matched, "line")} matched (scanned the newest {scanned} matching lines; more may exist: narrow the window)"
            : $"{CountText.Of(matched, "line")} matched in the window";
        if (task is not null)
        {
            count += $" (task name filtered here: {matched} of the {scanned} lines read)";
        }

        var workflowsCount = groups.Select(g => g.Workflow).OfType<string>().Distinct().Count();
        var shownNote = shown < groups.Count ? $", {shown} shown" : string.Empty;
        return $"{subject}: {count}, in {CountText.Of(groups.Count, "group")} across {CountText.Of(workflowsCount, "named workflow")}{shownNote}. " +
               "Next: get_run_logs with a run id for the lines around a match.";
    }
}
