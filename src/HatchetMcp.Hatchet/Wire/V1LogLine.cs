using System.Text.Json;
using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>One log line of one task attempt.</summary>
public sealed record V1LogLine
{
    [JsonPropertyName("createdAt")] public DateTimeOffset? CreatedAt { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("metadata")] public JsonElement? Metadata { get; init; }
    [JsonPropertyName("taskExternalId")] public Guid? TaskExternalId { get; init; }
    [JsonPropertyName("taskDisplayName")] public string? TaskDisplayName { get; init; }
    [JsonPropertyName("retryCount")] public int? RetryCount { get; init; }
    [JsonPropertyName("attempt")] public int? Attempt { get; init; }
    /// <summary>DEBUG, INFO, WARN or ERROR.</summary>
    [JsonPropertyName("level")] public string? Level { get; init; }
}

/// <summary>Log lines; Hatchet does not paginate logs (pagination is always 0/0/0): window with since/until.</summary>
public sealed record V1LogLineList
{
    [JsonPropertyName("pagination")] public PaginationResponse? Pagination { get; init; }
    [JsonPropertyName("rows")] public List<V1LogLine>? Rows { get; init; }
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
