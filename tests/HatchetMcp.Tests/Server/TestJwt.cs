using System.Text;
using System.Text.Json.Nodes;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// Unsigned-looking JWTs for configuration tests: the server decodes the payload without verifying, so a token can be
/// shaped here to any claim set without an emulator.
/// </summary>
public static class TestJwt
{
    public static string Create(Guid? tenant, string? serverUrl, DateTimeOffset? expires)
    {
        var payload = new JsonObject();
        if (tenant is not null)
        {
            payload["sub"] = tenant.Value.ToString();
        }

        if (serverUrl is not null)
        {
            payload["server_url"] = serverUrl;
        }

        if (expires is not null)
        {
            payload["exp"] = expires.Value.ToUnixTimeSeconds();
        }

        // A long fake signature, so secrecy checks have three long parts to look for.
        return $"{Encode("{\"alg\":\"ES256\",\"typ\":\"JWT\"}")}.{Encode(payload.ToJsonString())}.{Encode("signature-" + Guid.NewGuid())}";
    }

    /// <summary>The whole token and each part long enough to be recognisable: none may appear in any output.</summary>
    public static IEnumerable<string> SecretParts(string token) =>
        new[] { token }.Concat(token.Split('.').Where(part => part.Length >= 8));

    private static string Encode(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
