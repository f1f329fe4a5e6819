using System.Text.Json;
using System.Text.Json.Serialization;
using HatchetMcp.Tools.Results;

namespace HatchetMcp.Tools;

/// <summary>Source-generated JSON for the tools' structured results and argument types (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WhoamiResult))]
[JsonSerializable(typeof(WhoamiProfile))]
[JsonSerializable(typeof(ListWorkflowsResult))]
[JsonSerializable(typeof(GetWorkflowResult))]
[JsonSerializable(typeof(ListRunsResult))]
[JsonSerializable(typeof(GetRunResult))]
[JsonSerializable(typeof(GetRunLogsResult))]
[JsonSerializable(typeof(SearchLogsResult))]
[JsonSerializable(typeof(SummarizeFailuresResult))]
[JsonSerializable(typeof(WorkflowFailureRow))]
[JsonSerializable(typeof(LogMatchGroup))]
[JsonSerializable(typeof(ListWorkersResult))]
[JsonSerializable(typeof(GetWorkerResult))]
[JsonSerializable(typeof(ListRateLimitsResult))]
[JsonSerializable(typeof(QueueMetricsResult))]
[JsonSerializable(typeof(ListCronsResult))]
[JsonSerializable(typeof(ListScheduledRunsResult))]
[JsonSerializable(typeof(ListEventsResult))]
[JsonSerializable(typeof(DiagnoseRunResult))]
[JsonSerializable(typeof(CompareRunsResult))]
[JsonSerializable(typeof(TriggerResult))]
[JsonSerializable(typeof(BulkActionResult))]
[JsonSerializable(typeof(PauseResult))]
[JsonSerializable(typeof(FindStuckRunsResult))]
[JsonSerializable(typeof(StuckGroup))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(JsonElement?))]
internal sealed partial class ToolsJsonContext : JsonSerializerContext;
