using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>A cron trigger (CronWorkflows); input and metadata are not read.</summary>
public sealed record CronWorkflow
{
    [JsonPropertyName("metadata")] public ApiResourceMeta? Metadata { get; set; }
    [JsonPropertyName("workflowId")] public string? WorkflowId { get; set; }
    [JsonPropertyName("workflowName")] public string? WorkflowName { get; set; }
    [JsonPropertyName("cron")] public string? Cron { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("enabled")] public bool? Enabled { get; set; }
    /// <summary>DEFAULT (declared in code) or API.</summary>
    [JsonPropertyName("method")] public string? Method { get; set; }
}

public sealed record CronWorkflowList
{
    [JsonPropertyName("pagination")] public PaginationResponse? Pagination { get; set; }
    [JsonPropertyName("rows")] public List<CronWorkflow>? Rows { get; set; }
}

/// <summary>A scheduled run (ScheduledWorkflows); input and metadata are not read.</summary>
public sealed record ScheduledWorkflow
{
    [JsonPropertyName("metadata")] public ApiResourceMeta? Metadata { get; set; }
    [JsonPropertyName("workflowId")] public string? WorkflowId { get; set; }
    [JsonPropertyName("workflowName")] public string? WorkflowName { get; set; }
    [JsonPropertyName("triggerAt")] public DateTimeOffset? TriggerAt { get; set; }
    [JsonPropertyName("workflowRunId")] public Guid? WorkflowRunId { get; set; }
    [JsonPropertyName("workflowRunStatus")] public string? WorkflowRunStatus { get; set; }
    [JsonPropertyName("method")] public string? Method { get; set; }
}

public sealed record ScheduledWorkflowList
{
    [JsonPropertyName("pagination")] public PaginationResponse? Pagination { get; set; }
    [JsonPropertyName("rows")] public List<ScheduledWorkflow>? Rows { get; set; }
}
