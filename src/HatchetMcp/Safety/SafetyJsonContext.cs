using System.Text.Json.Serialization;

namespace HatchetMcp.Safety;

/// <summary>Source-generated JSON for audit lines (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuditEntry))]
internal sealed partial class SafetyJsonContext : JsonSerializerContext;
