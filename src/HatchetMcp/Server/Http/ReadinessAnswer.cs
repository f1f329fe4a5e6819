using System.Text.Json.Serialization;

namespace HatchetMcp.Server.Http;

/// <summary>What /readyz answers: ready, or not and why (never the token).</summary>
public sealed record ReadinessAnswer(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reason")] string? Reason = null)
{
    [JsonIgnore]
    public bool IsReady => Status == "ready";
}
