using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>The <c>metadata</c> object nearly every Hatchet resource carries.</summary>
public sealed record ApiResourceMeta
{
    /// <summary>Null when the server sends an empty or malformed id (the contract allows a zero-length id).</summary>
    [JsonPropertyName("id")] public Guid? Id { get; set; }
    [JsonPropertyName("createdAt")] public DateTimeOffset? CreatedAt { get; set; }
    [JsonPropertyName("updatedAt")] public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>Hatchet's page numbers. They vary per endpoint; never rely on <c>next_page</c> (behaviour notes §1.5).</summary>
public sealed record PaginationResponse
{
    [JsonPropertyName("current_page")] public long? CurrentPage { get; set; }
    [JsonPropertyName("next_page")] public long? NextPage { get; set; }
    [JsonPropertyName("num_pages")] public long? NumPages { get; set; }
}
