using HatchetMcp.Emulator.Engine;
using HatchetMcp.Emulator.Model;
using Microsoft.AspNetCore.Http;

namespace HatchetMcp.Emulator.Http.Endpoints;

/// <summary>Tasks: get (by attempt), events, cancel and replay (§4, §5.5, §5.9).</summary>
internal static class TaskEndpoints
{
    /// <summary>Runs a filter may select: replay reads at most 1000 runs, cancel 20000.</summary>
    private const int ReplayFilterLimit = 1000;
    private const int CancelFilterLimit = 20000;

    public static ApiResult Get(ApiCall call)
    {
        TaskRecord task = call.Task!;
        long? attempt = call.Query.Int64("attempt");
        if (attempt is { } a && a < 1)
        {
            return ApiResult.Message(StatusCodes.Status400BadRequest, "Attempt must be greater than 0");
        }

        WireTaskSummary current = WireMapper.TaskSummary(task, includePayloads: true);
        if (attempt is { } wanted && wanted != task.Attempt)
        {
            if (wanted > task.Attempt)
            {
                return ApiResult.Errors(StatusCodes.Status404NotFound, "task not found");
            }

            current = PastAttempt(task, (int)wanted - 1);
        }

        return ApiResult.Json(new WireTaskSummary
        {
            Metadata = current.Metadata,
            ActionId = current.ActionId,
            RetryCount = current.RetryCount,
            Attempt = current.Attempt,
            AdditionalMetadata = current.AdditionalMetadata,
            CreatedAt = current.CreatedAt,
            DisplayName = current.DisplayName,
            Duration = current.Duration,
            IsDurable = task.IsDurable,
            ErrorMessage = current.ErrorMessage,
            FinishedAt = current.FinishedAt,
            Input = current.Input,
            NumSpawnedChildren = SpawnedChildren(task),
            Output = current.Output,
            Status = current.Status,
            IsEvicted = false,
            StartedAt = current.StartedAt,
            StepId = current.StepId,
            TaskExternalId = current.TaskExternalId,
            TaskId = current.TaskId,
            TaskInsertedAt = current.TaskInsertedAt,
            TenantId = current.TenantId,
            Type = "TASK",
            WorkflowId = current.WorkflowId,
            WorkflowName = current.WorkflowName,
            WorkflowRunExternalId = current.WorkflowRunExternalId,
            WorkflowVersionId = current.WorkflowVersionId,
            WorkflowConfig = WireMapper.WorkflowConfig(task.Run.Version),
            ParentTaskExternalId = current.ParentTaskExternalId,
        }, EmulatorJson.Context.WireTaskSummary);
    }

    public static ApiResult Events(ApiCall call)
    {
        _ = call.Query.Int64("offset");
        _ = call.Query.Int64("limit");
        TaskRecord task = call.Task!;
        var rows = new List<WireTaskEvent>(task.Events.Count);
        foreach (TaskEventRecord e in task.Events)
        {
            rows.Add(WireMapper.TaskEvent(e, includeOutput: false));
        }

        return ApiResult.Json(new WireTaskEventList(new WirePagination(null, null, null), rows),
            EmulatorJson.Context.WireTaskEventList);
    }

    public static ApiResult Cancel(ApiCall call)
    {
        WireTaskBulkRequest body = call.Body(EmulatorJson.Context.WireTaskBulkRequest);
        IReadOnlyList<Guid> ids = Select(call, body, CancelFilterLimit);
        IReadOnlyList<Guid> echoed = call.Runtime.Engine.Cancel(call.Tenant, ids, call.Now);
        return ApiResult.Json(new WireTaskIds([.. echoed]), EmulatorJson.Context.WireTaskIds);
    }

    public static ApiResult Replay(ApiCall call)
    {
        WireTaskBulkRequest body = call.Body(EmulatorJson.Context.WireTaskBulkRequest);
        IReadOnlyList<Guid> ids = Select(call, body, ReplayFilterLimit);
        IReadOnlyList<Guid> taskIds = call.Runtime.Engine.Replay(call.Tenant, ids, call.Now);
        return ApiResult.Json(new WireTaskIds([.. taskIds]), EmulatorJson.Context.WireTaskIds);
    }

    /// <summary>externalIds xor filter: both (or neither) is a gRPC InvalidArgument, which the handler turns into 500.</summary>
    private static IReadOnlyList<Guid> Select(ApiCall call, WireTaskBulkRequest body, int filterLimit)
    {
        bool hasIds = body.ExternalIds is { Count: > 0 };
        if (hasIds == body.Filter is not null)
        {
            throw new InternalServerErrorException("must provide either externalIds or filter, not both");
        }

        if (hasIds)
        {
            return body.ExternalIds!;
        }

        WireTaskFilter filter = body.Filter!;
        var statuses = new List<V1TaskStatus>();
        foreach (string s in filter.Statuses ?? [])
        {
            if (Enum.TryParse(s, ignoreCase: false, out V1TaskStatus status) && Enum.IsDefined(status))
            {
                statuses.Add(status);
            }
        }

        try
        {
            return call.Runtime.Engine.SelectRuns(call.Tenant,
                new RunFilter(filter.Since ?? DateTimeOffset.MinValue, filter.Until, statuses.Count > 0 ? statuses : null,
                    filter.WorkflowIds is { Count: > 0 } ? filter.WorkflowIds : null, filter.AdditionalMetadata),
                filterLimit);
        }
        catch (FormatException e)
        {
            throw new InternalServerErrorException(e.Message);
        }
    }

    /// <summary>A previous attempt, rebuilt from that attempt's events.</summary>
    private static WireTaskSummary PastAttempt(TaskRecord task, int retryCount)
    {
        DateTimeOffset? startedAt = null, finishedAt = null;
        string status = V1TaskStatus.FAILED.ToString();
        string errorMessage = "";
        foreach (TaskEventRecord e in task.Events)
        {
            if (e.RetryCount != retryCount)
            {
                continue;
            }

            switch (e.Type)
            {
                case V1TaskEventType.STARTED:
                    startedAt = e.Timestamp;
                    break;
                case V1TaskEventType.FAILED or V1TaskEventType.TIMED_OUT:
                    finishedAt = e.Timestamp;
                    status = V1TaskStatus.FAILED.ToString();
                    errorMessage = e.ErrorMessage ?? e.Message;
                    break;
                case V1TaskEventType.CANCELLED:
                    finishedAt = e.Timestamp;
                    status = V1TaskStatus.CANCELLED.ToString();
                    break;
                case V1TaskEventType.FINISHED:
                    finishedAt = e.Timestamp;
                    status = V1TaskStatus.COMPLETED.ToString();
                    break;
            }
        }

        WireTaskSummary now = WireMapper.TaskSummary(task, includePayloads: true);
        return new WireTaskSummary
        {
            Metadata = now.Metadata,
            ActionId = now.ActionId,
            RetryCount = retryCount,
            Attempt = retryCount + 1,
            AdditionalMetadata = now.AdditionalMetadata,
            CreatedAt = now.CreatedAt,
            DisplayName = now.DisplayName,
            Duration = WireMapper.DurationMs(startedAt, finishedAt),
            ErrorMessage = errorMessage,
            FinishedAt = finishedAt,
            Input = now.Input,
            NumSpawnedChildren = 0,
            Output = RawJson.EmptyObject,
            Status = status,
            StartedAt = startedAt,
            StepId = now.StepId,
            TaskExternalId = now.TaskExternalId,
            TaskId = now.TaskId,
            TaskInsertedAt = now.TaskInsertedAt,
            TenantId = now.TenantId,
            Type = "TASK",
            WorkflowId = now.WorkflowId,
            WorkflowName = now.WorkflowName,
            WorkflowRunExternalId = now.WorkflowRunExternalId,
            WorkflowVersionId = now.WorkflowVersionId,
            ParentTaskExternalId = now.ParentTaskExternalId,
        };
    }

    private static int SpawnedChildren(TaskRecord task)
    {
        int count = 0;
        foreach (RunRecord run in task.Run.Tenant.RunsOldestFirst)
        {
            if (run.ParentTaskExternalId == task.ExternalId)
            {
                count++;
            }
        }

        return count;
    }
}
