using System.Text.Json;
using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>The <c>run</c> of a run-details answer. Zero-time startedAt/finishedAt arrive as null.</summary>
public sealed record V1WorkflowRun
{
    [JsonPropertyName("metadata")] public ApiResourceMeta? Metadata { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("startedAt")] public DateTimeOffset? StartedAt { get; init; }
    [JsonPropertyName("finishedAt")] public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>Milliseconds. Hatchet computes it from zero times too, so only trust it when both ends are set.</summary>
    [JsonPropertyName("duration")] public long? Duration { get; init; }
    [JsonPropertyName("tenantId")] public Guid? TenantId { get; init; }
    [JsonPropertyName("additionalMetadata")] public Dictionary<string, JsonElement>? AdditionalMetadata { get; init; }
    [JsonPropertyName("displayName")] public string? DisplayName { get; init; }
    [JsonPropertyName("workflowId")] public Guid? WorkflowId { get; init; }
    [JsonPropertyName("output")] public JsonElement? Output { get; init; }
    [JsonPropertyName("errorMessage")] public string? ErrorMessage { get; init; }
    [JsonPropertyName("workflowVersionId")] public Guid? WorkflowVersionId { get; init; }
    [JsonPropertyName("input")] public JsonElement? Input { get; init; }
    [JsonPropertyName("createdAt")] public DateTimeOffset? CreatedAt { get; init; }
    [JsonPropertyName("parentTaskExternalId")] public Guid? ParentTaskExternalId { get; init; }
    [JsonPropertyName("payloadsRestricted")] public bool? PayloadsRestricted { get; init; }
}

/// <summary>GET /api/v1/stable/workflow-runs/{id} and the trigger answer.</summary>
public sealed record V1WorkflowRunDetails
{
    [JsonPropertyName("run")] public V1WorkflowRun? Run { get; init; }
    [JsonPropertyName("taskEvents")] public List<V1TaskEvent>? TaskEvents { get; init; }
    [JsonPropertyName("shape")] public List<WorkflowRunShapeItem>? Shape { get; init; }
    [JsonPropertyName("tasks")] public List<V1TaskSummary>? Tasks { get; init; }
    [JsonPropertyName("workflowConfig")] public JsonElement? WorkflowConfig { get; init; }
}

/// <summary>One step of the run's workflow version; taskExternalId is the nil UUID until the task exists.</summary>
public sealed record WorkflowRunShapeItem
{
    [JsonPropertyName("taskExternalId")] public Guid? TaskExternalId { get; init; }
    [JsonPropertyName("stepId")] public Guid? StepId { get; init; }
    [JsonPropertyName("childrenStepIds")] public List<Guid>? ChildrenStepIds { get; init; }
    [JsonPropertyName("taskName")] public string? TaskName { get; init; }
}

/// <summary>An event in a task's life (ASSIGNED, STARTED, FAILED, RETRIED_BY_USER, ...).</summary>
public sealed record V1TaskEvent
{
    [JsonPropertyName("id")] public long? Id { get; init; }
    /// <summary>The task's external id.</summary>
    [JsonPropertyName("taskId")] public Guid? TaskId { get; init; }
    [JsonPropertyName("timestamp")] public DateTimeOffset? Timestamp { get; init; }
    [JsonPropertyName("eventType")] public string? EventType { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("errorMessage")] public string? ErrorMessage { get; init; }
    /// <summary>JSON text.</summary>
    [JsonPropertyName("output")] public string? Output { get; init; }
    [JsonPropertyName("workerId")] public Guid? WorkerId { get; init; }
    [JsonPropertyName("taskDisplayName")] public string? TaskDisplayName { get; init; }
    [JsonPropertyName("retryCount")] public int? RetryCount { get; init; }
    [JsonPropertyName("attempt")] public int? Attempt { get; init; }
}
