using HatchetMcp.Emulator.Engine;
using HatchetMcp.Emulator.Model;
using Microsoft.AspNetCore.Http;

namespace HatchetMcp.Emulator.Http.Endpoints;

/// <summary>v1 runs: list, external ids, display names, get, status, task events, timings, trigger (§5.3, §5.4, §5.8).</summary>
internal static class RunEndpoints
{
    public static ApiResult List(ApiCall call)
    {
        QueryBinder q = call.Query;
        long offset = q.Int64("offset") ?? 0;
        long limit = q.Int64("limit") ?? 50;
        DateTimeOffset since = q.RequiredDate("since");
        DateTimeOffset? until = q.Date("until");
        bool onlyTasks = q.RequiredBool("only_tasks");
        Guid? workerId = q.Uuid("worker_id");
        Guid? parentTask = q.Uuid("parent_task_external_id");
        Guid? triggeringEvent = q.Uuid("triggering_event_external_id");
        IReadOnlyList<Guid> workflowIds = q.Uuids("workflow_ids");
        bool includePayloads = q.Bool("include_payloads") ?? false;
        List<KeyValuePair<string, string>>? metadata = RunListFilter.ParseMetadata(q.Strings("additional_metadata"));
        if (limit <= 0)
        {
            throw new InternalServerErrorException("division by zero in pagination");
        }

        if (offset < 0)
        {
            throw new InternalServerErrorException("negative OFFSET");
        }

        var filter = new RunListFilter
        {
            Statuses = RunListFilter.ParseStatuses(q.Strings("statuses")),
            WorkflowIds = workflowIds.Count > 0 ? [.. workflowIds] : null,
            Metadata = metadata,
            // Default OR; with at most one pair the server always uses AND.
            MetadataAnd = metadata is not { Count: > 1 } || q.String("additional_metadata_operator") == "AND",
            ParentTaskExternalId = onlyTasks ? null : parentTask,
            TriggeringEventExternalId = triggeringEvent,
        };

        var rows = new List<WireTaskSummary>();
        if (!onlyTasks && filter.IsEmpty)
        {
            // The common unfiltered read: the window is a slice of the pre-sorted list, no scan needed.
            (int first, int end) = Window(call.Tenant, since, until);
            for (long i = end - 1 - offset; i >= first && rows.Count < limit; i--)
            {
                rows.Add(WireMapper.RunRow(call.Tenant.RunsOldestFirst[(int)i], includePayloads));
            }

            return ApiResult.Json(new WireTaskSummaryList(Paging.RunsList(offset, limit, end - first), rows),
                EmulatorJson.Context.WireTaskSummaryList);
        }

        long total = 0;
        foreach (RunRecord run in RunsInWindow(call.Tenant, since, until))
        {
            if (!filter.MatchesRun(run))
            {
                continue;
            }

            if (!onlyTasks)
            {
                if (!filter.MatchesStatus(run.Status))
                {
                    continue;
                }

                if (total >= offset && rows.Count < limit)
                {
                    rows.Add(WireMapper.RunRow(run, includePayloads));
                }

                total++;
                continue;
            }

            for (int i = run.Tasks.Count - 1; i >= 0; i--)
            {
                TaskRecord task = run.Tasks[i];
                if (!filter.MatchesStatus(task.Status) || (workerId is { } w && task.WorkerId != w))
                {
                    continue;
                }

                if (total >= offset && rows.Count < limit)
                {
                    rows.Add(WireMapper.TaskSummary(task, includePayloads));
                }

                total++;
            }
        }

        return ApiResult.Json(new WireTaskSummaryList(Paging.RunsList(offset, limit, total), rows),
            EmulatorJson.Context.WireTaskSummaryList);
    }

    public static ApiResult ExternalIds(ApiCall call)
    {
        QueryBinder q = call.Query;
        DateTimeOffset since = q.RequiredDate("since");
        DateTimeOffset? until = q.Date("until");
        IReadOnlyList<Guid> workflowIds = q.Uuids("workflow_ids");
        var filter = new RunListFilter
        {
            Statuses = RunListFilter.ParseStatuses(q.Strings("statuses")),
            WorkflowIds = workflowIds.Count > 0 ? [.. workflowIds] : null,
            Metadata = RunListFilter.ParseMetadata(q.Strings("additional_metadata")),
        };

        var ids = new List<Guid>();
        foreach (RunRecord run in RunsInWindow(call.Tenant, since, until))
        {
            if (filter.MatchesRun(run) && filter.MatchesStatus(run.Status))
            {
                ids.Add(run.ExternalId);
            }
        }

        return ApiResult.Json(ids, EmulatorJson.Context.ListGuid);
    }

    public static ApiResult DisplayNames(ApiCall call)
    {
        IReadOnlyList<Guid> ids = call.Query.Uuids("external_ids");
        if (ids.Count == 0)
        {
            throw new BindingException("Invalid format for parameter external_ids: query parameter 'external_ids' is required");
        }

        var rows = new List<WireDisplayName>();
        foreach (Guid id in ids)
        {
            if (call.Store.TryGetRun(id, out RunRecord? run) && ReferenceEquals(run.Tenant, call.Tenant))
            {
                rows.Add(new WireDisplayName(WireMapper.Meta(run.ExternalId, run.InsertedAt, run.InsertedAt), run.DisplayName));
            }
        }

        return ApiResult.Json(new WireDisplayNameList(new WirePagination(1, null, 1), rows),
            EmulatorJson.Context.WireDisplayNameList);
    }

    public static ApiResult Get(ApiCall call) =>
        ApiResult.Json(WireMapper.RunDetails(call.Run!), EmulatorJson.Context.WireRunDetails);

    public static ApiResult Status(ApiCall call) =>
        ApiResult.Json(call.Run!.Status.ToString(), EmulatorJson.Context.String);

    /// <summary>offset and limit are accepted and ignored: every event of the run, pagination {}.</summary>
    public static ApiResult TaskEvents(ApiCall call)
    {
        _ = call.Query.Int64("offset");
        _ = call.Query.Int64("limit");
        return ApiResult.Json(new WireTaskEventList(new WirePagination(null, null, null), WireMapper.RunEvents(call.Run!, includeOutput: false)),
            EmulatorJson.Context.WireTaskEventList);
    }

    /// <summary>Task timings in DFS order: roots by queuedAt then taskId, child runs' tasks below their parent task.</summary>
    public static ApiResult Timings(ApiCall call)
    {
        long depth = call.Query.Int64("depth") ?? 0;
        if (depth > 10)
        {
            return ApiResult.Errors(StatusCodes.Status400BadRequest, "depth must be less than or equal to 10");
        }

        if (depth < 0)
        {
            return ApiResult.Errors(StatusCodes.Status400BadRequest, "depth must be greater than or equal to 0");
        }

        RunRecord run = call.Run!;
        Dictionary<Guid, List<RunRecord>>? childRuns = depth > 0 ? ChildRunsByParentTask(run.Tenant) : null;
        var rows = new List<WireTaskTiming>();
        AddTimings(rows, run, 0, (int)depth, childRuns, null);
        return ApiResult.Json(new WireTaskTimingList(new WirePagination(null, null, null), rows),
            EmulatorJson.Context.WireTaskTimingList);
    }

    public static ApiResult Trigger(ApiCall call)
    {
        WireTriggerRequest body = call.Body(EmulatorJson.Context.WireTriggerRequest);
        if (string.IsNullOrEmpty(body.WorkflowName))
        {
            throw new BindingException("request body has an error: doesn't match schema #/components/schemas/V1TriggerWorkflowRunRequest: property \"workflowName\" is missing");
        }

        if (body.Input is not { } input || !input.Text.TrimStart().StartsWith('{'))
        {
            throw new BindingException("request body has an error: doesn't match schema #/components/schemas/V1TriggerWorkflowRunRequest: property \"input\" is missing");
        }

        if (body.Priority is { } priority && priority is < 1 or > 3)
        {
            return ApiResult.Errors(StatusCodes.Status400BadRequest, $"priority must be between 1 and 3, got {priority}");
        }

        RunRecord run;
        try
        {
            run = call.Runtime.Engine.Trigger(call.Tenant, body.WorkflowName, input.Text,
                JsonObjects.StringMap(body.AdditionalMetadata), body.Priority, call.Now);
        }
        catch (WorkflowNotFoundException e)
        {
            return ApiResult.Errors(StatusCodes.Status400BadRequest, e.Message);
        }

        return body.ReturnOnlyId == true
            ? ApiResult.Json(WireMapper.RunIdOnly(run.ExternalId, call.Now), EmulatorJson.Context.WireRunDetails)
            : ApiResult.Json(WireMapper.RunDetails(run), EmulatorJson.Context.WireRunDetails);
    }

    /// <summary>Runs with since &lt;= insertedAt &lt;= until, newest first (inserted_at DESC, id DESC).</summary>
    public static IEnumerable<RunRecord> RunsInWindow(TenantData tenant, DateTimeOffset since, DateTimeOffset? until)
    {
        IReadOnlyList<RunRecord> runs = tenant.RunsOldestFirst;
        (int first, int end) = Window(tenant, since, until);
        for (int i = end - 1; i >= first; i--)
        {
            yield return runs[i];
        }
    }

    /// <summary>Index range [first, end) of the oldest-first runs with since &lt;= insertedAt &lt;= until.</summary>
    private static (int First, int End) Window(TenantData tenant, DateTimeOffset since, DateTimeOffset? until)
    {
        int first = tenant.FirstRunIndexAtOrAfter(since);
        // until is inclusive at the wire's microsecond precision.
        int end = until is { } u ? tenant.FirstRunIndexAtOrAfter(WireTime.ToMicros(u).AddTicks(10)) : tenant.RunsOldestFirst.Count;
        return (first, Math.Max(first, end));
    }

    private static Dictionary<Guid, List<RunRecord>> ChildRunsByParentTask(TenantData tenant)
    {
        var map = new Dictionary<Guid, List<RunRecord>>();
        foreach (RunRecord r in tenant.RunsOldestFirst)
        {
            if (r.ParentTaskExternalId is { } parent)
            {
                if (!map.TryGetValue(parent, out List<RunRecord>? list))
                {
                    map[parent] = list = [];
                }

                list.Add(r);
            }
        }

        return map;
    }

    private static void AddTimings(List<WireTaskTiming> rows, RunRecord run, int level, int maxDepth,
        Dictionary<Guid, List<RunRecord>>? childRuns, Guid? parentTask)
    {
        var tasks = new List<TaskRecord>(run.Tasks);
        tasks.Sort(static (a, b) =>
        {
            int c = (a.QueuedAt ?? a.InsertedAt).CompareTo(b.QueuedAt ?? b.InsertedAt);
            return c != 0 ? c : a.TaskId.CompareTo(b.TaskId);
        });
        foreach (TaskRecord task in tasks)
        {
            rows.Add(new WireTaskTiming
            {
                Metadata = WireMapper.Meta(task.ExternalId, task.InsertedAt, task.InsertedAt),
                Depth = level,
                Status = task.Status.ToString(),
                TaskDisplayName = task.DisplayName,
                TaskExternalId = task.ExternalId,
                TaskId = task.TaskId,
                TaskInsertedAt = task.InsertedAt,
                TenantId = run.TenantId,
                ParentTaskExternalId = parentTask,
                QueuedAt = task.QueuedAt,
                StartedAt = task.StartedAt,
                FinishedAt = task.FinishedAt,
                WorkflowRunId = run.ExternalId,
                RetryCount = task.RetryCount,
                Attempt = task.Attempt,
            });
            if (level < maxDepth && childRuns is not null && childRuns.TryGetValue(task.ExternalId, out List<RunRecord>? children))
            {
                foreach (RunRecord child in children)
                {
                    AddTimings(rows, child, level + 1, maxDepth, childRuns, task.ExternalId);
                }
            }
        }
    }
}
