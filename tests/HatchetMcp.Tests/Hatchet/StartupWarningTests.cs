using HatchetMcp.Hatchet;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace HatchetMcp.Tests.Hatchet;

/// <summary>
/// What the server warns about at start: a tenant override that is not the token's tenant (the server would then
/// answer for a tenant the token may not reach), and a token about to expire. Warnings are sentences the caller
/// prefixes once; they name ids (not secret) and never the token.
/// </summary>
public sealed class StartupWarningTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Other = Guid.Parse("7c2a9e51-0d3b-4f6a-8e1c-2b5d9f4a6c30");
    private readonly FakeTimeProvider _time = new(Now);

    private HatchetSettingsResult Read(TestToken token, params (string Name, string? Value)[] extra)
    {
        var env = new Dictionary<string, string?> { [HatchetEnvironmentVariables.Token] = token.Jwt };
        foreach (var (name, value) in extra) env[name] = value;
        return HatchetSettings.FromEnvironment(env, _time);
    }

    private static TestToken Token(DateTimeOffset? expires = null) => TestTokens.Mint(null, expires ?? Now.AddDays(90), Now.AddDays(-1));

    [Theory]
    [InlineData(HatchetEnvironmentVariables.TenantId)]
    [InlineData(HatchetEnvironmentVariables.SdkTenantId)]
    public void A_tenant_override_that_is_not_the_tokens_tenant_starts_with_a_warning_naming_both(string variable)
    {
        var token = Token();
        var result = Read(token, (variable, Other.ToString()));

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(Other, result.Settings!.TenantId);
        var warning = Assert.IsType<string>(result.Warning);
        Assert.StartsWith(variable + " ", warning, StringComparison.Ordinal);
        Assert.Contains(Other.ToString(), warning, StringComparison.Ordinal);
        Assert.Contains(TestTokens.Tenant.ToString(), warning, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Jwt, warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tenant_override_equal_to_the_tokens_tenant_starts_without_a_warning()
    {
        var result = Read(Token(), (HatchetEnvironmentVariables.TenantId, TestTokens.Tenant.ToString().ToUpperInvariant()));

        Assert.True(result.IsSuccess, result.Error);
        Assert.Null(result.Warning);
    }

    [Fact]
    public void Warnings_are_sentences_without_their_own_warning_prefix_and_both_fit_on_one_line()
    {
        var result = Read(Token(expires: Now.AddDays(2)), (HatchetEnvironmentVariables.TenantId, Other.ToString()));

        var warning = Assert.IsType<string>(result.Warning);
        Assert.False(warning.StartsWith("warning", StringComparison.OrdinalIgnoreCase), warning);
        Assert.DoesNotContain('\n', warning);
        Assert.Contains("expires at", warning, StringComparison.Ordinal);
        Assert.Contains(Other.ToString(), warning, StringComparison.Ordinal);
        Assert.EndsWith(".", warning, StringComparison.Ordinal);
    }
}
