using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Http.Endpoints;

/// <summary>Workers (§5.6): list (heartbeat within 24 h, default limit 10000), get (registered workflows), pause.</summary>
internal static class WorkerEndpoints
{
    private static readonly TimeSpan ListWindow = TimeSpan.FromHours(24);

    public static ApiResult List(ApiCall call)
    {
        long offset = Math.Max(0, call.Query.Int64("offset") ?? 0);
        long limit = call.Query.Int64("limit") ?? 10000;
        if (limit <= 0)
        {
            limit = 10000;
        }

        HashSet<WorkerStatus>? statuses = null;
        foreach (string value in call.Query.Strings("statuses"))
        {
            if (Enum.TryParse(value, ignoreCase: false, out WorkerStatus status) && Enum.IsDefined(status) && !char.IsAsciiDigit(value[0]))
            {
                (statuses ??= []).Add(status);
            }
        }

        var labels = new List<KeyValuePair<string, string>>();
        foreach (string value in call.Query.Strings("labels"))
        {
            if (!AdditionalMetadata.TryParseFilter(value, out string key, out string v))
            {
                return ApiResult.Errors(Microsoft.AspNetCore.Http.StatusCodes.Status400BadRequest, $"invalid label filter format: {value}");
            }

            labels.Add(new KeyValuePair<string, string>(key, v));
        }

        var matching = new List<WorkerRecord>();
        foreach (WorkerRecord worker in call.Tenant.Workers)
        {
            if (call.Now - worker.LastHeartbeatAt > ListWindow ||
                (statuses is not null && !statuses.Contains(worker.StatusAt(call.Now))) ||
                !labels.TrueForAll(l => worker.Labels.Exists(w => w.Key == l.Key && w.Value == l.Value)))
            {
                continue;
            }

            matching.Add(worker);
        }

        var rows = new List<WireWorker>();
        foreach (WorkerRecord worker in Paging.Window(matching, offset, limit))
        {
            rows.Add(Worker(worker, call.Now, detailed: false));
        }

        return ApiResult.Json(new WireWorkerList(Paging.Classic(offset, limit, matching.Count), rows),
            EmulatorJson.Context.WireWorkerList);
    }

    public static ApiResult Get(ApiCall call) =>
        ApiResult.Json(Worker(call.Worker!, call.Now, detailed: true), EmulatorJson.Context.WireWorker);

    public static ApiResult Update(ApiCall call)
    {
        WireWorkerUpdate body = call.Body(EmulatorJson.Context.WireWorkerUpdate);
        WorkerRecord worker = call.Worker!;
        if (body.IsPaused is { } paused)
        {
            worker.IsPaused = paused;
            worker.UpdatedAt = call.Now;
        }

        return ApiResult.Json(Worker(worker, call.Now, detailed: false), EmulatorJson.Context.WireWorker);
    }

    private static WireWorker Worker(WorkerRecord worker, DateTimeOffset now, bool detailed)
    {
        var slots = new Dictionary<string, WireWorkerSlotConfig>
        {
            ["default"] = new(worker.AvailableSlots, worker.SlotLimit),
        };
        if (worker.DurableSlotLimit > 0)
        {
            slots["durable"] = new(worker.AvailableDurableSlots, worker.DurableSlotLimit);
        }

        List<WireRegisteredWorkflow>? registered = null;
        if (detailed)
        {
            registered = [];
            foreach (WorkflowDefinition workflow in worker.Tenant.Workflows)
            {
                if (workflow.Versions.Count > 0 && workflow.Latest.Steps.Exists(s => worker.Serves(s.ActionId)))
                {
                    registered.Add(new WireRegisteredWorkflow(workflow.Id, workflow.Name));
                }
            }
        }

        var labels = new List<WireWorkerLabel>(worker.Labels.Count);
        foreach (WorkerLabel label in worker.Labels)
        {
            labels.Add(new WireWorkerLabel(WireMapper.Meta(label.Id, label.CreatedAt, label.CreatedAt), label.Key, label.Value));
        }

        return new WireWorker
        {
            Metadata = WireMapper.Meta(worker.Id, worker.CreatedAt, worker.UpdatedAt),
            Name = worker.Name,
            Type = worker.Type.ToString(),
            LastHeartbeatAt = worker.LastHeartbeatAt == default ? null : worker.LastHeartbeatAt,
            Actions = [.. worker.Actions],
            RegisteredWorkflows = registered,
            RecentStepRuns = detailed ? [] : null,
            Status = worker.StatusAt(now).ToString(),
            SlotConfig = slots,
            DispatcherId = worker.DispatcherId == Guid.Empty ? null : worker.DispatcherId,
            Labels = labels.Count > 0 ? labels : null,
            RuntimeInfo = worker.SdkVersion is null && worker.Language is null
                ? null
                : new WireWorkerRuntimeInfo(worker.SdkVersion, worker.Language?.ToString(), worker.LanguageVersion, worker.Os),
        };
    }
}
