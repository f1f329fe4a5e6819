using System.Text.Json;
using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>
/// A workflow version (GET /api/v1/workflows/{id}/versions). Hatchet does not set <c>jobs</c>; the tasks live in the raw
/// registration options, <see cref="WorkflowConfig"/>, whose shape Hatchet does not document (read leniently).
/// </summary>
public sealed record WorkflowVersion
{
    [JsonPropertyName("metadata")] public ApiResourceMeta? Metadata { get; set; }
    [JsonPropertyName("version")] public string? Version { get; set; }
    [JsonPropertyName("order")] public long? Order { get; set; }
    [JsonPropertyName("defaultPriority")] public int? DefaultPriority { get; set; }
    [JsonPropertyName("scheduleTimeout")] public string? ScheduleTimeout { get; set; }
    [JsonPropertyName("concurrency")] public WorkflowConcurrency? Concurrency { get; set; }
    [JsonPropertyName("v1Concurrency")] public List<ConcurrencySetting>? V1Concurrency { get; set; }
    [JsonPropertyName("triggers")] public WorkflowTriggers? Triggers { get; set; }
    [JsonPropertyName("workflowConfig")] public JsonElement? WorkflowConfig { get; set; }
    /// <summary>The JSON schema of the workflow's input, when the SDK registered one (InputSchemaCheck reads it).</summary>
    [JsonPropertyName("inputJsonSchema")] public JsonElement? InputJsonSchema { get; set; }
}

/// <summary>The v0 concurrency setting of a version.</summary>
public sealed record WorkflowConcurrency
{
    [JsonPropertyName("maxRuns")] public int? MaxRuns { get; set; }
    [JsonPropertyName("limitStrategy")] public string? LimitStrategy { get; set; }
    [JsonPropertyName("getConcurrencyGroup")] public string? GetConcurrencyGroup { get; set; }
}

/// <summary>A v1 concurrency setting: at most maxRuns per value of expression, in a workflow or task scope.</summary>
public sealed record ConcurrencySetting
{
    [JsonPropertyName("maxRuns")] public int? MaxRuns { get; set; }
    [JsonPropertyName("limitStrategy")] public string? LimitStrategy { get; set; }
    [JsonPropertyName("expression")] public string? Expression { get; set; }
    [JsonPropertyName("stepReadableId")] public string? StepReadableId { get; set; }
    [JsonPropertyName("scope")] public string? Scope { get; set; }
}

/// <summary>The event keys and cron expressions a version registered (Hatchet spells these fields in snake case).</summary>
public sealed record WorkflowTriggers
{
    [JsonPropertyName("events")] public List<WorkflowEventTrigger>? Events { get; set; }
    [JsonPropertyName("crons")] public List<WorkflowCronTrigger>? Crons { get; set; }
}

public sealed record WorkflowEventTrigger
{
    [JsonPropertyName("event_key")] public string? EventKey { get; set; }
}

public sealed record WorkflowCronTrigger
{
    [JsonPropertyName("cron")] public string? Cron { get; set; }
}
