using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;

namespace HatchetMcp.Tools;

/// <summary>
/// diagnose_run's one result model and its text, from the run's diagnosis and, when read, the workflow's history and
/// the run's progress blockers. Each section renders one finding; a section whose finding is absent is left out.
/// </summary>
internal static class RunDiagnosisAnswer
{
    /// <summary>Attempts listed per failing task (the newest are kept: they are the ones that matter now).</summary>
    public const int MaxAttemptsShown = 6;

    /// <summary>Failing tasks listed (a wide DAG can fail in many places; the count says how many).</summary>
    public const int MaxTasksShown = 3;

    private const int MaxLogLineChars = 200;

    public static (DiagnoseRunResult Result, List<string> Lines) Build(RunDiagnosis diagnosis, WorkflowFare? history,
        RunBlockers? blockers, DateTimeOffset now)
    {
        var run = diagnosis.Run;
        var version = Ref(run.Version);
        var lines = new List<string>
        {
            $"{(run.RequestedTaskId is { } tid ? $"Task {tid} of run {run.RunId}" : $"Run {run.RunId}")} of workflow {run.WorkflowName ?? "?"}: {run.Status}" +
            (run.Version is { } v ? $", version {VersionText.Of(v)}" : string.Empty),
        };

        var notes = run.Notes.ToList();
        if (diagnosis.ExcerptNote is { } excerptNote)
        {
            notes.Add(excerptNote);
        }

        var result = new DiagnoseRunResult
        {
            RunId = run.RunId,
            TaskId = run.RequestedTaskId,
            WorkflowName = run.WorkflowName,
            WorkflowId = run.WorkflowId,
            Status = run.Status,
            Version = version,
        };

        switch (diagnosis.Kind)
        {
            case DiagnosisKind.Failed or DiagnosisKind.Cancelled:
                result = Failure(diagnosis, history, version, now, lines, result);
                break;
            case DiagnosisKind.Completed:
                result = result with { Timings = Timings(run, now, lines) };
                break;
            default:
                if (blockers is null && run.LatestAttempt is { } current)
                {
                    lines.Add("Now: " + RunText.CurrentAttempt(run.CreatedAt, run.Status, current, now));
                }

                if (blockers is not null)
                {
                    result = result with { Blockers = Blocked(blockers, lines, now) };
                    notes.AddRange(blockers.Notes);
                }

                break;
        }

        if (notes.Count > 0)
        {
            lines.Add("Not read: " + string.Join("; ", notes) + ".");
            result = result with { Notes = notes };
        }

        lines.Add(NextStep(run, diagnosis.Kind));
        return (result, lines);
    }

    private static List<BlockedTask> Blocked(RunBlockers blockers, List<string> lines, DateTimeOffset now)
    {
        var tasks = blockers.Tasks.Select(t => new BlockedTask
        {
            TaskId = t.Task.TaskId,
            Name = t.Task.TaskName is { } n ? RunText.StepName(n) : null,
            Status = t.Task.Status,
            Attempt = t.Attempt,
            Since = TimeText.Iso(t.Since),
            QueuedAhead = t.QueuedAhead,
            QueueDepth = t.QueueDepth,
            Causes = t.Causes.Select(c => new BlockerResult
            {
                Kind = BlockerText.Code(c.Kind),
                Detail = BlockerText.Describe(c, now),
                Workers = c.Workers.Count == 0 ? null : c.Workers,
                RateLimits = c.RateLimits.Count == 0 ? null : c.RateLimits.Select(r => r.Key).ToList(),
            }).ToList(),
        }).ToList();
        lines.Add(tasks.Count == 0
            ? "Why it is not progressing: no QUEUED or RUNNING task to explain."
            : "Why it is not progressing (checked against live state; each cause says what it rests on):");
        foreach (var (task, source) in tasks.Zip(blockers.Tasks))
        {
            var wait = source.Since is { } since
                ? $"{(task.Status == V1TaskStatuses.Queued ? "waiting" : "running")} {DurationText.Format(now - since)} (attempt {task.Attempt}, since {TimeText.Format(since)})"
                : $"attempt {task.Attempt}";
            var queue = task.QueuedAhead is { } ahead ? $"; {CountText.Of(ahead, "task")} ahead in its queue" : string.Empty;
            queue += task.QueueDepth is { } depth ? $" (queue depth {depth})" : string.Empty;
            lines.Add($"  {task.Name ?? "task"} ({task.TaskId}) {task.Status}, {wait}{queue}:");
            lines.AddRange(task.Causes.Select(c => "    " + c.Detail));
        }

        return tasks;
    }

    private static DiagnoseRunResult Failure(RunDiagnosis diagnosis, WorkflowFare? history, VersionRef? version,
        DateTimeOffset now, List<string> lines, DiagnoseRunResult result)
    {
        var run = diagnosis.Run;
        var failing = diagnosis.FailingTasks.Take(MaxTasksShown).Select(t => FailingTaskOf(run, t, now)).ToList();
        var noun = diagnosis.Kind == DiagnosisKind.Failed ? "Failed" : "Cancelled";
        if (failing.Count == 0)
        {
            lines.Add($"{noun} tasks: none reported (the run's tasks: {RunText.StatusCounts(run.Tasks.Select(t => t.Status))}).");
        }

        foreach (var task in failing)
        {
            var all = diagnosis.FailingTasks.First(t => t.Id == task.Id);
            var total = all.Attempts.Earlier.Count(a => a.Number > 0) + 1;
            lines.Add($"{noun} task {task.Name} ({task.Id}): {CountText.Of(total, "attempt")}" +
                      (task.Attempts.Count < total ? $" (the last {task.Attempts.Count} shown)" : string.Empty));
            lines.AddRange(task.Attempts.Select(a => "  " + AttemptLine(a)));
        }

        if (diagnosis.FailingTasks.Count > MaxTasksShown)
        {
            lines.Add($"… {diagnosis.FailingTasks.Count - MaxTasksShown} more {noun.ToLowerInvariant()} tasks not shown: get_run run_id={run.RunId} lists every task.");
        }

        LogExcerptResult? log = null;
        if (diagnosis.Excerpt is { } excerpt)
        {
            log = ExcerptOf(excerpt);
            lines.Add(log.HasError
                ? $"Log of attempt {excerpt.Attempt} of {excerpt.TaskName} around its first ERROR line ({CountText.Of(excerpt.LinesRead, "line")} of that attempt read):"
                : $"Log of attempt {excerpt.Attempt} of {excerpt.TaskName}: no ERROR line in the {CountText.Of(excerpt.LinesRead, "line")} read; its last lines:");
            if (excerpt.LinesBefore > 0)
            {
                lines.Add($"  … {CountText.Of(excerpt.LinesBefore, "earlier line")} (folded) not shown");
            }

            lines.AddRange(log.Lines.Select(l => $"  {l.At?[11..23] ?? "?"} {l.Level ?? "?"} {WorkflowText.Fence(l.Message)}" + (l.Repeats > 1 ? $" ×{l.Repeats}" : string.Empty)));
            if (excerpt.LinesAfter > 0)
            {
                lines.Add($"  … {CountText.Of(excerpt.LinesAfter, "later line")} (folded) not shown: get_run_logs run_id={excerpt.TaskId} attempt={excerpt.Attempt}");
            }
        }

        var changed = false;
        WorkflowHistoryResult? historyResult = null;
        if (history is not null)
        {
            historyResult = HistoryOf(history);
            lines.Add(HistoryLine(run, history));
            if (run.Version is { } mine && history.LastSuccessVersion is { } good && good.Id != mine.Id)
            {
                changed = true;
                lines.Add($"Version change: this run ran {VersionText.Of(mine)}; the last success ran {VersionText.Of(good)}.");
            }

            lines.AddRange(history.Notes.Select(n => $"History note: {n}."));
        }

        var last = diagnosis.LastFailedAttempt;
        var primary = diagnosis.PrimaryTask;
        var verdict = FailureVerdict.Judge(new VerdictInputs(
            run.Status,
            ErrorText.FirstLine(last?.Error),
            last?.Number ?? 1,
            primary?.TimedOut ?? false,
            primary?.CancelMessage,
            run.ParentTaskId is { } p && p != Guid.Empty,
            history,
            run.Version));
        VerdictResult? verdictResult = null;
        if (verdict is not null)
        {
            verdictResult = new VerdictResult { Cause = verdict.CauseText, Evidence = verdict.Evidence };
            lines.Add($"Verdict (heuristic finding, not a certainty): {verdict.CauseText}. Evidence: {string.Join("; ", verdict.Evidence)}.");
            if (history is null && diagnosis.Kind == DiagnosisKind.Failed)
            {
                lines.Add("The workflow's history was not read, so a code regression could not be checked.");
            }
        }

        return result with
        {
            FailingTasks = failing,
            Log = log,
            History = historyResult,
            VersionChanged = changed,
            Verdict = verdictResult,
        };
    }

    private static FailingTask FailingTaskOf(RunSnapshot run, TaskSnapshot task, DateTimeOffset now)
    {
        var attempts = task.Attempts.Earlier.Where(a => a.Number > 0).Append(task.Attempts.Current)
            .TakeLast(MaxAttemptsShown)
            .Select(a => new AttemptRow
            {
                Attempt = a.Number,
                StartedAt = TimeText.Iso(a.StartedAt),
                DurationMs = a.StartedAt is { } s && a.FinishedAt is { } f ? (long)(f - s).TotalMilliseconds : null,
                Worker = run.WorkerLabel(a.WorkerId),
                Error = ErrorText.FirstLine(a.Error),
            })
            .ToList();
        return new FailingTask { Id = task.Id, Name = task.Name, Status = task.Status, Attempts = attempts };
    }

    private static string AttemptLine(AttemptRow a)
    {
        var parts = new List<string> { $"attempt {a.Attempt}" };
        parts.Add(a.StartedAt is { } s ? $"started {s[..19].Replace('T', ' ')}Z" : "never started");
        if (a.DurationMs is { } ms)
        {
            parts.Add("ran " + DurationText.FromMilliseconds(ms));
        }

        if (a.Worker is { } w)
        {
            parts.Add("on worker " + w);
        }

        if (a.Error is { } e)
        {
            parts.Add("error: " + WorkflowText.Fence(e));
        }

        return string.Join(" | ", parts);
    }

    private static LogExcerptResult ExcerptOf(LogExcerpt excerpt) => new()
    {
        TaskId = excerpt.TaskId,
        Attempt = excerpt.Attempt,
        LinesRead = excerpt.LinesRead,
        HasError = excerpt.ErrorIndex is not null,
        Lines = excerpt.Lines.Select(l => new ExcerptLine
        {
            At = TimeText.Iso(l.First.CreatedAt),
            Level = l.First.Level,
            Message = ValueSummary.Clip(l.First.Message ?? string.Empty, MaxLogLineChars),
            Repeats = l.Count,
        }).ToList(),
    };

    private static WorkflowHistoryResult HistoryOf(WorkflowFare h) => new()
    {
        LastSuccessRunId = h.LastSuccess?.RunId,
        LastSuccessCreatedAt = TimeText.Iso(h.LastSuccess?.CreatedAt),
        LastSuccessVersion = Ref(h.LastSuccessVersion),
        RunsSince = h.RunsSince,
        FailuresSince = h.FailuresSince,
        EveryFinishedRunFailed = h.EveryFinishedRunFailed,
        FirstFailureRunId = h.FirstFailure?.RunId,
        FirstFailureCreatedAt = TimeText.Iso(h.FirstFailure?.CreatedAt),
        FirstFailureVersion = Ref(h.FirstFailureVersion),
    };

    /// <summary>"last success created …, run …, version v1 (…); 37 of 37 runs since failed (every finished one); first failure …".</summary>
    private static string HistoryLine(RunSnapshot run, WorkflowFare h)
    {
        var workflow = run.WorkflowName ?? "the workflow";
        var counts = $"{CountText.Of(h.FailuresSince, "failed run")} of {CountText.Of(h.RunsSince, "run")} created since" +
                     (h.ActiveSince > 0 ? $" ({h.ActiveSince} still queued or running)" : string.Empty) +
                     (h.EveryFinishedRunFailed ? ", every finished one failed" : ", not every finished one failed");
        var onset = h.FirstFailure is { } first
            ? $"; first failure created {TimeText.Format(first.CreatedAt)} (run {first.RunId}" +
              (h.FirstFailureVersion is { } fv ? $", version {VersionText.Of(fv)})" : ")")
            : string.Empty;
        if (h.LastSuccess is not { } success)
        {
            return $"History of {workflow}: no success created in the {DurationText.Format(h.Before - h.LookedBackTo)} before this run; {counts}{onset}.";
        }

        return $"History of {workflow} up to this run: last success created {TimeText.Format(success.CreatedAt)} (run {success.RunId}" +
               (h.LastSuccessVersion is { } gv ? $", version {VersionText.Of(gv)}" : string.Empty) + $"); {counts}{onset}.";
    }

    private static RunTimings Timings(RunSnapshot run, DateTimeOffset now, List<string> lines)
    {
        var current = run.LatestAttempt;
        var number = current?.Number ?? 1;
        long? queued = current?.EnqueuedAt is { } q && current.StartedAt is { } s ? (long)(s - q).TotalMilliseconds : null;
        long? duration = current?.StartedAt is { } st && (current.FinishedAt ?? run.FinishedAt) is { } fin ? (long)(fin - st).TotalMilliseconds : null;
        var tasks = run.Tasks.Select(t =>
        {
            var a = t.Attempts.Current;
            return new TaskTiming
            {
                Name = t.Name,
                Attempt = a.Number,
                QueuedMs = a.EnqueuedAt is { } eq && a.StartedAt is { } ast ? (long)(ast - eq).TotalMilliseconds : null,
                DurationMs = a.StartedAt is { } b && a.FinishedAt is { } e ? (long)(e - b).TotalMilliseconds : t.ReportedDurationMs,
            };
        }).ToList();
        var slowest = tasks.Where(t => t.DurationMs is not null).MaxBy(t => t.DurationMs);
        if (current is not null)
        {
            lines.Add("Timings: " + RunText.CurrentAttempt(run.CreatedAt, run.Status, current, now) +
                      (queued is { } qm ? $"; queue wait of attempt {number}: {DurationText.FromMilliseconds(qm)}" : string.Empty));
        }

        lines.Add("Tasks (latest attempt of each): " + string.Join("; ", tasks.Select(t =>
            $"{t.Name} attempt {t.Attempt}: " + (t.QueuedMs is { } tq ? $"queued {DurationText.FromMilliseconds(tq)}, " : string.Empty) +
            (t.DurationMs is { } d ? $"ran {DurationText.FromMilliseconds(d)}" : "duration not reported"))));
        if (slowest is not null && tasks.Count > 1)
        {
            lines.Add($"Slowest task: {slowest.Name} ({DurationText.FromMilliseconds(slowest.DurationMs!.Value)}, attempt {slowest.Attempt}).");
        }

        return new RunTimings
        {
            Attempt = number,
            QueuedMs = queued,
            DurationMs = duration,
            Tasks = tasks,
            Slowest = slowest?.Name,
        };
    }

    private static VersionRef? Ref(NamedVersion? v) => v is null ? null : new VersionRef { Id = v.Id, Name = v.Name };

    private static string NextStep(RunSnapshot run, DiagnosisKind kind) => kind switch
    {
        DiagnosisKind.Failed => $"Next: compare_runs run_id={run.RunId} for what differs from the last success; get_run_logs for every line; replay_runs once the cause is fixed.",
        DiagnosisKind.Cancelled => $"Next: get_run run_id={run.RunId} for every task; replay_runs re-runs it if the cancel was a mistake.",
        DiagnosisKind.Completed => $"Next: get_run_logs run_id={run.RunId} for its log lines.",
        _ => $"Next: get_queue_metrics and list_workers for capacity; cancel_runs to stop it.",
    };
}
