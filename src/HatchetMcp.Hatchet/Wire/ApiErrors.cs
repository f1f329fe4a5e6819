using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>
/// Both error shapes Hatchet sends in one record: handler errors <c>{"errors":[{"description":…}]}</c>, bare
/// <c>{"description":…}</c>, and Echo middleware errors <c>{"message":…}</c>.
/// </summary>
internal sealed record ApiErrorBody
{
    [JsonPropertyName("errors")] public List<ApiErrorItem?>? Errors { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
}

internal sealed record ApiErrorItem
{
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("field")] public string? Field { get; set; }
}
