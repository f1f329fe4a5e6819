using System.Text.Json;
using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>
/// One row of a run list (a run when only_tasks=false, a task when true) or the answer of GET /stable/tasks/{id}.
/// Status and type stay strings so an unknown value from a newer server never breaks parsing.
/// </summary>
public sealed record V1TaskSummary
{
    [JsonPropertyName("metadata")] public ApiResourceMeta? Metadata { get; init; }
    [JsonPropertyName("actionId")] public string? ActionId { get; init; }
    [JsonPropertyName("retryCount")] public int? RetryCount { get; init; }
    [JsonPropertyName("attempt")] public int? Attempt { get; init; }
    [JsonPropertyName("additionalMetadata")] public Dictionary<string, JsonElement>? AdditionalMetadata { get; init; }
    [JsonPropertyName("children")] public List<V1TaskSummary>? Children { get; init; }
    [JsonPropertyName("createdAt")] public DateTimeOffset? CreatedAt { get; init; }
    [JsonPropertyName("displayName")] public string? DisplayName { get; init; }
    /// <summary>Milliseconds; only sent when the task started and finished.</summary>
    [JsonPropertyName("duration")] public long? Duration { get; init; }
    [JsonPropertyName("isDurable")] public bool? IsDurable { get; init; }
    /// <summary>Hatchet sends <c>""</c> when there is no error.</summary>
    [JsonPropertyName("errorMessage")] public string? ErrorMessage { get; init; }
    [JsonPropertyName("finishedAt")] public DateTimeOffset? FinishedAt { get; init; }
    [JsonPropertyName("input")] public JsonElement? Input { get; init; }
    [JsonPropertyName("numSpawnedChildren")] public int? NumSpawnedChildren { get; init; }
    [JsonPropertyName("output")] public JsonElement? Output { get; init; }
    /// <summary>QUEUED, RUNNING, COMPLETED, CANCELLED or FAILED (see <see cref="V1TaskStatuses"/>).</summary>
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("isEvicted")] public bool? IsEvicted { get; init; }
    [JsonPropertyName("startedAt")] public DateTimeOffset? StartedAt { get; init; }
    [JsonPropertyName("stepId")] public Guid? StepId { get; init; }
    [JsonPropertyName("taskExternalId")] public Guid? TaskExternalId { get; init; }
    /// <summary>Internal numeric id; 0 on DAG rows of a run list.</summary>
    [JsonPropertyName("taskId")] public long? TaskId { get; init; }
    [JsonPropertyName("taskInsertedAt")] public DateTimeOffset? TaskInsertedAt { get; init; }
    [JsonPropertyName("tenantId")] public Guid? TenantId { get; init; }
    /// <summary>DAG or TASK. Run-list rows always say DAG, even for standalone tasks (behaviour notes §4).</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("workflowId")] public Guid? WorkflowId { get; init; }
    [JsonPropertyName("workflowName")] public string? WorkflowName { get; init; }
    [JsonPropertyName("workflowRunExternalId")] public Guid? WorkflowRunExternalId { get; init; }
    [JsonPropertyName("workflowVersionId")] public Guid? WorkflowVersionId { get; init; }
    [JsonPropertyName("workflowConfig")] public JsonElement? WorkflowConfig { get; init; }
    [JsonPropertyName("parentTaskExternalId")] public Guid? ParentTaskExternalId { get; init; }
    [JsonPropertyName("idempotencyKey")] public string? IdempotencyKey { get; init; }
    [JsonPropertyName("payloadsRestricted")] public bool? PayloadsRestricted { get; init; }
}

/// <summary>The runs-list answer.</summary>
public sealed record V1TaskSummaryList
{
    [JsonPropertyName("pagination")] public PaginationResponse? Pagination { get; init; }
    [JsonPropertyName("rows")] public List<V1TaskSummary>? Rows { get; init; }
}

/// <summary>The V1TaskStatus values Hatchet knows today.</summary>
public static class V1TaskStatuses
{
    public const string Queued = "QUEUED";
    public const string Running = "RUNNING";
    public const string Completed = "COMPLETED";
    public const string Cancelled = "CANCELLED";
    public const string Failed = "FAILED";

    public static IReadOnlyList<string> All { get; } = [Queued, Running, Completed, Cancelled, Failed];

    /// <summary>A finished run or task cannot be cancelled any more.</summary>
    public static bool IsFinal(string? status) =>
        status is Completed or Cancelled or Failed;
}
