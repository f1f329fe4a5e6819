using System.Text.Json.Serialization;

namespace HatchetMcp.Emulator.Http;

/// <summary>Tenant.</summary>
internal sealed class WireTenant
{
    public required WireMeta Metadata { get; init; }
    public required string Name { get; init; }
    public required string Slug { get; init; }
    public bool? AnalyticsOptOut { get; init; }
    public bool? AlertMemberEmails { get; init; }
    public required string Version { get; init; }
    public string? Environment { get; init; }
    public string? ServerUrl { get; init; }
}

/// <summary>Workflow (list rows carry tenantId "" and no versions).</summary>
internal sealed class WireWorkflow
{
    public required WireMeta Metadata { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public bool? IsPaused { get; init; }
    public string? PausedWorkflowCronRunQueueBehavior { get; init; }
    public string? PausedWorkflowScheduledRunQueueBehavior { get; init; }
    public List<WireWorkflowVersionMeta>? Versions { get; init; }
    public required string TenantId { get; init; }
}

/// <summary>WorkflowVersionMeta.</summary>
internal sealed class WireWorkflowVersionMeta
{
    public required WireMeta Metadata { get; init; }
    public required string Version { get; init; }
    public required int Order { get; init; }
    public required string WorkflowId { get; init; }
}

/// <summary>WorkflowList.</summary>
internal sealed record WireWorkflowList(List<WireWorkflow> Rows, WirePagination Pagination);

/// <summary>WorkflowTriggers (snake_case ids).</summary>
internal sealed class WireWorkflowTriggers
{
    [JsonPropertyName("workflow_version_id")]
    public string? WorkflowVersionId { get; init; }

    [JsonPropertyName("tenant_id")]
    public string? TenantId { get; init; }

    public List<WireEventTrigger>? Events { get; init; }
    public List<WireCronTrigger>? Crons { get; init; }
}

internal sealed record WireEventTrigger(
    [property: JsonPropertyName("parent_id")] string ParentId,
    [property: JsonPropertyName("event_key")] string EventKey);

internal sealed record WireCronTrigger(
    [property: JsonPropertyName("parent_id")] string ParentId,
    [property: JsonPropertyName("cron")] string Cron);

/// <summary>WorkflowConcurrency.</summary>
internal sealed record WireWorkflowConcurrency(int MaxRuns, string LimitStrategy, string GetConcurrencyGroup);

/// <summary>ConcurrencySetting.</summary>
internal sealed record WireConcurrencySetting(int MaxRuns, string LimitStrategy, string Expression, string? StepReadableId, string Scope);

/// <summary>WorkflowVersion (workflowId sent as "").</summary>
internal sealed class WireWorkflowVersion
{
    public required WireMeta Metadata { get; init; }
    public required string Version { get; init; }
    public required int Order { get; init; }
    public required string WorkflowId { get; init; }
    public int? DefaultPriority { get; init; }
    public WireWorkflow? Workflow { get; init; }
    public WireWorkflowConcurrency? Concurrency { get; init; }
    public WireWorkflowTriggers? Triggers { get; init; }
    public string? ScheduleTimeout { get; init; }
    public RawJson? WorkflowConfig { get; init; }
    public List<WireConcurrencySetting>? V1Concurrency { get; init; }
    public RawJson? InputJsonSchema { get; init; }
}

/// <summary>WorkerSlotConfig.</summary>
internal sealed record WireWorkerSlotConfig(int? Available, int Limit);

/// <summary>RegisteredWorkflow.</summary>
internal sealed record WireRegisteredWorkflow(Guid Id, string Name);

/// <summary>WorkerLabel.</summary>
internal sealed record WireWorkerLabel(WireMeta Metadata, string Key, string? Value);

/// <summary>WorkerRuntimeInfo.</summary>
internal sealed record WireWorkerRuntimeInfo(string? SdkVersion, string? Language, string? LanguageVersion, string? Os);

/// <summary>Worker.</summary>
internal sealed class WireWorker
{
    public required WireMeta Metadata { get; init; }
    public required string Name { get; init; }
    public required string Type { get; init; }
    public DateTimeOffset? LastHeartbeatAt { get; init; }
    public List<string>? Actions { get; init; }
    public List<WireRegisteredWorkflow>? RegisteredWorkflows { get; init; }
    public List<WireRecentStepRun>? RecentStepRuns { get; init; }
    public string? Status { get; init; }
    public Dictionary<string, WireWorkerSlotConfig>? SlotConfig { get; init; }
    public Guid? DispatcherId { get; init; }
    public List<WireWorkerLabel>? Labels { get; init; }
    public WireWorkerRuntimeInfo? RuntimeInfo { get; init; }
}

/// <summary>RecentStepRuns: the emulator, like Hatchet v1, always sends an empty list.</summary>
internal sealed record WireRecentStepRun(Guid Id);

/// <summary>WorkerList.</summary>
internal sealed record WireWorkerList(WirePagination Pagination, List<WireWorker> Rows);

/// <summary>V1EventWorkflowRunSummary.</summary>
internal sealed record WireEventRunSummary(long Running, long Queued, long Succeeded, long Failed, long Cancelled);

/// <summary>V1EventTriggeredRun.</summary>
internal sealed record WireEventTriggeredRun(Guid WorkflowRunId, Guid? FilterId);

/// <summary>V1Event (tenantId sent as "").</summary>
internal sealed class WireEvent
{
    public required WireMeta Metadata { get; init; }
    public required string Key { get; init; }
    public required string TenantId { get; init; }
    public required WireEventRunSummary WorkflowRunSummary { get; init; }
    public RawJson? AdditionalMetadata { get; init; }
    public RawJson? Payload { get; init; }
    public string? Scope { get; init; }
    public DateTimeOffset? SeenAt { get; init; }
    public List<WireEventTriggeredRun>? TriggeredRuns { get; init; }
}

/// <summary>V1EventList.</summary>
internal sealed record WireEventList(WirePagination Pagination, List<WireEvent> Rows);

/// <summary>EventKeyList (no pagination).</summary>
internal sealed record WireEventKeyList(List<string> Rows);

/// <summary>CronWorkflows.</summary>
internal sealed class WireCron
{
    public required WireMeta Metadata { get; init; }
    public required string TenantId { get; init; }
    public required string WorkflowVersionId { get; init; }
    public required string WorkflowId { get; init; }
    public required string WorkflowName { get; init; }
    public required string Cron { get; init; }
    public string? Name { get; init; }
    public RawJson? Input { get; init; }
    public RawJson? AdditionalMetadata { get; init; }
    public required bool Enabled { get; init; }
    public required string Method { get; init; }
    public int? Priority { get; init; }
}

/// <summary>CronWorkflowsList.</summary>
internal sealed record WireCronList(List<WireCron> Rows, WirePagination Pagination);

/// <summary>ScheduledWorkflows.</summary>
internal sealed class WireScheduled
{
    public required WireMeta Metadata { get; init; }
    public required string TenantId { get; init; }
    public required string WorkflowVersionId { get; init; }
    public required string WorkflowId { get; init; }
    public required string WorkflowName { get; init; }
    public required DateTimeOffset TriggerAt { get; init; }
    public RawJson? Input { get; init; }
    public RawJson? AdditionalMetadata { get; init; }
    public DateTimeOffset? WorkflowRunCreatedAt { get; init; }
    public string? WorkflowRunName { get; init; }
    public string? WorkflowRunStatus { get; init; }
    public Guid? WorkflowRunId { get; init; }
    public required string Method { get; init; }
    public int? Priority { get; init; }
}

/// <summary>ScheduledWorkflowsList.</summary>
internal sealed record WireScheduledList(List<WireScheduled> Rows, WirePagination Pagination);

/// <summary>CreateCronWorkflowTriggerRequest.</summary>
internal sealed class WireCreateCronRequest
{
    public RawJson? Input { get; init; }
    public RawJson? AdditionalMetadata { get; init; }
    public string? CronName { get; init; }
    public string? CronExpression { get; init; }
    public int? Priority { get; init; }
}

/// <summary>ScheduleWorkflowRunRequest.</summary>
internal sealed class WireCreateScheduledRequest
{
    public RawJson? Input { get; init; }
    public RawJson? AdditionalMetadata { get; init; }
    public DateTimeOffset? TriggerAt { get; init; }
    public int? Priority { get; init; }
}

/// <summary>RateLimit.</summary>
internal sealed record WireRateLimit(string Key, string TenantId, int LimitValue, int Value, string Window, DateTimeOffset LastRefill);

/// <summary>RateLimitList.</summary>
internal sealed record WireRateLimitList(WirePagination Pagination, List<WireRateLimit> Rows);

/// <summary>{"version": ...}.</summary>
internal sealed record WireVersion(string Version);

/// <summary>APIMetaAuth.</summary>
internal sealed record WireMetaAuth(List<string> Schemes);

/// <summary>APIMeta as an OSS server with basic auth answers it.</summary>
internal sealed class WireApiMeta
{
    public required WireMetaAuth Auth { get; init; }
    public bool AllowSignup { get; init; }
    public bool AllowInvites { get; init; }
    public bool AllowCreateTenant { get; init; }
    public bool AllowChangePassword { get; init; }
    public bool ObservabilityEnabled { get; init; }
    public bool PrometheusServerEnabled { get; init; }
    public bool AuthDisabled { get; init; }
}

/// <summary>UpdateWorkerRequest.</summary>
internal sealed class WireWorkerUpdate
{
    public bool? IsPaused { get; init; }
}

/// <summary>WorkflowUpdateRequest: {"pause": {"action": "pause" | "unpause", ...}}.</summary>
internal sealed class WireWorkflowUpdate
{
    public WirePauseRequest? Pause { get; init; }
}

/// <summary>PauseWorkflowRequest (both oneOf branches; the behaviours come only with "pause").</summary>
internal sealed class WirePauseRequest
{
    public string? Action { get; init; }
    public string? PausedWorkflowCronRunQueueBehavior { get; init; }
    public string? PausedWorkflowScheduledRunQueueBehavior { get; init; }
    public string? PausedWorkflowQueueTTL { get; init; }
}

/// <summary>UpdateCronWorkflowTriggerRequest.</summary>
internal sealed class WireCronUpdate
{
    public bool? Enabled { get; init; }
}

/// <summary>TriggerRunResult.</summary>
internal sealed record WireTriggerRunResult(Guid ExternalId);
