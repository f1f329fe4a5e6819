using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>A workflow. List rows carry only metadata, name, description and isPaused (tenantId is "").</summary>
public sealed record Workflow
{
    [JsonPropertyName("metadata")] public ApiResourceMeta? Metadata { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("tenantId")] public string? TenantId { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("isPaused")] public bool? IsPaused { get; set; }
    /// <summary>While paused: what happens to cron-triggered runs, DROP or QUEUE.</summary>
    [JsonPropertyName("pausedWorkflowCronRunQueueBehavior")] public string? PausedCronRunQueueBehavior { get; set; }
    /// <summary>While paused: what happens to scheduled runs, DROP or QUEUE.</summary>
    [JsonPropertyName("pausedWorkflowScheduledRunQueueBehavior")] public string? PausedScheduledRunQueueBehavior { get; set; }
    /// <summary>On workflow get: one element, the latest version.</summary>
    [JsonPropertyName("versions")] public List<WorkflowVersionMeta>? Versions { get; set; }
    [JsonPropertyName("tags")] public List<WorkflowTag>? Tags { get; set; }
}

public sealed record WorkflowVersionMeta
{
    [JsonPropertyName("metadata")] public ApiResourceMeta? Metadata { get; set; }
    [JsonPropertyName("version")] public string? Version { get; set; }
    [JsonPropertyName("order")] public long? Order { get; set; }
    [JsonPropertyName("workflowId")] public string? WorkflowId { get; set; }
}

public sealed record WorkflowTag
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("color")] public string? Color { get; set; }
}

public sealed record WorkflowList
{
    [JsonPropertyName("pagination")] public PaginationResponse? Pagination { get; set; }
    [JsonPropertyName("rows")] public List<Workflow>? Rows { get; set; }
}
