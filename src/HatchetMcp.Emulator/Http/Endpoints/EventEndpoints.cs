using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Http.Endpoints;

/// <summary>v1 events: list (default window the last 24 h), get, keys (§5.10).</summary>
internal static class EventEndpoints
{
    public static ApiResult List(ApiCall call)
    {
        QueryBinder q = call.Query;
        long offset = Math.Max(0, q.Int64("offset") ?? 0);
        long limit = q.Int64("limit") ?? 50;
        if (limit <= 0)
        {
            limit = 50;
        }

        DateTimeOffset since = q.Date("since") ?? call.Now.AddDays(-1);
        DateTimeOffset? until = q.Date("until");
        var keys = new HashSet<string>(q.Strings("keys"), StringComparer.Ordinal);
        var workflowIds = new HashSet<Guid>(q.Uuids("workflowIds"));
        var eventIds = new HashSet<Guid>(q.Uuids("eventIds"));
        var scopes = new HashSet<string>(q.Strings("scopes"), StringComparer.Ordinal);
        HashSet<V1TaskStatus>? runStatuses = RunListFilter.ParseStatuses(q.Strings("workflowRunStatuses"));
        var metadata = new List<KeyValuePair<string, string>>();
        foreach (string value in q.Strings("additionalMetadata"))
        {
            if (!AdditionalMetadata.TryParseFilter(value, out string k, out string v))
            {
                throw new InternalServerErrorException("invalid additional metadata filter");
            }

            metadata.Add(new KeyValuePair<string, string>(k, v));
        }

        var matching = new List<EventRecord>();
        IReadOnlyList<EventRecord> events = call.Tenant.Events;
        for (int i = events.Count - 1; i >= 0; i--)
        {
            EventRecord e = events[i];
            if (e.SeenAt < since)
            {
                break;
            }

            if ((until is { } u && e.SeenAt > u) ||
                (keys.Count > 0 && !keys.Contains(e.Key)) ||
                (eventIds.Count > 0 && !eventIds.Contains(e.Id)) ||
                (scopes.Count > 0 && (e.Scope is null || !scopes.Contains(e.Scope))) ||
                (workflowIds.Count > 0 && !e.TriggeredRuns.Exists(r => workflowIds.Contains(r.Workflow.Id))) ||
                (runStatuses is not null && !e.TriggeredRuns.Exists(r => runStatuses.Contains(r.Status))) ||
                !metadata.TrueForAll(m => AdditionalMetadata.Has(e.AdditionalMetadata, m.Key, m.Value)))
            {
                continue;
            }

            matching.Add(e);
        }

        var rows = new List<WireEvent>();
        foreach (EventRecord e in Paging.Window(matching, offset, limit))
        {
            rows.Add(Event(e));
        }

        return ApiResult.Json(new WireEventList(Paging.Events(offset, limit, matching.Count), rows),
            EmulatorJson.Context.WireEventList);
    }

    public static ApiResult Get(ApiCall call) => ApiResult.Json(Event(call.Event!), EmulatorJson.Context.WireEvent);

    public static ApiResult Keys(ApiCall call)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (EventRecord e in call.Tenant.Events)
        {
            keys.Add(e.Key);
        }

        return ApiResult.Json(new WireEventKeyList([.. keys]), EmulatorJson.Context.WireEventKeyList);
    }

    private static WireEvent Event(EventRecord e)
    {
        long running = 0, queued = 0, succeeded = 0, failed = 0, cancelled = 0;
        var triggered = new List<WireEventTriggeredRun>(e.TriggeredRuns.Count);
        foreach (RunRecord run in e.TriggeredRuns)
        {
            triggered.Add(new WireEventTriggeredRun(run.ExternalId, null));
            switch (run.Status)
            {
                case V1TaskStatus.RUNNING: running++; break;
                case V1TaskStatus.QUEUED: queued++; break;
                case V1TaskStatus.COMPLETED: succeeded++; break;
                case V1TaskStatus.FAILED: failed++; break;
                default: cancelled++; break;
            }
        }

        return new WireEvent
        {
            Metadata = WireMapper.Meta(e.Id, e.SeenAt, e.SeenAt),
            Key = e.Key,
            TenantId = "",
            WorkflowRunSummary = new WireEventRunSummary(running, queued, succeeded, failed, cancelled),
            AdditionalMetadata = WireMapper.MetadataObject(e.AdditionalMetadata),
            Payload = RawJson.ObjectOrEmpty(e.PayloadJson),
            Scope = e.Scope,
            SeenAt = e.SeenAt,
            TriggeredRuns = triggered,
        };
    }
}
