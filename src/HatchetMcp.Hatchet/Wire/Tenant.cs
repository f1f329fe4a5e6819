using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>GET /api/v1/tenants/{tenant}: the closest thing to "whoami" an API token can call.</summary>
public sealed record Tenant
{
    [JsonPropertyName("metadata")] public ApiResourceMeta? Metadata { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("slug")] public string? Slug { get; init; }
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("environment")] public string? Environment { get; init; }
    [JsonPropertyName("serverUrl")] public string? ServerUrl { get; init; }
    [JsonPropertyName("region")] public string? Region { get; init; }
    [JsonPropertyName("analyticsOptOut")] public bool? AnalyticsOptOut { get; init; }
    [JsonPropertyName("alertMemberEmails")] public bool? AlertMemberEmails { get; init; }
}

/// <summary>GET /api/v1/version.</summary>
public sealed record ApiVersion
{
    [JsonPropertyName("version")] public string? Version { get; init; }
}
