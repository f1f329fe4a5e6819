using HatchetMcp.Hatchet;
using HatchetMcp.Server;
using Microsoft.Extensions.Logging;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>The server's logger: stderr only, at the configured level, and the token scrubbed from every line.</summary>
public sealed class StderrLoggerProviderTests
{
    private static readonly string Token = TestJwt.Create(Guid.NewGuid(), "https://hatchet.example.com", DateTimeOffset.UtcNow.AddDays(30));

    [Fact]
    public void A_message_that_contains_the_token_or_one_of_its_parts_is_written_with_them_redacted()
    {
        var writer = new StringWriter();
        using var provider = new StderrLoggerProvider(writer, LogLevel.Trace, new HatchetToken(Token));
        var logger = provider.CreateLogger("Test");
        var payload = Token.Split('.')[1];

        logger.LogInformation("Authorization: Bearer {Token}", Token);
        logger.LogWarning(new InvalidOperationException($"payload {payload} in an exception"), "failed");

        var text = writer.ToString();
        Assert.Contains("Authorization: Bearer [redacted]", text, StringComparison.Ordinal);
        Assert.Contains("payload [redacted] in an exception", text, StringComparison.Ordinal);
        foreach (var secret in TestJwt.SecretParts(Token))
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Entries_below_the_minimum_level_are_not_written()
    {
        var writer = new StringWriter();
        using var provider = new StderrLoggerProvider(writer, LogLevel.Warning, token: null);
        var logger = provider.CreateLogger("Test");

        logger.LogDebug("quiet");
        logger.LogInformation("quiet too");
        logger.LogWarning("loud");

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Error));
        var line = Assert.Single(writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith("warn Test: loud", line.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void In_json_format_each_entry_is_one_json_object_per_line_with_the_token_redacted()
    {
        var writer = new StringWriter();
        using var provider = new StderrLoggerProvider(writer, LogLevel.Trace, new HatchetToken(Token), LogFormat.Json);
        var logger = provider.CreateLogger("Test");

        logger.LogInformation("Authorization: Bearer {Token}\nsecond line", Token);
        logger.LogError(new InvalidOperationException($"token {Token} in an exception"), "failed");

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = System.Text.Json.JsonDocument.Parse(lines[0]);
        Assert.Equal("Information", first.RootElement.GetProperty("level").GetString());
        Assert.Equal("Test", first.RootElement.GetProperty("category").GetString());
        Assert.Equal("Authorization: Bearer [redacted]\nsecond line", first.RootElement.GetProperty("message").GetString());
        using var second = System.Text.Json.JsonDocument.Parse(lines[1]);
        Assert.Contains("token [redacted] in an exception", second.RootElement.GetProperty("exception").GetString(), StringComparison.Ordinal);
        foreach (var secret in TestJwt.SecretParts(Token))
        {
            Assert.DoesNotContain(secret, writer.ToString(), StringComparison.Ordinal);
        }
    }
}
