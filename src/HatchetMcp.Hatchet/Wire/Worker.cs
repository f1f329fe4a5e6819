using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>A worker as the tenant worker list returns it (only workers seen within 24 h).</summary>
public sealed record Worker
{
    [JsonPropertyName("metadata")] public ApiResourceMeta? Metadata { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    /// <summary>SELFHOSTED, MANAGED or WEBHOOK.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("lastHeartbeatAt")] public DateTimeOffset? LastHeartbeatAt { get; init; }
    [JsonPropertyName("lastListenerEstablished")] public DateTimeOffset? LastListenerEstablished { get; init; }
    /// <summary>Action ids such as "myworkflow:step1".</summary>
    [JsonPropertyName("actions")] public List<string>? Actions { get; init; }
    [JsonPropertyName("registeredWorkflows")] public List<RegisteredWorkflow>? RegisteredWorkflows { get; init; }
    /// <summary>ACTIVE, PAUSED or INACTIVE (no heartbeat for 5 s; overrides PAUSED).</summary>
    [JsonPropertyName("status")] public string? Status { get; init; }
    /// <summary>Slot types such as "default" and "durable".</summary>
    [JsonPropertyName("slotConfig")] public Dictionary<string, WorkerSlotConfig>? SlotConfig { get; init; }
    /// <summary>Older servers send these instead of slotConfig.</summary>
    [JsonPropertyName("maxRuns")] public int? MaxRuns { get; init; }
    [JsonPropertyName("availableRuns")] public int? AvailableRuns { get; init; }
    [JsonPropertyName("dispatcherId")] public Guid? DispatcherId { get; init; }
    [JsonPropertyName("labels")] public List<WorkerLabel>? Labels { get; init; }
    [JsonPropertyName("webhookUrl")] public string? WebhookUrl { get; init; }
    [JsonPropertyName("runtimeInfo")] public WorkerRuntimeInfo? RuntimeInfo { get; init; }
}

public sealed record WorkerSlotConfig
{
    [JsonPropertyName("available")] public int? Available { get; init; }
    [JsonPropertyName("limit")] public int? Limit { get; init; }
}

public sealed record WorkerLabel
{
    [JsonPropertyName("key")] public string? Key { get; init; }
    [JsonPropertyName("value")] public string? Value { get; init; }
}

public sealed record RegisteredWorkflow
{
    [JsonPropertyName("id")] public Guid? Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
}

public sealed record WorkerRuntimeInfo
{
    [JsonPropertyName("sdkVersion")] public string? SdkVersion { get; init; }
    [JsonPropertyName("language")] public string? Language { get; init; }
    [JsonPropertyName("languageVersion")] public string? LanguageVersion { get; init; }
    [JsonPropertyName("os")] public string? Os { get; init; }
}

public sealed record WorkerList
{
    [JsonPropertyName("pagination")] public PaginationResponse? Pagination { get; init; }
    [JsonPropertyName("rows")] public List<Worker>? Rows { get; init; }
}
