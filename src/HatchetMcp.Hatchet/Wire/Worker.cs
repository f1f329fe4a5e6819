using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>A worker as the tenant worker list returns it (only workers seen within 24 h).</summary>
public sealed record Worker
{
    [JsonPropertyName("metadata")] public ApiResourceMeta? Metadata { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>SELFHOSTED, MANAGED or WEBHOOK.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("lastHeartbeatAt")] public DateTimeOffset? LastHeartbeatAt { get; set; }
    [JsonPropertyName("lastListenerEstablished")] public DateTimeOffset? LastListenerEstablished { get; set; }
    /// <summary>Action ids such as "myworkflow:step1".</summary>
    [JsonPropertyName("actions")] public List<string>? Actions { get; set; }
    [JsonPropertyName("registeredWorkflows")] public List<RegisteredWorkflow>? RegisteredWorkflows { get; set; }
    /// <summary>ACTIVE, PAUSED or INACTIVE (no heartbeat for 5 s; overrides PAUSED).</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }
    /// <summary>Slot types such as "default" and "durable".</summary>
    [JsonPropertyName("slotConfig")] public Dictionary<string, WorkerSlotConfig>? SlotConfig { get; set; }
    /// <summary>Older servers send these instead of slotConfig.</summary>
    [JsonPropertyName("maxRuns")] public int? MaxRuns { get; set; }
    [JsonPropertyName("availableRuns")] public int? AvailableRuns { get; set; }
    [JsonPropertyName("dispatcherId")] public Guid? DispatcherId { get; set; }
    [JsonPropertyName("labels")] public List<WorkerLabel>? Labels { get; set; }
    [JsonPropertyName("webhookUrl")] public string? WebhookUrl { get; set; }
    [JsonPropertyName("runtimeInfo")] public WorkerRuntimeInfo? RuntimeInfo { get; set; }
}

public sealed record WorkerSlotConfig
{
    [JsonPropertyName("available")] public int? Available { get; set; }
    [JsonPropertyName("limit")] public int? Limit { get; set; }
}

public sealed record WorkerLabel
{
    [JsonPropertyName("key")] public string? Key { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }
}

public sealed record RegisteredWorkflow
{
    [JsonPropertyName("id")] public Guid? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
}

public sealed record WorkerRuntimeInfo
{
    [JsonPropertyName("sdkVersion")] public string? SdkVersion { get; set; }
    [JsonPropertyName("language")] public string? Language { get; set; }
    [JsonPropertyName("languageVersion")] public string? LanguageVersion { get; set; }
    [JsonPropertyName("os")] public string? Os { get; set; }
}

public sealed record WorkerList
{
    [JsonPropertyName("pagination")] public PaginationResponse? Pagination { get; set; }
    [JsonPropertyName("rows")] public List<Worker>? Rows { get; set; }
}
