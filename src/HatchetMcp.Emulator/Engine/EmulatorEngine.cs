using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Engine;

/// <summary>
/// The living engine: moves tasks through QUEUED -> RUNNING -> final states as simulated workers pick them, applies
/// cancel/replay asynchronously, fires scheduled runs and crons. Every member must be called with
/// <see cref="EmulatorStore.Sync"/> held. Deterministic: state changes happen only at agenda instants, so the same seed
/// and the same calls at the same instants give the same state however often <see cref="AdvanceTo"/> is called.
/// </summary>
public sealed partial class EmulatorEngine
{
    /// <summary>Delay between a cancel/replay request and its effect (the real server applies both asynchronously).</summary>
    public static readonly TimeSpan OperationDelay = TimeSpan.FromMilliseconds(300);
    /// <summary>Replay is applied in batches of this many tasks, one batch per <see cref="ReplayBatchInterval"/>.</summary>
    public const int ReplayBatchSize = 100;
    public static readonly TimeSpan ReplayBatchInterval = TimeSpan.FromMilliseconds(200);

    private readonly PriorityQueue<AgendaItem, (long Ticks, long Seq)> _agenda = new();
    private readonly Dictionary<TenantData, TaskQueues> _queues = [];
    private readonly Dictionary<CronRecord, DateTimeOffset> _cronNext = [];
    private readonly DateTimeOffset _start;
    private long _seq;
    private long _lastBeatTicks = long.MinValue;
    private long _lastRateLimitRefreshTicks = long.MinValue;
    private int _lastWorkerCount;

    public EmulatorEngine(EmulatorStore store, DateTimeOffset start)
    {
        Store = store;
        Now = start;
        _start = start;
    }

    public EmulatorStore Store { get; }

    /// <summary>The instant the simulation has reached.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Number of pending agenda items (diagnostics and tests).</summary>
    public int PendingActions => _agenda.Count;

    /// <summary>
    /// Processes everything due up to <paramref name="now"/> in time order, then refreshes heartbeats and rate-limit
    /// windows. Cheap over long gaps: it jumps from one agenda instant to the next. An earlier instant is a no-op.
    /// </summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        if (now < Now) now = Now;
        var tenants = Store.TenantList;
        for (var i = 0; i < tenants.Count; i++)
        {
            if (!tenants[i].DispatchRequested) continue;
            tenants[i].DispatchRequested = false;
            ScheduleDispatch(tenants[i], Now);
        }

        // Schedules and crons change only between calls (HTTP) or when one fires, so they are looked up once per call
        // and again after each firing, not on every agenda step.
        var (scheduled, scheduledAt) = NextDueScheduled(now);
        var (cron, cronAt) = NextDueCron(now);
        while (true)
        {
            var nextTicks = _agenda.TryPeek(out _, out var key) ? key.Ticks : long.MaxValue;
            var best = Math.Min(nextTicks, Math.Min(scheduledAt?.UtcTicks ?? long.MaxValue, cronAt?.UtcTicks ?? long.MaxValue));
            if (best > now.UtcTicks) break;

            if (scheduled is not null && scheduledAt!.Value.UtcTicks == best)
            {
                Now = Max(Now, scheduledAt.Value);
                FireScheduled(scheduled, Now);
                (scheduled, scheduledAt) = NextDueScheduled(now);
            }
            else if (cron is not null && cronAt!.Value.UtcTicks == best)
            {
                Now = Max(Now, cronAt.Value);
                _cronNext[cron] = NextCronFire(cron, Now) ?? DateTimeOffset.MaxValue;
                FireCron(cron, Now);
                (cron, cronAt) = NextDueCron(now);
            }
            else
            {
                var item = _agenda.Dequeue();
                Now = Max(Now, new DateTimeOffset(best, TimeSpan.Zero));
                Handle(item);
            }
        }

        Now = now;
        RefreshHeartbeats(now);
        RefreshRateLimits(now);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private void Push(AgendaItem item, DateTimeOffset at)
    {
        if (at < Now) at = Now;
        _agenda.Enqueue(item, (at.UtcTicks, ++_seq));
    }

    private TaskQueues QueuesOf(TenantData tenant)
    {
        if (!_queues.TryGetValue(tenant, out var q))
        {
            q = new TaskQueues();
            _queues.Add(tenant, q);
        }
        return q;
    }

    /// <summary>Tasks of the tenant waiting in the named queue (action id).</summary>
    public int QueuedCount(TenantData tenant, string actionId) => QueuesOf(tenant).Count(actionId);

    /// <summary>Queue depth per action id, for step-run-queue-metrics.</summary>
    public IReadOnlyDictionary<string, int> QueueDepths(TenantData tenant)
    {
        var result = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (action, set) in QueuesOf(tenant).ByAction)
        {
            if (set.Count > 0) result[action] = set.Count;
        }
        return result;
    }

    private void ScheduleDispatch(TenantData tenant, DateTimeOffset at)
    {
        if (at < Now) at = Now;
        if (QueuesOf(tenant).PendingDispatches.Add(at.UtcTicks))
        {
            Push(new AgendaItem(AgendaKind.Dispatch, tenant), at);
        }
    }

    private void Handle(AgendaItem item)
    {
        switch (item.Kind)
        {
            case AgendaKind.Dispatch:
                QueuesOf(item.Tenant).PendingDispatches.Remove(Now.UtcTicks);
                Dispatch(item.Tenant);
                break;
            case AgendaKind.Start:
                if (item.Task!.Generation == item.Generation) Start(item.Task);
                break;
            case AgendaKind.Finish:
                if (item.Task!.Generation == item.Generation) Finish(item.Task, item.Plan);
                break;
            case AgendaKind.Requeue:
                if (item.Task!.Generation == item.Generation)
                {
                    Enqueue(item.Task);
                    ScheduleDispatch(item.Tenant, Now);
                }
                break;
            case AgendaKind.ApplyCancel:
                ApplyCancel(item.Tenant, item.Ids!);
                break;
            case AgendaKind.ApplyReplay:
                ApplyReplay(item.Tenant, item.Tasks!);
                break;
        }
    }

    /// <summary>Healthy workers heartbeat every 4 s (so they never look older than 5 s); stopped ones stay stale.</summary>
    private void RefreshHeartbeats(DateTimeOffset now)
    {
        var beat = new DateTimeOffset(now.UtcTicks - now.UtcTicks % (4 * TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var workerCount = 0;
        foreach (var tenant in Store.TenantList) workerCount += tenant.Workers.Count;
        if (beat.UtcTicks == _lastBeatTicks && workerCount == _lastWorkerCount) return; // nothing new since the last beat
        _lastBeatTicks = beat.UtcTicks;
        _lastWorkerCount = workerCount;
        foreach (var tenant in Store.TenantList)
        {
            var workers = tenant.Workers;
            for (var i = 0; i < workers.Count; i++)
            {
                if (workers[i].IsHeartbeating && workers[i].LastHeartbeatAt < beat) workers[i].LastHeartbeatAt = beat;
            }
        }
    }

    /// <summary>Rate-limit windows move on; the remaining value stays as seeded (the seeded load keeps consuming it).</summary>
    private static readonly TimeSpan[] WindowLengths = [TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(1)];

    private void RefreshRateLimits(DateTimeOffset now)
    {
        var second = now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond;
        if (second == _lastRateLimitRefreshTicks) return; // the shortest window is one second
        _lastRateLimitRefreshTicks = second;
        foreach (var tenant in Store.TenantList)
        {
            var limits = tenant.RateLimits;
            for (var i = 0; i < limits.Count; i++)
            {
                var r = limits[i];
                var length = r.Window switch
                {
                    "1 second" or "SECOND" => WindowLengths[0],
                    "1 minute" or "MINUTE" => WindowLengths[1],
                    "1 hour" or "HOUR" => WindowLengths[2],
                    _ => WindowLengths[3],
                };
                var boundary = new DateTimeOffset(now.UtcTicks - now.UtcTicks % length.Ticks, TimeSpan.Zero);
                if (r.LastRefill < boundary - length) r.LastRefill = boundary;
            }
        }
    }

    private (ScheduledRecord?, DateTimeOffset?) NextDueScheduled(DateTimeOffset now)
    {
        ScheduledRecord? best = null;
        foreach (var tenant in Store.TenantList)
        {
            var all = tenant.Scheduled;
            for (var i = 0; i < all.Count; i++)
            {
                var s = all[i];
                if (s.Run is null && s.TriggerAt <= now && (best is null || s.TriggerAt < best.TriggerAt)) best = s;
            }
        }
        return best is null ? (null, null) : (best, Max(best.TriggerAt, Now));
    }

    private (CronRecord?, DateTimeOffset?) NextDueCron(DateTimeOffset now)
    {
        CronRecord? best = null;
        DateTimeOffset bestAt = DateTimeOffset.MaxValue;
        foreach (var tenant in Store.TenantList)
        {
            var all = tenant.Crons;
            for (var i = 0; i < all.Count; i++)
            {
                var c = all[i];
                // A paused workflow's cron still fires under QUEUE (the run waits QUEUED until resume); under DROP its
                // fires are lost, and on resume the next one counts from then.
                if (!c.Enabled || (c.Workflow.IsPaused && c.Workflow.PausedCronRunBehavior == "DROP"))
                {
                    _cronNext.Remove(c);
                    continue;
                }
                if (!_cronNext.TryGetValue(c, out var next))
                {
                    next = NextCronFire(c, Max(Max(c.CreatedAt, c.UpdatedAt), Max(_start, Now - TimeSpan.FromTicks(1)))) ?? DateTimeOffset.MaxValue;
                    _cronNext[c] = next;
                }
                if (next <= now && next < bestAt)
                {
                    best = c;
                    bestAt = next;
                }
            }
        }
        return best is null ? (null, null) : (best, Max(bestAt, Now));
    }

    private static DateTimeOffset? NextCronFire(CronRecord cron, DateTimeOffset after) =>
        CronSchedule.TryParse(cron.Expression, out var schedule) ? schedule.NextAfter(after) : null;

    private void FireScheduled(ScheduledRecord scheduled, DateTimeOffset at) =>
        scheduled.Run = CreateRun(scheduled.Tenant, scheduled.Workflow, scheduled.InputJson, scheduled.AdditionalMetadata,
            scheduled.Priority, at, null, null);

    private void FireCron(CronRecord cron, DateTimeOffset at) =>
        CreateRun(cron.Tenant, cron.Workflow, cron.InputJson, cron.AdditionalMetadata, cron.Priority, at, null, null);
}
