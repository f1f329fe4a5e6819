using System.Text.Json.Serialization;

namespace HatchetMcp.Emulator.Http;

/// <summary>V1TaskSummary: a run row (only_tasks=false) or a task row.</summary>
internal sealed class WireTaskSummary
{
    public required WireMeta Metadata { get; init; }
    public string? ActionId { get; init; }
    public int? RetryCount { get; init; }
    public int? Attempt { get; init; }
    public RawJson? AdditionalMetadata { get; init; }
    public List<WireTaskSummary>? Children { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string DisplayName { get; init; }
    public long? Duration { get; init; }
    public bool? IsDurable { get; init; }
    public string? ErrorMessage { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public required RawJson Input { get; init; }
    public required int NumSpawnedChildren { get; init; }
    public required RawJson Output { get; init; }
    public required string Status { get; init; }
    public bool? IsEvicted { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public Guid? StepId { get; init; }
    public required Guid TaskExternalId { get; init; }
    public required long TaskId { get; init; }
    public required DateTimeOffset TaskInsertedAt { get; init; }
    public required Guid TenantId { get; init; }
    public required string Type { get; init; }
    public required Guid WorkflowId { get; init; }
    public string? WorkflowName { get; init; }
    public required Guid WorkflowRunExternalId { get; init; }
    public Guid? WorkflowVersionId { get; init; }
    public RawJson? WorkflowConfig { get; init; }
    public Guid? ParentTaskExternalId { get; init; }
    public string? IdempotencyKey { get; init; }
    public bool? PayloadsRestricted { get; init; }
}

/// <summary>V1TaskSummaryList: both members required.</summary>
internal sealed record WireTaskSummaryList(WirePagination Pagination, List<WireTaskSummary> Rows);

/// <summary>V1WorkflowRun.</summary>
internal sealed class WireWorkflowRun
{
    public required WireMeta Metadata { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public long? Duration { get; init; }
    public required Guid TenantId { get; init; }
    public RawJson? AdditionalMetadata { get; init; }
    public required string DisplayName { get; init; }
    public required Guid WorkflowId { get; init; }
    public required RawJson Output { get; init; }
    public string? ErrorMessage { get; init; }
    public Guid? WorkflowVersionId { get; init; }
    public required RawJson Input { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public Guid? ParentTaskExternalId { get; init; }
    public bool? PayloadsRestricted { get; init; }
}

/// <summary>V1TaskEvent.</summary>
internal sealed class WireTaskEvent
{
    public required long Id { get; init; }
    public required Guid TaskId { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    public required string EventType { get; init; }
    public required string Message { get; init; }
    public string? ErrorMessage { get; init; }
    public string? Output { get; init; }
    public Guid? WorkerId { get; init; }
    public string? TaskDisplayName { get; init; }
    public int? RetryCount { get; init; }
    public int? Attempt { get; init; }
}

/// <summary>V1TaskEventList; pagination is sent as {}.</summary>
internal sealed record WireTaskEventList(WirePagination Pagination, List<WireTaskEvent> Rows);

/// <summary>WorkflowRunShapeItemForWorkflowRunDetails.</summary>
internal sealed record WireShapeItem(Guid TaskExternalId, Guid StepId, List<Guid> ChildrenStepIds, string TaskName);

/// <summary>
/// V1WorkflowRunDetails. With return_only_id Go sends nil slices, so shape/taskEvents/tasks are written as null.
/// </summary>
internal sealed class WireRunDetails
{
    public required WireWorkflowRun Run { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required List<WireTaskEvent>? TaskEvents { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required List<WireShapeItem>? Shape { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required List<WireTaskSummary>? Tasks { get; init; }

    public RawJson? WorkflowConfig { get; init; }
}

/// <summary>V1TaskTiming.</summary>
internal sealed class WireTaskTiming
{
    public required WireMeta Metadata { get; init; }
    public required int Depth { get; init; }
    public required string Status { get; init; }
    public bool? IsEvicted { get; init; }
    public required string TaskDisplayName { get; init; }
    public required Guid TaskExternalId { get; init; }
    public required long TaskId { get; init; }
    public required DateTimeOffset TaskInsertedAt { get; init; }
    public required Guid TenantId { get; init; }
    public Guid? ParentTaskExternalId { get; init; }
    public DateTimeOffset? QueuedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public Guid? WorkflowRunId { get; init; }
    public int? RetryCount { get; init; }
    public int? Attempt { get; init; }
}

/// <summary>V1TaskTimingList: pagination is sent empty.</summary>
internal sealed record WireTaskTimingList(WirePagination Pagination, List<WireTaskTiming> Rows);

/// <summary>V1LogLine.</summary>
internal sealed class WireLogLine
{
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Message { get; init; }
    public required RawJson Metadata { get; init; }
    public Guid? TaskExternalId { get; init; }
    public string? TaskDisplayName { get; init; }
    public int? RetryCount { get; init; }
    public int? Attempt { get; init; }
    public string? Level { get; init; }
}

/// <summary>V1LogLineList: pagination 0/0/0.</summary>
internal sealed record WireLogLineList(WirePagination Pagination, List<WireLogLine> Rows);

/// <summary>V1RunningDetailCount.</summary>
internal sealed record WireRunningDetailCount(long Evicted, long OnWorker);

/// <summary>V1TaskRunMetric; runningDetailCount only on RUNNING.</summary>
internal sealed record WireTaskRunMetric(string Status, long Count, WireRunningDetailCount? RunningDetailCount);

/// <summary>TenantStepRunQueueMetrics.</summary>
internal sealed record WireStepRunQueueMetrics(Dictionary<string, long> Queues);

/// <summary>V1TriggerWorkflowRunRequest.</summary>
internal sealed class WireTriggerRequest
{
    public string? WorkflowName { get; init; }
    public RawJson? Input { get; init; }
    public RawJson? AdditionalMetadata { get; init; }
    public int? Priority { get; init; }

    [JsonPropertyName("return_only_id")]
    public bool? ReturnOnlyId { get; init; }
}

/// <summary>V1TaskFilter.</summary>
internal sealed class WireTaskFilter
{
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset? Until { get; init; }
    public List<string>? Statuses { get; init; }
    public List<Guid>? WorkflowIds { get; init; }
    public List<string>? AdditionalMetadata { get; init; }
}

/// <summary>V1CancelTaskRequest / V1ReplayTaskRequest.</summary>
internal sealed class WireTaskBulkRequest
{
    public List<Guid>? ExternalIds { get; init; }
    public WireTaskFilter? Filter { get; init; }
}

/// <summary>V1CancelledTasks / V1ReplayedTasks.</summary>
internal sealed record WireTaskIds(List<Guid> Ids);

/// <summary>V1WorkflowRunDisplayName.</summary>
internal sealed record WireDisplayName(WireMeta Metadata, string DisplayName);

/// <summary>V1WorkflowRunDisplayNameList.</summary>
internal sealed record WireDisplayNameList(WirePagination Pagination, List<WireDisplayName> Rows);
