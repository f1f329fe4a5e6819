using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace HatchetMcp.Emulator.Auth;

/// <summary>
/// Mints and validates the emulator's API tokens: ES256 JWTs with Hatchet's claim names, backed by a token table
/// so they can be revoked. Only tokens minted by this instance, unexpired and unrevoked, are accepted.
/// </summary>
public sealed class EmulatorTokens : IDisposable
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(90);

    private readonly Es256Signer _signer = new();
    private readonly ConcurrentDictionary<Guid, TokenRow> _rows = new();
    private readonly string _serverUrl;
    private readonly string _grpcBroadcastAddress;
    private readonly TimeProvider _time;

    internal EmulatorTokens(string serverUrl, string grpcBroadcastAddress, TimeProvider time)
    {
        _serverUrl = serverUrl;
        _grpcBroadcastAddress = grpcBroadcastAddress;
        _time = time;
    }

    /// <summary>Mints a token for <paramref name="tenantId"/>; lifetime defaults to 90 days from issue, issue to now.</summary>
    public string Mint(Guid tenantId, TimeSpan? lifetime = null, DateTimeOffset? issuedAt = null)
    {
        DateTimeOffset iat = issuedAt ?? _time.GetUtcNow();
        DateTimeOffset exp = iat + (lifetime ?? DefaultLifetime);
        var row = new TokenRow(Guid.NewGuid(), tenantId, exp);
        _rows[row.TokenId] = row;

        // Tink writes compact JSON with ", " separators, keys sorted; the header has no "typ".
        string header = "{\"alg\":\"ES256\", \"kid\":" + Quote(_signer.KeyId) + "}";
        var payload = new StringBuilder(256)
            .Append("{\"aud\":").Append(Quote(_serverUrl))
            .Append(", \"exp\":").Append(exp.ToUnixTimeSeconds())
            .Append(", \"grpc_broadcast_address\":").Append(Quote(_grpcBroadcastAddress))
            .Append(", \"iat\":").Append(iat.ToUnixTimeSeconds())
            .Append(", \"iss\":").Append(Quote(_serverUrl))
            .Append(", \"server_url\":").Append(Quote(_serverUrl))
            .Append(", \"sub\":").Append(Quote(tenantId.ToString()))
            .Append(", \"token_id\":").Append(Quote(row.TokenId.ToString()))
            .Append('}')
            .ToString();
        return _signer.Sign(header, payload);
    }

    /// <summary>Revokes a token minted here; later requests with it get 403. Unknown tokens are ignored.</summary>
    public void Revoke(string jwt)
    {
        if (TryReadTokenId(jwt, out Guid tokenId) && _rows.TryGetValue(tokenId, out TokenRow? row))
        {
            row.Revoked = true;
        }
    }

    /// <summary>
    /// Hatchet's ValidateTenantToken: signature, iss/aud = server URL, issued in the past, unexpired, a UUID
    /// token_id with a live unrevoked row, server_url (when present) = server URL, and a UUID sub.
    /// </summary>
    internal bool TryValidate(string jwt, out Guid tenantId)
    {
        tenantId = Guid.Empty;
        if (!_signer.TryVerify(jwt, out byte[] headerBytes, out byte[] payloadBytes))
        {
            return false;
        }

        try
        {
            using (JsonDocument header = JsonDocument.Parse(headerBytes))
            {
                if (header.RootElement.ValueKind != JsonValueKind.Object ||
                    !IsString(header.RootElement, "alg", "ES256"))
                {
                    return false;
                }
            }

            using JsonDocument doc = JsonDocument.Parse(payloadBytes);
            JsonElement claims = doc.RootElement;
            if (claims.ValueKind != JsonValueKind.Object ||
                !IsString(claims, "iss", _serverUrl) ||
                !IsString(claims, "aud", _serverUrl))
            {
                return false;
            }

            long now = _time.GetUtcNow().ToUnixTimeSeconds();
            if (!claims.TryGetProperty("exp", out JsonElement exp) || exp.ValueKind != JsonValueKind.Number ||
                exp.GetInt64() <= now)
            {
                return false;
            }

            if (claims.TryGetProperty("iat", out JsonElement iat) &&
                (iat.ValueKind != JsonValueKind.Number || iat.GetInt64() > now))
            {
                return false;
            }

            if (!TryGuidClaim(claims, "token_id", out Guid tokenId) ||
                !_rows.TryGetValue(tokenId, out TokenRow? row) ||
                row.Revoked || row.ExpiresAt <= _time.GetUtcNow())
            {
                return false;
            }

            if (claims.TryGetProperty("server_url", out JsonElement serverUrl) &&
                (serverUrl.ValueKind != JsonValueKind.String || serverUrl.GetString() != _serverUrl))
            {
                return false;
            }

            if (!TryGuidClaim(claims, "sub", out Guid sub))
            {
                return false;
            }

            tenantId = sub;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public void Dispose() => _signer.Dispose();

    private static bool TryReadTokenId(string jwt, out Guid tokenId)
    {
        tokenId = Guid.Empty;
        string[] parts = jwt.Split('.');
        if (parts.Length != 3 || !Base64Url.TryDecode(parts[1], out byte[] payload))
        {
            return false;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(payload);
            return doc.RootElement.ValueKind == JsonValueKind.Object && TryGuidClaim(doc.RootElement, "token_id", out tokenId);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsString(JsonElement obj, string name, string expected) =>
        obj.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String &&
        value.GetString() == expected;

    private static bool TryGuidClaim(JsonElement obj, string name, out Guid value)
    {
        value = Guid.Empty;
        return obj.TryGetProperty(name, out JsonElement element) && element.ValueKind == JsonValueKind.String &&
               Guid.TryParseExact(element.GetString(), "D", out value);
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value, AuthJsonContext.Default.String);
}
