using System.Text.Json;
using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>Source-generated JSON for every Hatchet wire type (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(HatchetTimestampConverter), typeof(HatchetOptionalGuidConverter), typeof(HatchetLenientInt64Converter)])]
[JsonSerializable(typeof(ApiResourceMeta))]
[JsonSerializable(typeof(PaginationResponse))]
[JsonSerializable(typeof(V1TaskSummary))]
[JsonSerializable(typeof(V1RunList))]
[JsonSerializable(typeof(V1WorkflowRun))]
[JsonSerializable(typeof(V1WorkflowRunDetails))]
[JsonSerializable(typeof(V1TaskEventList))]
[JsonSerializable(typeof(V1LogLine))]
[JsonSerializable(typeof(V1LogLineList))]
[JsonSerializable(typeof(Worker))]
[JsonSerializable(typeof(WorkerList))]
[JsonSerializable(typeof(RateLimitList))]
[JsonSerializable(typeof(Workflow))]
[JsonSerializable(typeof(WorkflowList))]
[JsonSerializable(typeof(WorkflowVersion))]
[JsonSerializable(typeof(CronWorkflowList))]
[JsonSerializable(typeof(ScheduledWorkflowList))]
[JsonSerializable(typeof(V1EventList))]
[JsonSerializable(typeof(Tenant))]
[JsonSerializable(typeof(ApiVersion))]
[JsonSerializable(typeof(V1TaskRunMetric))]
[JsonSerializable(typeof(List<V1TaskRunMetric>))]
[JsonSerializable(typeof(StepRunQueueMetrics))]
[JsonSerializable(typeof(QueueDepth))]
[JsonSerializable(typeof(V1TriggerWorkflowRunRequest))]
[JsonSerializable(typeof(V1TaskIdsRequest))]
[JsonSerializable(typeof(V1TaskIdsResponse))]
[JsonSerializable(typeof(UpdateWorkerRequest))]
[JsonSerializable(typeof(WorkflowUpdateRequest))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class HatchetJsonContext : JsonSerializerContext;

/// <summary>Error bodies stay internal: only the client reads them.</summary>
[JsonSerializable(typeof(ApiErrorBody))]
internal sealed partial class HatchetErrorJsonContext : JsonSerializerContext;
