using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>A v1 event (V1Event); the payload is not read.</summary>
public sealed record V1Event
{
    /// <summary><c>id</c> is the event's external id; <c>createdAt</c> is when Hatchet saw it.</summary>
    [JsonPropertyName("metadata")] public ApiResourceMeta? Metadata { get; set; }
    [JsonPropertyName("key")] public string? Key { get; set; }
    [JsonPropertyName("seenAt")] public DateTimeOffset? SeenAt { get; set; }
    [JsonPropertyName("scope")] public string? Scope { get; set; }
    [JsonPropertyName("additionalMetadata"), JsonConverter(typeof(HatchetMetadataConverter))] public Dictionary<string, string>? AdditionalMetadata { get; set; }
    [JsonPropertyName("workflowRunSummary")] public V1EventWorkflowRunSummary? WorkflowRunSummary { get; set; }
    [JsonPropertyName("triggeredRuns")] public List<V1EventTriggeredRun>? TriggeredRuns { get; set; }
}

/// <summary>How many of the runs an event triggered are in each state.</summary>
public sealed record V1EventWorkflowRunSummary
{
    [JsonPropertyName("running")] public long? Running { get; set; }
    [JsonPropertyName("queued")] public long? Queued { get; set; }
    [JsonPropertyName("succeeded")] public long? Succeeded { get; set; }
    [JsonPropertyName("failed")] public long? Failed { get; set; }
    [JsonPropertyName("cancelled")] public long? Cancelled { get; set; }
}

public sealed record V1EventTriggeredRun
{
    [JsonPropertyName("workflowRunId")] public Guid? WorkflowRunId { get; set; }
}

public sealed record V1EventList
{
    [JsonPropertyName("pagination")] public PaginationResponse? Pagination { get; set; }
    [JsonPropertyName("rows")] public List<V1Event>? Rows { get; set; }
}
