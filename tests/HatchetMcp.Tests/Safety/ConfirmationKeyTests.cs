using HatchetMcp.Safety;
using Xunit;

namespace HatchetMcp.Tests.Safety;

/// <summary>
/// HATCHET_MCP_CONFIRMATION_KEY: the key every replica shares so a confirmation token issued by one is honoured by
/// another; an unusable value stops the server at start with one line that never quotes the key.
/// </summary>
public sealed class ConfirmationKeyTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)(i * 7))];

    public static TheoryData<string> Spellings => new()
    {
        Convert.ToHexString(Key),
        Convert.ToHexString(Key).ToLowerInvariant(),
        Convert.ToBase64String(Key),
        Convert.ToBase64String(Key).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void The_key_is_read_from_hex_or_base64(string text)
    {
        var options = Read(text, out var error);

        Assert.Null(error);
        Assert.Equal(Key, options.SigningKey);
    }

    [Fact]
    public void Without_the_variable_each_process_draws_its_own_key()
    {
        var options = ConfirmationOptions.FromEnvironment(new Dictionary<string, string?>(), out var error);

        Assert.Null(error);
        Assert.Null(options.SigningKey);
    }

    [Theory]
    [InlineData("c2hvcnQta2V5", "decodes to 9")]
    [InlineData("00112233", "decodes to 4")]
    [InlineData("not a key at all, not even base64!", "neither")]
    public void A_short_or_unreadable_key_stops_the_server_with_one_line_that_does_not_quote_it(string text, string says)
    {
        Read(text, out var error);

        Assert.NotNull(error);
        Assert.Contains(ConfirmationOptions.KeyVariable, error, StringComparison.Ordinal);
        Assert.Contains(says, error, StringComparison.Ordinal);
        Assert.DoesNotContain(text, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void The_key_is_kept_when_confirmation_is_off()
    {
        var options = ConfirmationOptions.FromEnvironment(new Dictionary<string, string?>
        {
            [ConfirmationOptions.EnvironmentVariable] = "off",
            [ConfirmationOptions.KeyVariable] = Convert.ToBase64String(Key),
        }, out var error);

        Assert.Null(error);
        Assert.True(options.Skip);
        Assert.Equal(Key, options.SigningKey);
    }

    private static ConfirmationOptions Read(string text, out string? error) =>
        ConfirmationOptions.FromEnvironment(new Dictionary<string, string?> { [ConfirmationOptions.KeyVariable] = text }, out error);
}
