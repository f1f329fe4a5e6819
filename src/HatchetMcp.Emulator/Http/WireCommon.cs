using System.Text.Json.Serialization;

namespace HatchetMcp.Emulator.Http;

// Wire shapes shared by every endpoint family. Optional members are null when unset and then omitted, as Go's
// omitempty pointers are; required members are always written.

/// <summary>Echo's default error body: {"message": ...}.</summary>
internal sealed record WireMessageError([property: JsonPropertyName("message")] string Message);

/// <summary>APIError; Hatchet almost always sends only the description.</summary>
internal sealed record WireApiError([property: JsonPropertyName("description")] string Description);

/// <summary>APIErrors.</summary>
internal sealed record WireApiErrors([property: JsonPropertyName("errors")] IReadOnlyList<WireApiError> Errors);

/// <summary>APIResourceMeta.</summary>
internal sealed record WireMeta(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>PaginationResponse: snake_case, all optional.</summary>
internal sealed record WirePagination(
    [property: JsonPropertyName("current_page")] long? CurrentPage,
    [property: JsonPropertyName("next_page")] long? NextPage,
    [property: JsonPropertyName("num_pages")] long? NumPages);

/// <summary>{"errors":null}: what workflow get answers (404) for a workflow without a version.</summary>
internal sealed class WireApiErrorsNull
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<WireApiError>? Errors { get; init; }
}
