using System.Text.Json;
using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>
/// A task: the answer of GET /stable/tasks/{id} and the tasks of a run-details answer. (Run lists send the same shape
/// but are read through the leaner <see cref="V1RunList"/>.)
/// Status and type stay strings so an unknown value from a newer server never breaks parsing. Output and workflowConfig
/// are not read (no tool shows them; skipped unread they cost nothing per row). Properties have setters, not init, so
/// System.Text.Json fills them directly instead of through its slower boxed-constructor path: a page of runs is parsed
/// on every list_runs call. The other wire records follow the same rule.
/// </summary>
public sealed record V1TaskSummary
{
    [JsonPropertyName("metadata")] public ApiResourceMeta? Metadata { get; set; }
    [JsonPropertyName("actionId")] public string? ActionId { get; set; }
    [JsonPropertyName("retryCount")] public int? RetryCount { get; set; }
    [JsonPropertyName("attempt")] public int? Attempt { get; set; }
    [JsonPropertyName("additionalMetadata"), JsonConverter(typeof(HatchetMetadataConverter))] public Dictionary<string, string>? AdditionalMetadata { get; set; }
    [JsonPropertyName("children")] public List<V1TaskSummary>? Children { get; set; }
    [JsonPropertyName("createdAt")] public DateTimeOffset? CreatedAt { get; set; }
    [JsonPropertyName("displayName")] public string? DisplayName { get; set; }
    /// <summary>Milliseconds; only sent when the task started and finished.</summary>
    [JsonPropertyName("duration")] public long? Duration { get; set; }
    [JsonPropertyName("isDurable")] public bool? IsDurable { get; set; }
    /// <summary>Hatchet sends <c>""</c> when there is no error.</summary>
    [JsonPropertyName("errorMessage")] public string? ErrorMessage { get; set; }
    [JsonPropertyName("finishedAt")] public DateTimeOffset? FinishedAt { get; set; }
    [JsonPropertyName("input")] public JsonElement? Input { get; set; }
    [JsonPropertyName("numSpawnedChildren")] public int? NumSpawnedChildren { get; set; }
    /// <summary>QUEUED, RUNNING, COMPLETED, CANCELLED or FAILED (see <see cref="V1TaskStatuses"/>).</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("isEvicted")] public bool? IsEvicted { get; set; }
    [JsonPropertyName("startedAt")] public DateTimeOffset? StartedAt { get; set; }
    [JsonPropertyName("stepId")] public Guid? StepId { get; set; }
    [JsonPropertyName("taskExternalId")] public Guid? TaskExternalId { get; set; }
    /// <summary>Internal numeric id; 0 on DAG rows of a run list.</summary>
    [JsonPropertyName("taskId")] public long? TaskId { get; set; }
    [JsonPropertyName("taskInsertedAt")] public DateTimeOffset? TaskInsertedAt { get; set; }
    [JsonPropertyName("tenantId")] public Guid? TenantId { get; set; }
    /// <summary>DAG or TASK. Run-list rows always say DAG, even for standalone tasks (behaviour notes §4).</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("workflowId")] public Guid? WorkflowId { get; set; }
    [JsonPropertyName("workflowName")] public string? WorkflowName { get; set; }
    [JsonPropertyName("workflowRunExternalId")] public Guid? WorkflowRunExternalId { get; set; }
    [JsonPropertyName("workflowVersionId")] public Guid? WorkflowVersionId { get; set; }
    [JsonPropertyName("parentTaskExternalId")] public Guid? ParentTaskExternalId { get; set; }
    [JsonPropertyName("idempotencyKey")] public string? IdempotencyKey { get; set; }
    [JsonPropertyName("payloadsRestricted")] public bool? PayloadsRestricted { get; set; }
}

/// <summary>
/// The runs-list answer, read lean. Hatchet sends full <see cref="V1TaskSummary"/> rows (six ids, versions, payload
/// stubs, metadata, and every task of a DAG run again as a child). A page is parsed on every list_runs call, so only
/// what a run list shows is read: everything else is skipped by the reader without being materialised.
/// </summary>
public sealed record V1RunList
{
    [JsonPropertyName("pagination")] public PaginationResponse? Pagination { get; set; }
    [JsonPropertyName("rows")] public List<V1RunListRow>? Rows { get; set; }
}

/// <summary>One run of a run list (only_tasks=false): who, what state, when, and the error.</summary>
public sealed record V1RunListRow
{
    [JsonPropertyName("metadata")] public ApiResourceMeta? Metadata { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("workflowId")] public Guid? WorkflowId { get; set; }
    [JsonPropertyName("workflowName")] public string? WorkflowName { get; set; }
    [JsonPropertyName("workflowRunExternalId")] public Guid? WorkflowRunExternalId { get; set; }
    /// <summary>The workflow version the run was created with (optional in Hatchet's schema).</summary>
    [JsonPropertyName("workflowVersionId")] public Guid? WorkflowVersionId { get; set; }
    [JsonPropertyName("createdAt")] public DateTimeOffset? CreatedAt { get; set; }
    [JsonPropertyName("startedAt")] public DateTimeOffset? StartedAt { get; set; }
    [JsonPropertyName("finishedAt")] public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Milliseconds; only sent when the run started and finished.</summary>
    [JsonPropertyName("duration")] public long? Duration { get; set; }
    /// <summary>Hatchet sends <c>""</c> when there is no error; a DAG run's error is on its failed child.</summary>
    [JsonPropertyName("errorMessage")] public string? ErrorMessage { get; set; }
    /// <summary>0-based attempt of a standalone run's task (0 on DAG rows: their children carry it).</summary>
    [JsonPropertyName("retryCount")] public int? RetryCount { get; set; }
    /// <summary>Task rows (only_tasks=true): the action id, which is also the queue's name; "" on run rows.</summary>
    [JsonPropertyName("actionId")] public string? ActionId { get; set; }
    /// <summary>Task rows: the task's display name.</summary>
    [JsonPropertyName("displayName")] public string? DisplayName { get; set; }
    [JsonPropertyName("children")] public List<V1RunListChild>? Children { get; set; }
}

/// <summary>A task of a DAG run inside a run-list row: only what finds the run's error and attempt.</summary>
public sealed record V1RunListChild
{
    [JsonPropertyName("taskExternalId")] public Guid? TaskExternalId { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("errorMessage")] public string? ErrorMessage { get; set; }
    [JsonPropertyName("retryCount")] public int? RetryCount { get; set; }
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
