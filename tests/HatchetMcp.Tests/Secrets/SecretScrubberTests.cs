using System.Net;
using System.Security.Cryptography;
using System.Text;
using HatchetMcp.Hatchet;
using HatchetMcp.Tests.Hatchet;
using Xunit;

namespace HatchetMcp.Tests.Secrets;

/// <summary>The token never survives scrubbing, whole or in part: parts, any 16-character run, its token_id.</summary>
public sealed class SecretScrubberTests
{
    private const string TokenId = "0a0a0a0a-0000-4000-8000-000000000001";

    /// <summary>A token shaped like Hatchet's: ES256 header, Hatchet's claims, a 64-byte signature.</summary>
    internal static string HatchetLikeToken(string tokenId = TokenId)
    {
        var header = Encode("""{"alg":"ES256", "kid":"LGcQHQ"}""");
        var payload = Encode($$"""{"aud":"http://localhost:8888", "exp":4102444800, "iat":1704067200, "iss":"http://localhost:8888", "server_url":"http://localhost:8888", "sub":"707d0855-80ab-4e1f-a156-f1c4546cbf52", "token_id":"{{tokenId}}"}""");
        var signature = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{header}.{payload}.{signature}";
    }

    private static string Encode(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Everything that must never be visible: the token, its parts, every 16-character run, the token_id.</summary>
    internal static IEnumerable<string> Secrets(string token, string? tokenId)
    {
        yield return token;
        foreach (var part in token.Split('.'))
        {
            yield return part;
        }

        for (var i = 0; i + SecretScrubber.MinFragment <= token.Length; i++)
        {
            yield return token.Substring(i, SecretScrubber.MinFragment);
        }

        if (tokenId is not null)
        {
            yield return tokenId;
        }
    }

    internal static void AssertClean(string token, string? tokenId, string text)
    {
        foreach (var secret in Secrets(token, tokenId))
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void The_whole_token_each_part_and_the_token_id_are_replaced()
    {
        var token = HatchetLikeToken();
        var parts = token.Split('.');
        var scrubber = SecretScrubber.ForToken(token);

        var text = $"auth {token}; header {parts[0]}, payload {parts[1]}, sig {parts[2]}, row {TokenId}, ROW {TokenId.ToUpperInvariant()}";
        var scrubbed = scrubber.Scrub(text);

        AssertClean(token, TokenId, scrubbed);
        Assert.StartsWith("auth [redacted]; header [redacted], payload [redacted], sig [redacted], row [redacted]", scrubbed, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_run_of_16_characters_of_the_token_is_replaced_wherever_it_sits_in_a_long_text()
    {
        var token = HatchetLikeToken();
        var scrubber = SecretScrubber.ForToken(token);
        var padding = new string('x', 400);

        for (var start = 0; start + SecretScrubber.MinFragment <= token.Length; start += 7)
        {
            var length = SecretScrubber.MinFragment + (start % 5);
            var fragment = token.Substring(start, Math.Min(length, token.Length - start));
            var scrubbed = scrubber.Scrub($"{padding}<{fragment}>{padding}");

            Assert.Equal($"{padding}<[redacted]>{padding}", scrubbed);
        }
    }

    [Fact]
    public void A_run_crossing_the_dot_between_two_parts_is_replaced()
    {
        var token = HatchetLikeToken();
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var scrubber = SecretScrubber.ForToken(token);

        var scrubbed = scrubber.Scrub("seen: " + token.Substring(dot - 9, 18) + " end");

        Assert.Equal("seen: [redacted] end", scrubbed);
    }

    [Fact]
    public void The_token_id_is_replaced_in_its_compact_form_too()
    {
        var scrubber = SecretScrubber.ForToken(HatchetLikeToken());

        Assert.Equal("id [redacted]", scrubber.Scrub("id " + Guid.Parse(TokenId).ToString("N")));
    }

    [Fact]
    public void Text_without_any_part_of_the_token_is_returned_as_is()
    {
        var token = HatchetLikeToken();
        var scrubber = SecretScrubber.ForToken(token);
        var text = "Hatchet failed with 500: run 6f1c2a9e-0d1b-4c3a-9e8f-7a6b5c4d3e2f timed out; " + token[..15];

        Assert.Same(text, scrubber.Scrub(text));
        Assert.False(scrubber.Finds(text));
    }

    [Fact]
    public void A_token_that_is_not_a_jwt_is_still_scrubbed_whole_and_in_part()
    {
        const string opaque = "hatchet-opaque-api-key-0123456789abcdef";
        var scrubber = SecretScrubber.ForToken(opaque);

        var scrubbed = scrubber.Scrub($"key={opaque} and part={opaque[5..25]}");

        Assert.Equal("key=[redacted] and part=[redacted]", scrubbed);
    }

    [Fact]
    public async Task A_403_body_echoing_the_token_past_300_characters_leaves_no_part_of_it_in_the_error()
    {
        var token = HatchetLikeToken();
        var body = $$"""{"message":"{{new string('.', 280)}} invalid bearer {{token}} (token id {{TokenId}})"}""";
        var stub = new StubHatchetHandler().ThenJson(HttpStatusCode.Forbidden, body);
        using var client = HatchetClient.Create(TestTokens.Settings(new TestToken(token), maxAttempts: 1), stub);

        var error = await Assert.ThrowsAsync<HatchetApiException>(() => client.GetTenantAsync(TestContext.Current.CancellationToken));

        AssertClean(token, TokenId, error.Message);
        AssertClean(token, TokenId, error.HatchetMessage ?? "");
        Assert.Equal(HatchetErrorKind.Forbidden, error.Kind);
    }
}
