using System.Buffers.Text;
using System.Text.Json;

namespace HatchetMcp.Hatchet;

/// <summary>
/// The claims the server needs from a Hatchet API token, read from the JWT payload WITHOUT checking the signature
/// (as Hatchet's own SDKs do): the server checks it on every call anyway.
/// </summary>
internal sealed record JwtClaims(string? Subject, string? ServerUrl, DateTimeOffset? ExpiresAt)
{
    /// <summary>
    /// The <c>iss</c> claim. Hatchet sets it (and <c>aud</c>) to the same server URL as <c>server_url</c>, and only
    /// checks <c>server_url</c> when present, so a token without it still names its server here.
    /// </summary>
    public string? Issuer { get; init; }

    /// <summary>The <c>token_id</c> claim: the id of the token's row in Hatchet. It identifies the token, so it is a secret too.</summary>
    public string? TokenId { get; init; }

    /// <summary>Null when the text is not a JWT with a base64url JSON-object payload.</summary>
    public static JwtClaims? TryRead(string token)
    {
        // Only base64url characters and dots: anything else (white space, quotes) would also break the header.
        foreach (var c in token)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '=')) return null;
        }
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0) return null;

        byte[] payload;
        try
        {
            payload = Base64Url.DecodeFromChars(parts[1]);
        }
        catch (FormatException)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            return new JwtClaims(ReadString(root, "sub"), ReadString(root, "server_url"), ReadExpiry(root))
            {
                Issuer = ReadString(root, "iss"),
                TokenId = ReadString(root, "token_id"),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ReadString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? ReadExpiry(JsonElement root)
    {
        if (!root.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number) return null;
        if (!exp.TryGetDouble(out var seconds)) return null;
        // Clamp to what DateTimeOffset can hold; a wild exp is "far future", not a crash.
        const double maxSeconds = 253402300799; // 9999-12-31T23:59:59Z
        seconds = Math.Clamp(seconds, 0, maxSeconds);
        return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
    }
}
