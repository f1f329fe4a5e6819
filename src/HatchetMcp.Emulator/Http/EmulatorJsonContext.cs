using System.Text.Json.Serialization;

namespace HatchetMcp.Emulator.Http;

/// <summary>
/// Source-generated JSON for every wire type of the emulator (AOT: no reflection). camelCase names, null optional
/// members omitted (Go omitempty), instants written as Go writes time.Time.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false,
    Converters = [typeof(GoTimeJsonConverter)])]
[JsonSerializable(typeof(WireMessageError))]
[JsonSerializable(typeof(WireApiError))]
[JsonSerializable(typeof(WireApiErrors))]
[JsonSerializable(typeof(WireApiErrorsNull))]
[JsonSerializable(typeof(WireTaskSummaryList))]
[JsonSerializable(typeof(WireTaskSummary))]
[JsonSerializable(typeof(WireRunDetails))]
[JsonSerializable(typeof(WireTaskEventList))]
[JsonSerializable(typeof(WireTaskTimingList))]
[JsonSerializable(typeof(WireLogLineList))]
[JsonSerializable(typeof(List<WireTaskRunMetric>))]
[JsonSerializable(typeof(WireStepRunQueueMetrics))]
[JsonSerializable(typeof(WireTriggerRequest))]
[JsonSerializable(typeof(WireTaskBulkRequest))]
[JsonSerializable(typeof(WireTaskIds))]
[JsonSerializable(typeof(WireTenant))]
[JsonSerializable(typeof(WireWorkflow))]
[JsonSerializable(typeof(WireWorkflowList))]
[JsonSerializable(typeof(WireWorkflowVersion))]
[JsonSerializable(typeof(WireWorker))]
[JsonSerializable(typeof(WireWorkerList))]
[JsonSerializable(typeof(WireWorkerUpdate))]
[JsonSerializable(typeof(WireWorkflowUpdate))]
[JsonSerializable(typeof(WireCronUpdate))]
[JsonSerializable(typeof(WireTriggerRunResult))]
[JsonSerializable(typeof(WireEvent))]
[JsonSerializable(typeof(WireEventList))]
[JsonSerializable(typeof(WireEventKeyList))]
[JsonSerializable(typeof(WireCron))]
[JsonSerializable(typeof(WireCronList))]
[JsonSerializable(typeof(WireScheduled))]
[JsonSerializable(typeof(WireScheduledList))]
[JsonSerializable(typeof(WireCreateCronRequest))]
[JsonSerializable(typeof(WireCreateScheduledRequest))]
[JsonSerializable(typeof(WireRateLimitList))]
[JsonSerializable(typeof(WireVersion))]
[JsonSerializable(typeof(WireApiMeta))]
[JsonSerializable(typeof(WireRecordedRequests))]
[JsonSerializable(typeof(WireFaultRequest))]
[JsonSerializable(typeof(WireTimeAdvanced))]
[JsonSerializable(typeof(ScenarioFacts))]
[JsonSerializable(typeof(WireDisplayNameList))]
[JsonSerializable(typeof(List<Guid>))]
[JsonSerializable(typeof(string))]
internal sealed partial class EmulatorJsonContext : JsonSerializerContext;
