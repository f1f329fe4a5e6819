using HatchetMcp.Emulator.Model;
using Microsoft.AspNetCore.Http;

namespace HatchetMcp.Emulator.Http.Endpoints;

/// <summary>Workflows: list, get (with the latest version), version get (server-behaviour §5.2).</summary>
internal static class WorkflowEndpoints
{
    public static ApiResult List(ApiCall call)
    {
        long offset = call.Query.Int64("offset") ?? 0;
        long limit = call.Query.Int64("limit") ?? 50;
        if (limit <= 0)
        {
            limit = 50;
        }

        if (offset < 0)
        {
            offset = 0;
        }

        string? name = call.Query.String("name");
        var matching = new List<WorkflowDefinition>();
        foreach (WorkflowDefinition workflow in call.Tenant.Workflows)
        {
            if (string.IsNullOrEmpty(name) || workflow.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
            {
                matching.Add(workflow);
            }
        }

        // Hatchet lists newest workflows first.
        matching.Sort(static (a, b) =>
        {
            int c = b.CreatedAt.CompareTo(a.CreatedAt);
            return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
        });

        var rows = new List<WireWorkflow>();
        foreach (WorkflowDefinition workflow in Paging.Window(matching, offset, limit))
        {
            rows.Add(new WireWorkflow
            {
                Metadata = WireMapper.Meta(workflow.Id, workflow.CreatedAt, workflow.UpdatedAt),
                Name = workflow.Name,
                Description = workflow.Description,
                IsPaused = workflow.IsPaused,
                PausedWorkflowCronRunQueueBehavior = workflow.PausedCronRunBehavior,
                PausedWorkflowScheduledRunQueueBehavior = workflow.PausedScheduledRunBehavior,
                TenantId = "",
            });
        }

        return ApiResult.Json(new WireWorkflowList(rows, Paging.Classic(offset, limit, matching.Count)),
            EmulatorJson.Context.WireWorkflowList);
    }

    public static ApiResult Get(ApiCall call)
    {
        WorkflowDefinition workflow = call.Workflow!;
        if (workflow.Versions.Count == 0)
        {
            return ApiResult.Json(new WireApiErrorsNull(), EmulatorJson.Context.WireApiErrorsNull, StatusCodes.Status404NotFound);
        }

        return ApiResult.Json(Workflow(workflow, withVersions: true), EmulatorJson.Context.WireWorkflow);
    }

    /// <summary>Pause or unpause: answers the workflow as workflow get does.</summary>
    public static ApiResult Update(ApiCall call)
    {
        WireWorkflowUpdate body = call.Body(EmulatorJson.Context.WireWorkflowUpdate);
        WorkflowDefinition workflow = call.Workflow!;
        switch (body.Pause?.Action)
        {
            case "pause":
                workflow.IsPaused = true;
                workflow.PausedCronRunBehavior = body.Pause.PausedWorkflowCronRunQueueBehavior;
                workflow.PausedScheduledRunBehavior = body.Pause.PausedWorkflowScheduledRunQueueBehavior;
                workflow.UpdatedAt = call.Now;
                break;
            case "unpause":
                workflow.IsPaused = false;
                workflow.UpdatedAt = call.Now;
                break;
            case null:
                break;
            default:
                return ApiResult.Errors(StatusCodes.Status400BadRequest, $"invalid pause action: {body.Pause.Action}");
        }

        return ApiResult.Json(Workflow(workflow, withVersions: true), EmulatorJson.Context.WireWorkflow);
    }

    public static ApiResult Version(ApiCall call)
    {
        WorkflowDefinition workflow = call.Workflow!;
        Guid? versionId = call.Query.Uuid("version");
        WorkflowVersionDefinition? version;
        if (versionId is { } id)
        {
            version = workflow.Versions.Find(v => v.Id == id);
            if (version is null)
            {
                return ApiResult.Errors(StatusCodes.Status404NotFound, "version not found");
            }
        }
        else if (workflow.Versions.Count > 0)
        {
            version = workflow.Latest;
        }
        else
        {
            return ApiResult.Errors(StatusCodes.Status404NotFound, "workflow not found");
        }

        var events = new List<WireEventTrigger>();
        foreach (string key in version.EventTriggers)
        {
            events.Add(new WireEventTrigger(version.Id.ToString(), key));
        }

        var crons = new List<WireCronTrigger>();
        foreach (string cron in version.CronTriggers)
        {
            crons.Add(new WireCronTrigger(version.Id.ToString(), cron));
        }

        ConcurrencyDefinition? concurrency = version.Concurrency;
        return ApiResult.Json(new WireWorkflowVersion
        {
            Metadata = WireMapper.Meta(version.Id, version.CreatedAt, version.CreatedAt),
            Version = version.Version,
            Order = version.Order,
            WorkflowId = "",
            DefaultPriority = version.DefaultPriority,
            Workflow = Workflow(workflow, withVersions: false),
            Concurrency = concurrency is null
                ? null
                : new WireWorkflowConcurrency(concurrency.MaxRuns, concurrency.Strategy.ToString(), concurrency.Expression),
            Triggers = new WireWorkflowTriggers
            {
                WorkflowVersionId = version.Id.ToString(),
                TenantId = workflow.Tenant.Id.ToString(),
                Events = events,
                Crons = crons,
            },
            ScheduleTimeout = version.ScheduleTimeout,
            WorkflowConfig = WireMapper.WorkflowConfig(version),
            V1Concurrency = concurrency is null
                ? null
                : [new WireConcurrencySetting(concurrency.MaxRuns, concurrency.Strategy.ToString(), concurrency.Expression, null, concurrency.Scope.ToString())],
            InputJsonSchema = version.InputJsonSchema is null ? null : new RawJson(version.InputJsonSchema),
        }, EmulatorJson.Context.WireWorkflowVersion);
    }

    private static WireWorkflow Workflow(WorkflowDefinition workflow, bool withVersions)
    {
        List<WireWorkflowVersionMeta>? versions = null;
        if (withVersions && workflow.Versions.Count > 0)
        {
            WorkflowVersionDefinition latest = workflow.Latest;
            versions =
            [
                new WireWorkflowVersionMeta
                {
                    Metadata = WireMapper.Meta(latest.Id, latest.CreatedAt, latest.CreatedAt),
                    Version = latest.Version,
                    Order = latest.Order,
                    WorkflowId = workflow.Id.ToString(),
                },
            ];
        }

        return new WireWorkflow
        {
            Metadata = WireMapper.Meta(workflow.Id, workflow.CreatedAt, workflow.UpdatedAt),
            Name = workflow.Name,
            Description = workflow.Description,
            IsPaused = workflow.IsPaused,
            PausedWorkflowCronRunQueueBehavior = workflow.PausedCronRunBehavior,
            PausedWorkflowScheduledRunQueueBehavior = workflow.PausedScheduledRunBehavior,
            Versions = versions,
            TenantId = workflow.Tenant.Id.ToString(),
        };
    }
}
