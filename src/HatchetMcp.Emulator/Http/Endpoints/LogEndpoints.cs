using HatchetMcp.Emulator.Engine;
using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Http.Endpoints;

/// <summary>
/// Task and tenant log lines (§5.5): levels (an unknown one is a repository error, 500), ILIKE substring search
/// (<c>%</c> and <c>_</c> are wildcards, a backslash escapes),
/// exclusive since/until, attempt, ASC by default, limit 1..10000 (default 50, else 500), pagination 0/0/0.
/// </summary>
internal static class LogEndpoints
{
    private const long MaxLimit = 10000;

    /// <summary>Without task ids, tenant logs look at runs inserted this long before the window starts.</summary>
    private static readonly TimeSpan TenantScanMargin = TimeSpan.FromHours(1);

    public static ApiResult TaskLogs(ApiCall call)
    {
        LogQuery query = LogQuery.Bind(call.Query);
        var lines = new List<LogLineRecord>();
        query.Collect(call.Task!, call.Now, lines);
        return Answer(query, lines);
    }

    public static ApiResult TenantLogs(ApiCall call)
    {
        LogQuery query = LogQuery.Bind(call.Query);
        IReadOnlyList<Guid> taskIds = call.Query.Uuids("taskExternalIds");
        IReadOnlyList<Guid> workflowIds = call.Query.Uuids("workflow_ids");
        IReadOnlyList<Guid> stepIds = call.Query.Uuids("step_ids");
        var lines = new List<LogLineRecord>();
        if (taskIds.Count > 0)
        {
            foreach (Guid id in taskIds)
            {
                if (call.Store.TryGetTask(id, out TaskRecord? task) && ReferenceEquals(task.Run.Tenant, call.Tenant) &&
                    Matches(task, workflowIds, stepIds))
                {
                    query.Collect(task, call.Now, lines);
                }
            }
        }
        else
        {
            CollectTenantWide(call, query, workflowIds, stepIds, lines);
        }

        return Answer(query, lines);
    }

    /// <summary>
    /// Lines of every task in the window, stopping as soon as no further run can still contribute one of the first
    /// <c>limit</c> lines in the requested order (a task logs only after its run was inserted, and runs here last
    /// far less than <see cref="TenantScanMargin"/>), so a tenant-wide read does not derive every line ever logged.
    /// </summary>
    private static void CollectTenantWide(ApiCall call, LogQuery query, IReadOnlyList<Guid> workflowIds,
        IReadOnlyList<Guid> stepIds, List<LogLineRecord> lines)
    {
        IReadOnlyList<RunRecord> runs = call.Tenant.RunsOldestFirst;
        int first = query.Since is { } since ? call.Tenant.FirstRunIndexAtOrAfter(since - TenantScanMargin) : 0;
        int end = query.Until is { } until ? call.Tenant.FirstRunIndexAtOrAfter(until) : runs.Count;
        int limit = (int)query.Limit;
        for (int step = 0; step < end - first; step++)
        {
            RunRecord run = runs[query.Descending ? end - 1 - step : first + step];
            if (lines.Count >= limit)
            {
                Trim(lines, limit, query.Descending);
                DateTimeOffset threshold = lines[limit - 1].CreatedAt;
                if (query.Descending ? run.InsertedAt < threshold - TenantScanMargin : run.InsertedAt > threshold)
                {
                    break;
                }
            }

            foreach (TaskRecord task in run.Tasks)
            {
                if (Matches(task, workflowIds, stepIds))
                {
                    query.Collect(task, call.Now, lines);
                }
            }
        }
    }

    /// <summary>Keeps the first <paramref name="limit"/> lines in the requested order (stable).</summary>
    private static void Trim(List<LogLineRecord> lines, int limit, bool descending)
    {
        List<LogLineRecord> kept = descending
            ? [.. lines.OrderByDescending(static l => l.CreatedAt).Take(limit)]
            : [.. lines.OrderBy(static l => l.CreatedAt).Take(limit)];
        lines.Clear();
        lines.AddRange(kept);
    }

    private static bool Matches(TaskRecord task, IReadOnlyList<Guid> workflowIds, IReadOnlyList<Guid> stepIds) =>
        (workflowIds.Count == 0 || workflowIds.Contains(task.Run.Workflow.Id)) &&
        (stepIds.Count == 0 || stepIds.Contains(task.Step.Id));

    private static ApiResult Answer(LogQuery query, List<LogLineRecord> lines)
    {
        // Stable: lines of one task at the same instant keep their logged order.
        lines = query.Descending
            ? [.. lines.OrderByDescending(static l => l.CreatedAt)]
            : [.. lines.OrderBy(static l => l.CreatedAt)];

        var rows = new List<WireLogLine>((int)Math.Min(query.Limit, lines.Count));
        foreach (LogLineRecord line in lines)
        {
            if (rows.Count >= query.Limit)
            {
                break;
            }

            rows.Add(new WireLogLine
            {
                CreatedAt = line.CreatedAt,
                Message = line.Message,
                Metadata = RawJson.ObjectOrEmpty(line.MetadataJson),
                TaskExternalId = line.Task.ExternalId,
                TaskDisplayName = line.Task.DisplayName,
                RetryCount = line.RetryCount,
                Attempt = line.Attempt,
                Level = line.Level.ToString(),
            });
        }

        return ApiResult.Json(new WireLogLineList(Paging.Logs(), rows), EmulatorJson.Context.WireLogLineList);
    }

    private sealed class LogQuery
    {
        public long Limit { get; private init; }
        public DateTimeOffset? Since { get; private init; }
        public DateTimeOffset? Until { get; private init; }
        public LikePattern? Search { get; private init; }
        public HashSet<V1LogLineLevel>? Levels { get; private init; }
        public bool Descending { get; private init; }
        public int? RetryCount { get; private init; }

        public static LogQuery Bind(QueryBinder q)
        {
            long limit = q.Int64("limit") ?? 50;
            if (limit is < 1 or > MaxLimit)
            {
                throw new InternalServerErrorException("log limit out of range");
            }

            HashSet<V1LogLineLevel>? levels = null;
            foreach (string value in q.Strings("levels"))
            {
                if (!Enum.TryParse(value, ignoreCase: false, out V1LogLineLevel level) || !Enum.IsDefined(level) ||
                    char.IsAsciiDigit(value[0]))
                {
                    throw new InternalServerErrorException("invalid log level");
                }

                (levels ??= []).Add(level);
            }

            long? attempt = q.Int64("attempt");
            string? search = q.String("search");
            return new LogQuery
            {
                Limit = limit,
                Since = q.Date("since"),
                Until = q.Date("until"),
                Search = string.IsNullOrEmpty(search) ? null : LikePattern.ForSearch(search),
                Levels = levels,
                Descending = q.String("order_by_direction") == "DESC",
                RetryCount = attempt is { } a ? (int)(a - 1) : null,
            };
        }

        public void Collect(TaskRecord task, DateTimeOffset now, List<LogLineRecord> into)
        {
            foreach (LogLineRecord line in Engine.TaskLogs.For(task, now))
            {
                // Compared at the wire's microsecond precision, so "since = last createdAt" pages exactly.
                DateTimeOffset createdAt = WireTime.ToMicros(line.CreatedAt);
                if ((Since is { } s && createdAt <= s) ||
                    (Until is { } u && createdAt >= u) ||
                    (Levels is not null && !Levels.Contains(line.Level)) ||
                    (RetryCount is { } r && line.RetryCount != r) ||
                    (Search is not null && !Search.Matches(line.Message)))
                {
                    continue;
                }

                into.Add(line);
            }
        }
    }
}
