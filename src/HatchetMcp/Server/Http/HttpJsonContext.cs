using System.Text.Json.Serialization;

namespace HatchetMcp.Server.Http;

/// <summary>The HTTP transport's own answers (refusals, health), serialised without reflection.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HttpErrorAnswer))]
[JsonSerializable(typeof(ReadinessAnswer))]
internal sealed partial class HttpJsonContext : JsonSerializerContext;
