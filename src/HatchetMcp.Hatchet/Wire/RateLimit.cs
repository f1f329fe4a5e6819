using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>A tenant rate limit (§5.12): <c>value</c> is what is left of <c>limitValue</c> in the current window.</summary>
public sealed record RateLimit
{
    [JsonPropertyName("key")] public string? Key { get; set; }
    [JsonPropertyName("tenantId")] public string? TenantId { get; set; }
    [JsonPropertyName("limitValue")] public int? LimitValue { get; set; }
    [JsonPropertyName("value")] public int? Value { get; set; }
    /// <summary>Refill window as Hatchet writes it, e.g. "1 minute".</summary>
    [JsonPropertyName("window")] public string? Window { get; set; }
    [JsonPropertyName("lastRefill")] public DateTimeOffset? LastRefill { get; set; }
}

public sealed record RateLimitList
{
    [JsonPropertyName("pagination")] public PaginationResponse? Pagination { get; set; }
    [JsonPropertyName("rows")] public List<RateLimit>? Rows { get; set; }
}
