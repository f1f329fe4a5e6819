using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>A workflow. List rows carry only metadata, name, description and isPaused (tenantId is "").</summary>
public sealed record Workflow
{
    [JsonPropertyName("metadata")] public ApiResourceMeta? Metadata { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("tenantId")] public string? TenantId { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("isPaused")] public bool? IsPaused { get; init; }
    /// <summary>On workflow get: one element, the latest version.</summary>
    [JsonPropertyName("versions")] public List<WorkflowVersionMeta>? Versions { get; init; }
    [JsonPropertyName("tags")] public List<WorkflowTag>? Tags { get; init; }
}

public sealed record WorkflowVersionMeta
{
    [JsonPropertyName("metadata")] public ApiResourceMeta? Metadata { get; init; }
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("order")] public long? Order { get; init; }
    [JsonPropertyName("workflowId")] public string? WorkflowId { get; init; }
}

public sealed record WorkflowTag
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("color")] public string? Color { get; init; }
}

public sealed record WorkflowList
{
    [JsonPropertyName("pagination")] public PaginationResponse? Pagination { get; init; }
    [JsonPropertyName("rows")] public List<Workflow>? Rows { get; init; }
}
