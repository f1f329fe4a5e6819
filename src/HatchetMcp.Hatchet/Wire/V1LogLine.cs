using System.Text.Json;
using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>One log line of one task attempt.</summary>
public sealed record V1LogLine
{
    [JsonPropertyName("createdAt")] public DateTimeOffset? CreatedAt { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("metadata")] public JsonElement? Metadata { get; set; }
    [JsonPropertyName("taskExternalId")] public Guid? TaskExternalId { get; set; }
    [JsonPropertyName("taskDisplayName")] public string? TaskDisplayName { get; set; }
    [JsonPropertyName("retryCount")] public int? RetryCount { get; set; }
    [JsonPropertyName("attempt")] public int? Attempt { get; set; }
    /// <summary>DEBUG, INFO, WARN or ERROR.</summary>
    [JsonPropertyName("level")] public string? Level { get; set; }
}

/// <summary>Log lines; Hatchet does not paginate logs (pagination is always 0/0/0): window with since/until.</summary>
public sealed record V1LogLineList
{
    [JsonPropertyName("pagination")] public PaginationResponse? Pagination { get; set; }
    [JsonPropertyName("rows")] public List<V1LogLine>? Rows { get; set; }
}

/// <summary>The V1LogLineLevel values.</summary>
public static class V1LogLineLevels
{
    public const string Debug = "DEBUG";
    public const string Info = "INFO";
    public const string Warn = "WARN";
    public const string Error = "ERROR";

    public static IReadOnlyList<string> All { get; } = [Debug, Info, Warn, Error];
}
