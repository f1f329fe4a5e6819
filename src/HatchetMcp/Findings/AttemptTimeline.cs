using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;

namespace HatchetMcp.Findings;

/// <summary>Why an attempt was put in the queue.</summary>
public enum EnqueueCause
{
    /// <summary>The first attempt: queued when the task was created.</summary>
    Creation,

    /// <summary>An automatic retry after the previous attempt failed.</summary>
    Retry,

    /// <summary>A user replay (RETRIED_BY_USER).</summary>
    Replay,

    /// <summary>A later attempt whose cause the events do not tell (or no events were available).</summary>
    Unknown,
}

/// <summary>
/// One attempt of a task. <see cref="EnqueuedAt"/> is when this attempt last entered the queue (creation, retry,
/// replay, or a requeue after it had left the queue); null when no event says so. <see cref="WorkerId"/> is the
/// worker its events name (the last one, if it was reassigned); null before assignment or without events.
/// </summary>
public sealed record AttemptFacts(
    int Number,
    EnqueueCause Cause,
    DateTimeOffset? EnqueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    Guid? WorkerId = null);

/// <summary>
/// A task's attempts, derived from its summary (the current attempt, as Hatchet reports it) and its task events
/// (every attempt, each event tagged with its retryCount). Computed here only, so every answer that names an attempt
/// agrees.
/// </summary>
public sealed class AttemptTimeline
{
    private static readonly HashSet<string> EnqueueEvents =
        ["QUEUED", "REQUEUED_NO_WORKER", "REQUEUED_RATE_LIMIT", "REASSIGNED", "RETRIED_BY_USER"];

    // Events after which the attempt is no longer waiting in the queue.
    private static readonly HashSet<string> LeaveQueueEvents =
        ["ASSIGNED", "SENT_TO_WORKER", "ACKNOWLEDGED", "STARTED", "FINISHED", "FAILED", "CANCELLED", "TIMED_OUT", "RETRYING"];

    private static readonly HashSet<string> EndEvents = ["FINISHED", "FAILED", "CANCELLED", "TIMED_OUT", "RETRYING"];

    private AttemptTimeline(AttemptFacts current, IReadOnlyList<AttemptFacts> earlier, bool fromEvents)
    {
        Current = current;
        Earlier = earlier;
        FromEvents = fromEvents;
    }

    /// <summary>The attempt Hatchet reports the task's status for.</summary>
    public AttemptFacts Current { get; }

    /// <summary>Earlier attempts, oldest first. Without events: at most one, numbered 0 (unknown), carrying an earlier error.</summary>
    public IReadOnlyList<AttemptFacts> Earlier { get; }

    /// <summary>False when no task events were available: only the summary's facts are known.</summary>
    public bool FromEvents { get; }

    /// <summary>Earlier attempts that ended with an error.</summary>
    public IEnumerable<AttemptFacts> EarlierFailures => Earlier.Where(a => a.Error is not null);

    /// <summary>Each task of a run-details answer, by task external id, from the events in that same answer.</summary>
    public static IReadOnlyDictionary<Guid, AttemptTimeline> ForRun(V1WorkflowRunDetails details)
    {
        var byTask = (details.TaskEvents ?? []).Where(e => e.TaskId is not null).ToLookup(e => e.TaskId!.Value);
        var result = new Dictionary<Guid, AttemptTimeline>();
        foreach (var task in details.Tasks ?? [])
        {
            var id = task.TaskExternalId ?? task.Metadata?.Id;
            if (id is { } taskId)
            {
                result[taskId] = For(task, byTask[taskId].ToList());
            }
        }

        return result;
    }

    /// <summary>One task's attempts; <paramref name="events"/> may be empty (then only the summary is used).</summary>
    public static AttemptTimeline For(V1TaskSummary task, IReadOnlyList<V1TaskEvent> events)
    {
        var created = task.CreatedAt ?? task.Metadata?.CreatedAt ?? task.TaskInsertedAt;
        var summaryRetry = task.RetryCount ?? (task.Attempt is { } a ? a - 1 : 0);
        var status = task.Status;
        var summaryError = string.IsNullOrWhiteSpace(task.ErrorMessage) ? null : task.ErrorMessage;
        var summaryStarted = TimeText.Meaningful(task.StartedAt);
        var summaryFinished = TimeText.Meaningful(task.FinishedAt);
        var final = V1TaskStatuses.IsFinal(status);

        if (events.Count == 0)
        {
            var cause = summaryRetry == 0 ? EnqueueCause.Creation : EnqueueCause.Unknown;
            var current = new AttemptFacts(summaryRetry + 1, cause, summaryRetry == 0 ? created : null,
                summaryStarted, summaryFinished, final ? summaryError : null);
            // A task waiting or running again after a failure still carries that failure's error: it is not this attempt's.
            IReadOnlyList<AttemptFacts> earlier = !final && summaryError is not null
                ? [new AttemptFacts(0, EnqueueCause.Unknown, null, null, null, summaryError)]
                : [];
            return new AttemptTimeline(current, earlier, fromEvents: false);
        }

        var ordered = events.Where(e => e.Timestamp is not null)
            .OrderBy(e => e.Timestamp).ThenBy(e => e.Id ?? 0)
            .ToList();
        var groups = ordered.GroupBy(RetryOf).ToDictionary(g => g.Key, g => g.ToList());
        var currentRetry = Math.Max(summaryRetry, groups.Count == 0 ? 0 : groups.Keys.Max());

        var attempts = new List<AttemptFacts>(currentRetry + 1);
        for (var retry = 0; retry <= currentRetry; retry++)
        {
            var own = groups.GetValueOrDefault(retry) ?? [];
            var previous = retry == 0 ? [] : groups.GetValueOrDefault(retry - 1) ?? [];
            attempts.Add(Attempt(retry, own, previous, created));
        }

        // The summary describes the current attempt; prefer it where the events are silent.
        var last = attempts[^1];
        attempts[^1] = last with
        {
            StartedAt = last.StartedAt ?? (summaryStarted is { } s && (last.EnqueuedAt is null || s >= last.EnqueuedAt) ? s : null),
            FinishedAt = final ? last.FinishedAt ?? summaryFinished : null,
            Error = final ? summaryError ?? last.Error : null,
        };
        return new AttemptTimeline(attempts[^1], attempts.Take(attempts.Count - 1).ToList(), fromEvents: true);
    }

    /// <summary>
    /// The run's latest attempt, across its tasks: the highest attempt number any task reached, queued when the first
    /// task of that attempt was, started when the first task started after that. Null for a run with no tasks yet.
    /// </summary>
    public static AttemptFacts? Latest(IEnumerable<AttemptTimeline> tasks, string? runStatus, DateTimeOffset? runFinished)
    {
        var currents = tasks.Select(t => t.Current).ToList();
        if (currents.Count == 0)
        {
            return null;
        }

        var number = currents.Max(a => a.Number);
        var latest = currents.Where(a => a.Number == number).ToList();
        var enqueued = latest.Select(a => a.EnqueuedAt).Where(t => t is not null).Min();
        var started = currents.Select(a => a.StartedAt).Where(s => s is not null && (enqueued is null || s >= enqueued)).Min();
        var cause = latest.Select(a => a.Cause).Distinct().Count() == 1 ? latest[0].Cause : EnqueueCause.Unknown;
        return new AttemptFacts(number, cause, enqueued, started, V1TaskStatuses.IsFinal(runStatus) ? runFinished : null, null);
    }

    private static AttemptFacts Attempt(int retry, List<V1TaskEvent> own, List<V1TaskEvent> previous, DateTimeOffset? created)
    {
        DateTimeOffset? enqueuedAt = null;
        var cause = retry == 0 ? EnqueueCause.Creation : EnqueueCause.Unknown;
        var waiting = false;
        foreach (var e in own)
        {
            var type = e.EventType ?? string.Empty;
            if (type == "RETRIED_BY_USER")
            {
                // A replay resets the attempt: it waits from here, whatever came before.
                enqueuedAt = e.Timestamp;
                cause = EnqueueCause.Replay;
                waiting = true;
            }
            else if (EnqueueEvents.Contains(type) && !waiting)
            {
                enqueuedAt = e.Timestamp;
                waiting = true;
            }
            else if (LeaveQueueEvents.Contains(type))
            {
                waiting = false;
            }
        }

        // The event that ended the previous attempt says why this one exists (servers tag it with either count).
        var handOver = previous.LastOrDefault(e => e.EventType is "RETRYING" or "RETRIED_BY_USER");
        if (cause == EnqueueCause.Unknown && handOver is not null)
        {
            cause = handOver.EventType == "RETRIED_BY_USER" ? EnqueueCause.Replay : EnqueueCause.Retry;
        }

        if (cause == EnqueueCause.Unknown && own.Any(e => e.EventType == "RETRYING"))
        {
            cause = EnqueueCause.Retry;
        }

        if (cause == EnqueueCause.Unknown && previous.Any(e => e.EventType is "FAILED" or "TIMED_OUT"))
        {
            cause = EnqueueCause.Retry;
        }

        enqueuedAt ??= retry == 0 ? created : handOver?.Timestamp;
        var started = own.LastOrDefault(e => e.EventType == "STARTED")?.Timestamp;
        var ended = own.LastOrDefault(e => e.EventType is { } t && EndEvents.Contains(t) && (t != "RETRYING" || started is not null));
        var error = own.LastOrDefault(e => !string.IsNullOrWhiteSpace(e.ErrorMessage) && e.EventType is { } t && EndEvents.Contains(t))?.ErrorMessage;
        var worker = own.LastOrDefault(e => e.WorkerId is { } w && w != Guid.Empty)?.WorkerId;
        return new AttemptFacts(retry + 1, cause, enqueuedAt, started, ended?.Timestamp, error, worker);
    }

    private static int RetryOf(V1TaskEvent e) => e.RetryCount ?? (e.Attempt is { } a ? a - 1 : 0);
}
