using HatchetMcp.Emulator.Model;
using Microsoft.AspNetCore.Http;

namespace HatchetMcp.Emulator.Http.Endpoints;

/// <summary>Cron triggers (§5.11): list, get, create by workflow NAME, delete.</summary>
internal static class CronEndpoints
{
    public static ApiResult List(ApiCall call)
    {
        QueryBinder q = call.Query;
        (long offset, long limit) = ClassicPage(q);
        Guid? workflowId = q.Uuid("workflowId");
        string? workflowName = q.String("workflowName");
        string? cronName = q.String("cronName");
        List<KeyValuePair<string, string>>? metadata = RunListFilter.ParseMetadata(q.Strings("additionalMetadata"));
        bool byName = q.String("orderByField") == "name";
        bool ascending = q.String("orderByDirection") == "ASC";

        var matching = new List<CronRecord>();
        foreach (CronRecord cron in call.Tenant.Crons)
        {
            if ((workflowId is { } w && cron.Workflow.Id != w) ||
                (!string.IsNullOrEmpty(workflowName) && cron.Workflow.Name != workflowName) ||
                (!string.IsNullOrEmpty(cronName) && cron.Name != cronName) ||
                (metadata is not null && !metadata.TrueForAll(m => AdditionalMetadata.Has(cron.AdditionalMetadata, m.Key, m.Value))))
            {
                continue;
            }

            matching.Add(cron);
        }

        matching.Sort((a, b) =>
        {
            int c = byName ? string.CompareOrdinal(a.Name, b.Name) : a.CreatedAt.CompareTo(b.CreatedAt);
            if (c == 0)
            {
                c = a.Id.CompareTo(b.Id);
            }

            return ascending ? c : -c;
        });

        var rows = new List<WireCron>();
        foreach (CronRecord cron in Paging.Window(matching, offset, limit))
        {
            rows.Add(Cron(cron));
        }

        return ApiResult.Json(new WireCronList(rows, Paging.Classic(offset, limit, matching.Count)), EmulatorJson.Context.WireCronList);
    }

    public static ApiResult Get(ApiCall call) => ApiResult.Json(Cron(call.Cron!), EmulatorJson.Context.WireCron);

    public static ApiResult Create(ApiCall call)
    {
        WireCreateCronRequest body = call.Body(EmulatorJson.Context.WireCreateCronRequest);
        if (string.IsNullOrEmpty(body.CronName))
        {
            return ApiResult.Errors(StatusCodes.Status400BadRequest, "cron name is required");
        }

        if (string.IsNullOrWhiteSpace(body.CronExpression))
        {
            return ApiResult.Errors(StatusCodes.Status400BadRequest, "cron expression is required");
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

        if (call.Tenant.Crons.Any(c => c.Workflow == workflow && c.Name == body.CronName && c.Expression == body.CronExpression))
        {
            return ApiResult.Errors(StatusCodes.Status400BadRequest, "cron trigger with that name-expression pair already exists");
        }

        var cron = new CronRecord
        {
            Id = call.Tenant.Ids.Next(),
            Tenant = call.Tenant,
            Workflow = workflow,
            Version = workflow.Latest,
            Name = body.CronName,
            Expression = body.CronExpression,
            InputJson = JsonObjects.IsObject(body.Input) ? body.Input!.Value.Text : "{}",
            AdditionalMetadata = AdditionalMetadata.From(JsonObjects.StringMap(body.AdditionalMetadata)),
            Method = WorkflowTriggerMethod.API,
            Priority = body.Priority ?? 1,
            CreatedAt = call.Now,
            UpdatedAt = call.Now,
        };
        call.Tenant.AddCron(cron);
        return ApiResult.Json(Cron(cron), EmulatorJson.Context.WireCron);
    }

    public static ApiResult Delete(ApiCall call)
    {
        call.Tenant.RemoveCron(call.Cron!);
        return ApiResult.Empty(StatusCodes.Status204NoContent);
    }

    public static ApiResult Update(ApiCall call)
    {
        WireCronUpdate body = call.Body(EmulatorJson.Context.WireCronUpdate);
        if (body.Enabled is { } enabled)
        {
            call.Cron!.Enabled = enabled;
            call.Cron.UpdatedAt = call.Now;
        }

        return ApiResult.Empty(StatusCodes.Status204NoContent);
    }

    /// <summary>Runs the cron's workflow now with its input and metadata.</summary>
    public static ApiResult TriggerNow(ApiCall call)
    {
        CronRecord cron = call.Cron!;
        return TriggerNow(call, cron.Workflow.Name, cron.InputJson, cron.AdditionalMetadata, cron.Priority);
    }

    public static ApiResult TriggerNow(ApiCall call, string workflowName, string inputJson,
        IReadOnlyList<KeyValuePair<string, string>> metadata, int priority)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> kv in metadata)
        {
            map[kv.Key] = kv.Value;
        }

        try
        {
            RunRecord run = call.Runtime.Engine.Trigger(call.Tenant, workflowName, inputJson, map, priority, call.Now);
            return ApiResult.Json(new WireTriggerRunResult(run.ExternalId), EmulatorJson.Context.WireTriggerRunResult);
        }
        catch (Engine.WorkflowNotFoundException e)
        {
            return ApiResult.Errors(StatusCodes.Status400BadRequest, e.Message);
        }
    }

    /// <summary>Workflows, workers, crons, scheduled and rate limits: limit &lt;= 0 is 50, offset &lt; 0 is 0.</summary>
    public static (long Offset, long Limit) ClassicPage(QueryBinder q)
    {
        long offset = Math.Max(0, q.Int64("offset") ?? 0);
        long limit = q.Int64("limit") ?? 50;
        return (offset, limit <= 0 ? 50 : limit);
    }

    private static WireCron Cron(CronRecord cron) => new()
    {
        Metadata = WireMapper.Meta(cron.Id, cron.CreatedAt, cron.UpdatedAt == default ? cron.CreatedAt : cron.UpdatedAt),
        TenantId = cron.Tenant.Id.ToString(),
        WorkflowVersionId = cron.Version.Id.ToString(),
        WorkflowId = cron.Workflow.Id.ToString(),
        WorkflowName = cron.Workflow.Name,
        Cron = cron.Expression,
        Name = cron.Name,
        Input = RawJson.ObjectOrEmpty(cron.InputJson),
        AdditionalMetadata = WireMapper.MetadataObject(cron.AdditionalMetadata),
        Enabled = cron.Enabled,
        Method = cron.Method.ToString(),
        Priority = cron.Priority,
    };
}
