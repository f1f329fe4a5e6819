using System.Text.Json;
using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>Body of POST /api/v1/stable/tenants/{t}/workflow-runs/trigger.</summary>
public sealed record V1TriggerWorkflowRunRequest
{
    [JsonPropertyName("workflowName")] public required string WorkflowName { get; init; }
    [JsonPropertyName("input")] public required JsonElement Input { get; init; }
    [JsonPropertyName("additionalMetadata")] public Dictionary<string, string>? AdditionalMetadata { get; init; }
    [JsonPropertyName("priority")] public int? Priority { get; init; }
    [JsonPropertyName("return_only_id")] public bool? ReturnOnlyId { get; init; }
}

/// <summary>Body of tasks/cancel and tasks/replay when selecting by ids (run or task external ids).</summary>
public sealed record V1TaskIdsRequest
{
    [JsonPropertyName("externalIds")] public required List<Guid> ExternalIds { get; init; }
}

/// <summary>
/// Answer of cancel (echoes the ids sent, known or not) and replay (the task ids queued for replay; unknown ids are
/// silently dropped). Both are asynchronous: statuses change after the 200.
/// </summary>
public sealed record V1TaskIdsResponse
{
    [JsonPropertyName("ids")] public List<Guid>? Ids { get; init; }
}

/// <summary>Body of PATCH /api/v1/workers/{worker}: a paused worker keeps its running tasks and is given no new ones.</summary>
public sealed record UpdateWorkerRequest
{
    [JsonPropertyName("isPaused")] public bool? IsPaused { get; init; }
}

/// <summary>Body of PATCH /api/v1/workflows/{workflow}; today Hatchet updates only the pause state.</summary>
public sealed record WorkflowUpdateRequest
{
    [JsonPropertyName("pause")] public PauseWorkflowRequest? Pause { get; init; }
}

/// <summary>
/// Hatchet's oneOf of <c>{action:"pause", …}</c> (the three behaviours required) and <c>{action:"unpause"}</c>; the
/// behaviours stay null, and are left out, on unpause.
/// </summary>
public sealed record PauseWorkflowRequest
{
    public const string PauseAction = "pause";
    public const string UnpauseAction = "unpause";

    [JsonPropertyName("action")] public required string Action { get; init; }
    [JsonPropertyName("pausedWorkflowCronRunQueueBehavior")] public string? CronRunQueueBehavior { get; init; }
    [JsonPropertyName("pausedWorkflowScheduledRunQueueBehavior")] public string? ScheduledRunQueueBehavior { get; init; }
    [JsonPropertyName("pausedWorkflowQueueTTL")] public string? QueueTtl { get; init; }
}
