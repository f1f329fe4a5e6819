using System.Text.Json.Serialization;

namespace HatchetMcp.Server.Http;

/// <summary>
/// A refusal before the request reaches MCP, shaped as a JSON-RPC error with no id (the request was never read), so a
/// client shows its message.
/// </summary>
public sealed record HttpErrorAnswer
{
    [JsonPropertyName("jsonrpc")]
    public string JsonRpc { get; init; } = "2.0";

    [JsonPropertyName("error")]
    public required HttpErrorDetail Error { get; init; }

    /// <summary>Always null: the request was refused before its id was read.</summary>
    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Id { get; init; }
}

/// <summary>The code and message of an <see cref="HttpErrorAnswer"/>.</summary>
public sealed record HttpErrorDetail(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message);
