using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>GET /api/v1/tenants/{tenant}: the closest thing to "whoami" an API token can call.</summary>
public sealed record Tenant
{
    [JsonPropertyName("metadata")] public ApiResourceMeta? Metadata { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("slug")] public string? Slug { get; set; }
    [JsonPropertyName("version")] public string? Version { get; set; }
    [JsonPropertyName("environment")] public string? Environment { get; set; }
    [JsonPropertyName("serverUrl")] public string? ServerUrl { get; set; }
    [JsonPropertyName("region")] public string? Region { get; set; }
    [JsonPropertyName("analyticsOptOut")] public bool? AnalyticsOptOut { get; set; }
    [JsonPropertyName("alertMemberEmails")] public bool? AlertMemberEmails { get; set; }
}

/// <summary>GET /api/v1/version.</summary>
public sealed record ApiVersion
{
    [JsonPropertyName("version")] public string? Version { get; set; }
}
