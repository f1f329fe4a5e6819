using HatchetMcp.Emulator.Model;
using Microsoft.AspNetCore.Http;

namespace HatchetMcp.Emulator.Http.Endpoints;

/// <summary>Scheduled runs (§5.11): list, get, create by workflow NAME, delete (403 for code-defined ones).</summary>
internal static class ScheduledEndpoints
{
    public static ApiResult List(ApiCall call)
    {
        QueryBinder q = call.Query;
        (long offset, long limit) = CronEndpoints.ClassicPage(q);
        Guid? workflowId = q.Uuid("workflowId");
        Guid? parentRun = q.Uuid("parentWorkflowRunId");
        Guid? parentStep = q.Uuid("parentStepRunId");
        List<KeyValuePair<string, string>>? metadata = RunListFilter.ParseMetadata(q.Strings("additionalMetadata"));
        HashSet<ScheduledRunStatus>? statuses = null;
        foreach (string value in q.Strings("statuses"))
        {
            if (Enum.TryParse(value, ignoreCase: false, out ScheduledRunStatus status) && Enum.IsDefined(status) && !char.IsAsciiDigit(value[0]))
            {
                (statuses ??= []).Add(status);
            }
        }

        bool byCreated = q.String("orderByField") == "createdAt";
        bool ascending = q.String("orderByDirection") == "ASC";

        var matching = new List<ScheduledRecord>();
        foreach (ScheduledRecord s in call.Tenant.Scheduled)
        {
            if ((workflowId is { } w && s.Workflow.Id != w) ||
                (parentRun is { } pr && s.ParentWorkflowRunId != pr) ||
                (parentStep is { } ps && s.ParentStepRunId != ps) ||
                (statuses is not null && !statuses.Contains(s.Status)) ||
                (metadata is not null && !metadata.TrueForAll(m => AdditionalMetadata.Has(s.AdditionalMetadata, m.Key, m.Value))))
            {
                continue;
            }

            matching.Add(s);
        }

        matching.Sort((a, b) =>
        {
            int c = byCreated ? a.CreatedAt.CompareTo(b.CreatedAt) : a.TriggerAt.CompareTo(b.TriggerAt);
            if (c == 0)
            {
                c = a.Id.CompareTo(b.Id);
            }

            return ascending ? c : -c;
        });

        var rows = new List<WireScheduled>();
        foreach (ScheduledRecord s in Paging.Window(matching, offset, limit))
        {
            rows.Add(Scheduled(s));
        }

        return ApiResult.Json(new WireScheduledList(rows, Paging.Classic(offset, limit, matching.Count)),
            EmulatorJson.Context.WireScheduledList);
    }

    public static ApiResult Get(ApiCall call) => ApiResult.Json(Scheduled(call.Scheduled!), EmulatorJson.Context.WireScheduled);

    public static ApiResult Create(ApiCall call)
    {
        WireCreateScheduledRequest body = call.Body(EmulatorJson.Context.WireCreateScheduledRequest);
        if (body.TriggerAt is not { } triggerAt)
        {
            throw new BindingException("request body has an error: doesn't match schema #/components/schemas/ScheduleWorkflowRunRequest: property \"triggerAt\" is missing");
        }

        if (body.Priority is { } priority && priority is < 1 or > 3)
        {
            return ApiResult.Errors(StatusCodes.Status400BadRequest, $"priority must be between 1 and 3, got {priority}");
        }

        WorkflowDefinition? workflow = call.Tenant.FindWorkflow(call.RouteValue("workflow"));
        if (workflow is null || workflow.Versions.Count == 0)
        {
            return ApiResult.Errors(StatusCodes.Status400BadRequest, "workflow not found");
        }

        var scheduled = new ScheduledRecord
        {
            Id = call.Tenant.Ids.Next(),
            Tenant = call.Tenant,
            Workflow = workflow,
            Version = workflow.Latest,
            TriggerAt = triggerAt,
            InputJson = JsonObjects.IsObject(body.Input) ? body.Input!.Value.Text : "{}",
            AdditionalMetadata = AdditionalMetadata.From(JsonObjects.StringMap(body.AdditionalMetadata)),
            Method = WorkflowTriggerMethod.API,
            Priority = body.Priority ?? 1,
            CreatedAt = call.Now,
            UpdatedAt = call.Now,
        };
        call.Tenant.AddScheduled(scheduled);
        return ApiResult.Json(Scheduled(scheduled), EmulatorJson.Context.WireScheduled);
    }

    /// <summary>Runs the scheduled workflow now with its input and metadata.</summary>
    public static ApiResult TriggerNow(ApiCall call)
    {
        ScheduledRecord s = call.Scheduled!;
        return CronEndpoints.TriggerNow(call, s.Workflow.Name, s.InputJson, s.AdditionalMetadata, s.Priority);
    }

    public static ApiResult Delete(ApiCall call)
    {
        ScheduledRecord scheduled = call.Scheduled!;
        if (scheduled.Method != WorkflowTriggerMethod.API)
        {
            return ApiResult.Error(StatusCodes.Status403Forbidden, "Cannot delete scheduled run created via code definition.");
        }

        call.Tenant.RemoveScheduled(scheduled);
        return ApiResult.Empty(StatusCodes.Status204NoContent);
    }

    private static WireScheduled Scheduled(ScheduledRecord s)
    {
        RunRecord? run = s.Run;
        return new WireScheduled
        {
            Metadata = WireMapper.Meta(s.Id, s.CreatedAt, s.UpdatedAt == default ? s.CreatedAt : s.UpdatedAt),
            TenantId = s.Tenant.Id.ToString(),
            WorkflowVersionId = s.Version.Id.ToString(),
            WorkflowId = s.Workflow.Id.ToString(),
            WorkflowName = s.Workflow.Name,
            TriggerAt = s.TriggerAt,
            Input = RawJson.ObjectOrEmpty(s.InputJson),
            AdditionalMetadata = WireMapper.MetadataObject(s.AdditionalMetadata),
            WorkflowRunCreatedAt = run?.InsertedAt,
            WorkflowRunName = run?.DisplayName,
            WorkflowRunStatus = run?.Status.ToWorkflowRunStatus().ToString(),
            WorkflowRunId = run?.ExternalId,
            Method = s.Method.ToString(),
            Priority = s.Priority,
        };
    }
}
