using HatchetMcp.Hatchet;
using Xunit;
using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;

namespace HatchetMcp.Tests.Hatchet;

/// <summary>Unsigned look-alike Hatchet API tokens (the client never checks signatures), with their parts for leak checks.</summary>
internal sealed record TestToken(string Jwt)
{
    public string Header => Jwt.Split('.')[0];
    public string Payload => Jwt.Split('.')[1];
    public string Signature => Jwt.Split('.')[2];

    /// <summary>True when <paramref name="text"/> contains the token or any of its parts.</summary>
    public bool LeaksInto(string? text) =>
        text is not null && (text.Contains(Jwt, StringComparison.Ordinal) || text.Contains(Payload, StringComparison.Ordinal)
            || text.Contains(Signature, StringComparison.Ordinal) || text.Contains(Header, StringComparison.Ordinal));
}

internal static class TestTokens
{
    public static readonly Guid Tenant = Guid.Parse("707d0855-80ab-4e1f-a156-f1c4546cbf52");
    public const string ServerUrl = "http://hatchet.test:8080";

    public static TestToken Mint(Action<JsonObject>? edit = null, DateTimeOffset? expires = null, DateTimeOffset? now = null)
    {
        var issued = now ?? DateTimeOffset.UtcNow;
        var payload = new JsonObject
        {
            ["aud"] = ServerUrl,
            ["iss"] = ServerUrl,
            ["server_url"] = ServerUrl,
            ["grpc_broadcast_address"] = "hatchet.test:7070",
            ["sub"] = Tenant.ToString(),
            ["token_id"] = Guid.NewGuid().ToString(),
            ["iat"] = issued.ToUnixTimeSeconds(),
            ["exp"] = (expires ?? issued.AddDays(90)).ToUnixTimeSeconds(),
        };
        edit?.Invoke(payload);
        return FromPayload(payload.ToJsonString());
    }

    public static TestToken FromPayload(string payloadJson)
    {
        var header = Encode("{\"alg\":\"ES256\", \"kid\":\"LGcQHQ\"}");
        var signature = Base64Url.EncodeToString(RandomBytes(64));
        return new TestToken($"{header}.{Encode(payloadJson)}.{signature}");
    }

    public static HatchetSettings Settings(TestToken? token = null, int maxAttempts = 3, TimeSpan? timeout = null) => new()
    {
        ApiBase = new Uri(ServerUrl),
        TenantId = Tenant,
        Token = new HatchetToken((token ?? Mint()).Jwt),
        MaxAttempts = maxAttempts,
        Timeout = timeout ?? HatchetSettings.DefaultTimeout,
    };

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
