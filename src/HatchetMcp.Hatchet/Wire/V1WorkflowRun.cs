using System.Text.Json;
using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>The <c>run</c> of a run-details answer. Zero-time startedAt/finishedAt arrive as null.</summary>
public sealed record V1WorkflowRun
{
    [JsonPropertyName("metadata")] public ApiResourceMeta? Metadata { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("startedAt")] public DateTimeOffset? StartedAt { get; set; }
    [JsonPropertyName("finishedAt")] public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Milliseconds. Hatchet computes it from zero times too, so only trust it when both ends are set.</summary>
    [JsonPropertyName("duration")] public long? Duration { get; set; }
    [JsonPropertyName("tenantId")] public Guid? TenantId { get; set; }
    [JsonPropertyName("additionalMetadata"), JsonConverter(typeof(HatchetMetadataConverter))] public Dictionary<string, string>? AdditionalMetadata { get; set; }
    [JsonPropertyName("displayName")] public string? DisplayName { get; set; }
    [JsonPropertyName("workflowId")] public Guid? WorkflowId { get; set; }
    [JsonPropertyName("errorMessage")] public string? ErrorMessage { get; set; }
    [JsonPropertyName("workflowVersionId")] public Guid? WorkflowVersionId { get; set; }
    [JsonPropertyName("input")] public JsonElement? Input { get; set; }
    /// <summary>The run's output, <c>{}</c> until it completes (trigger_workflow's wait summarises it).</summary>
    [JsonPropertyName("output")] public JsonElement? Output { get; set; }
    [JsonPropertyName("createdAt")] public DateTimeOffset? CreatedAt { get; set; }
    [JsonPropertyName("parentTaskExternalId")] public Guid? ParentTaskExternalId { get; set; }
    [JsonPropertyName("payloadsRestricted")] public bool? PayloadsRestricted { get; set; }
}

/// <summary>
/// GET /api/v1/stable/workflow-runs/{id} and the trigger answer. <c>taskEvents</c> give each task's attempts (when each
/// was queued, started, how it ended); the shape's <c>childrenStepIds</c> give the DAG's edges.
/// </summary>
public sealed record V1WorkflowRunDetails
{
    [JsonPropertyName("run")] public V1WorkflowRun? Run { get; set; }
    [JsonPropertyName("taskEvents")] public List<V1TaskEvent>? TaskEvents { get; set; }
    [JsonPropertyName("shape")] public List<WorkflowRunShapeItem>? Shape { get; set; }
    [JsonPropertyName("tasks")] public List<V1TaskSummary>? Tasks { get; set; }
}

/// <summary>One step of the run's workflow version; taskExternalId is the nil UUID until the task exists.</summary>
public sealed record WorkflowRunShapeItem
{
    [JsonPropertyName("taskExternalId")] public Guid? TaskExternalId { get; set; }
    [JsonPropertyName("stepId")] public Guid? StepId { get; set; }
    [JsonPropertyName("taskName")] public string? TaskName { get; set; }
    /// <summary>Steps that run after this one (the DAG's edges).</summary>
    [JsonPropertyName("childrenStepIds")] public List<Guid?>? ChildrenStepIds { get; set; }
}

/// <summary>
/// One event of a task's life (QUEUED, STARTED, FAILED, RETRYING, RETRIED_BY_USER, …) and the attempt it belongs to.
/// The event's output is not read: no tool shows it.
/// </summary>
public sealed record V1TaskEvent
{
    [JsonPropertyName("id")] public long? Id { get; set; }
    /// <summary>The task's external id.</summary>
    [JsonPropertyName("taskId")] public Guid? TaskId { get; set; }
    [JsonPropertyName("timestamp")] public DateTimeOffset? Timestamp { get; set; }
    [JsonPropertyName("eventType")] public string? EventType { get; set; }
    /// <summary>Hatchet's sentence for the event (why a task was requeued; whether a parent caused a cancel).</summary>
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("errorMessage")] public string? ErrorMessage { get; set; }
    /// <summary>The worker the event happened on (set from assignment until the attempt ends).</summary>
    [JsonPropertyName("workerId")] public Guid? WorkerId { get; set; }
    [JsonPropertyName("retryCount")] public int? RetryCount { get; set; }
    [JsonPropertyName("attempt")] public int? Attempt { get; set; }
}

/// <summary>GET /api/v1/stable/tasks/{id}/task-events.</summary>
public sealed record V1TaskEventList
{
    [JsonPropertyName("rows")] public List<V1TaskEvent>? Rows { get; set; }
}
