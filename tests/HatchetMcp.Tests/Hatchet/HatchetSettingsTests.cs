using HatchetMcp.Hatchet;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace HatchetMcp.Tests.Hatchet;

public sealed class HatchetSettingsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    private HatchetSettingsResult Read(TestToken? token, params (string Name, string? Value)[] extra)
    {
        var env = new Dictionary<string, string?>();
        if (token is not null) env[HatchetEnvironmentVariables.Token] = token.Jwt;
        foreach (var (name, value) in extra) env[name] = value;
        return HatchetSettings.FromEnvironment(env, _time);
    }

    private static TestToken Token(Action<System.Text.Json.Nodes.JsonObject>? edit = null, DateTimeOffset? expires = null) =>
        TestTokens.Mint(edit, expires ?? Now.AddDays(90), Now.AddDays(-1));

    [Fact]
    public void Decodes_tenant_base_url_and_expiry_from_the_token_payload()
    {
        var result = Read(Token());

        Assert.True(result.IsSuccess, result.Error);
        var settings = result.Settings!;
        Assert.Equal(TestTokens.Tenant, settings.TenantId);
        Assert.Equal(new Uri(TestTokens.ServerUrl), settings.ApiBase);
        Assert.Equal(Now.AddDays(90).ToUnixTimeSeconds(), settings.TokenExpiresAt!.Value.ToUnixTimeSeconds());
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Timeout);
        Assert.Null(result.Warning);
        Assert.Null(result.Error);
    }

    [Fact]
    public void A_missing_token_is_an_error_naming_the_variable()
    {
        var result = HatchetSettings.FromEnvironment(new Dictionary<string, string?> { [HatchetEnvironmentVariables.Token] = "  " }, _time);

        Assert.False(result.IsSuccess);
        Assert.Null(result.Settings);
        Assert.StartsWith("HATCHET_CLIENT_TOKEN is not set", result.Error);
        Assert.DoesNotContain("\n", result.Error!);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("only.two")]
    [InlineData("a.b.c.d")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.!!!not-base64!!!.sig")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.bm90IGpzb24.sig")]      // payload "not json"
    [InlineData("eyJhbGciOiJFUzI1NiJ9.WzEsMl0.sig")]          // payload [1,2]: JSON but not an object
    [InlineData("eyJhbGciOiJFUzI1NiJ9.eyJzdWIi OiJ4In0.sig")] // white space inside would also break the header
    public void A_token_that_is_not_a_JWT_is_an_error_naming_the_variable(string token)
    {
        var result = HatchetSettings.FromEnvironment(new Dictionary<string, string?> { [HatchetEnvironmentVariables.Token] = token }, _time);

        Assert.False(result.IsSuccess);
        Assert.StartsWith("HATCHET_CLIENT_TOKEN is not a JWT", result.Error);
        Assert.DoesNotContain(token, result.Error);
    }

    [Fact]
    public void A_token_pasted_with_its_Bearer_prefix_is_accepted()
    {
        var token = Token();
        var result = HatchetSettings.FromEnvironment(
            new Dictionary<string, string?> { [HatchetEnvironmentVariables.Token] = "Bearer " + token.Jwt }, _time);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(TestTokens.Tenant, result.Settings!.TenantId);
    }

    [Fact]
    public void An_expired_token_is_an_error_saying_when_it_expired()
    {
        var result = Read(Token(expires: Now.AddMinutes(-5)));

        Assert.False(result.IsSuccess);
        Assert.StartsWith("HATCHET_CLIENT_TOKEN expired at 2026-11-24T11:55:00Z", result.Error);
    }

    [Fact]
    public void A_token_without_server_url_and_no_override_asks_for_HATCHET_API_BASE()
    {
        var result = Read(Token(p => { p.Remove("server_url"); p.Remove("iss"); }));

        Assert.False(result.IsSuccess);
        Assert.Contains("server_url", result.Error);
        Assert.Contains("set HATCHET_API_BASE", result.Error);
    }

    [Fact]
    public void A_token_without_server_url_uses_its_issuer_which_hatchet_sets_to_the_same_url()
    {
        var result = Read(Token(p => { p.Remove("server_url"); p["iss"] = "https://issuer.example/"; }));

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(new Uri("https://issuer.example"), result.Settings!.ApiBase);
    }

    [Fact]
    public void The_sdk_variable_names_are_read_when_ours_are_not_set_and_ours_win_when_both_are()
    {
        var other = Guid.Parse("11111111-2222-4333-8444-555555555555");

        var sdkOnly = Read(Token(), (HatchetEnvironmentVariables.SdkServerUrl, "https://sdk.example"), (HatchetEnvironmentVariables.SdkTenantId, other.ToString()));
        var both = Read(Token(), (HatchetEnvironmentVariables.SdkServerUrl, "https://sdk.example"), (HatchetEnvironmentVariables.ApiBase, "https://ours.example"),
            (HatchetEnvironmentVariables.SdkTenantId, other.ToString()), (HatchetEnvironmentVariables.TenantId, TestTokens.Tenant.ToString()));
        var badAlias = Read(Token(), (HatchetEnvironmentVariables.SdkTenantId, "not-a-uuid"));

        Assert.Equal(new Uri("https://sdk.example"), sdkOnly.Settings!.ApiBase);
        Assert.Equal(other, sdkOnly.Settings.TenantId);
        Assert.Equal(new Uri("https://ours.example"), both.Settings!.ApiBase);
        Assert.Equal(TestTokens.Tenant, both.Settings.TenantId);
        Assert.False(badAlias.IsSuccess);
        Assert.StartsWith(HatchetEnvironmentVariables.SdkTenantId + " is not a tenant id", badAlias.Error);
    }

    [Fact]
    public void A_token_without_server_url_works_when_HATCHET_API_BASE_is_set()
    {
        var result = Read(Token(p => p.Remove("server_url")), (HatchetEnvironmentVariables.ApiBase, "https://cloud.example/"));

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal("https://cloud.example/", result.Settings!.ApiBase.AbsoluteUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-uuid")]
    public void A_token_without_a_usable_tenant_asks_for_HATCHET_TENANT_ID(string? sub)
    {
        var result = Read(Token(p => { if (sub is null) p.Remove("sub"); else p["sub"] = sub; }));

        Assert.False(result.IsSuccess);
        Assert.Contains("set HATCHET_TENANT_ID", result.Error);
    }

    [Fact]
    public void Overrides_win_over_the_token_and_tolerate_trailing_slashes()
    {
        var tenant = Guid.Parse("0b5a3f0e-8c8e-4f4c-9f0b-1c2d3e4f5a6b");
        var result = Read(Token(),
            (HatchetEnvironmentVariables.ApiBase, "http://localhost:8888///"),
            (HatchetEnvironmentVariables.TenantId, tenant.ToString().ToUpperInvariant() + "/"));

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(tenant, result.Settings!.TenantId);
        Assert.Equal("http://localhost:8888/", result.Settings.ApiBase.AbsoluteUri);
    }

    [Fact]
    public void A_base_url_with_a_path_prefix_keeps_it()
    {
        var result = Read(Token(), (HatchetEnvironmentVariables.ApiBase, "https://proxy.example/hatchet/"));

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal("https://proxy.example/hatchet", result.Settings!.ApiBase.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://hatchet.example/api")]
    [InlineData("https://hatchet.example/api/v1/")]
    [InlineData("https://hatchet.example/API/V1")]
    public void A_base_url_copied_with_the_api_path_is_trimmed_to_the_server_root(string value)
    {
        var result = Read(Token(), (HatchetEnvironmentVariables.ApiBase, value));

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal("https://hatchet.example/", result.Settings!.ApiBase.AbsoluteUri);
    }

    [Theory]
    [InlineData("ftp://hatchet.example")]
    [InlineData("localhost:8080")]
    [InlineData("/relative/path")]
    [InlineData("https://hatchet.example/?x=1")]
    [InlineData("https://user:pw@hatchet.example")]
    public void An_unusable_HATCHET_API_BASE_is_an_error_naming_it(string value)
    {
        var result = Read(Token(), (HatchetEnvironmentVariables.ApiBase, value));

        Assert.False(result.IsSuccess);
        Assert.StartsWith("HATCHET_API_BASE is not an absolute http or https URL", result.Error);
    }

    [Fact]
    public void A_token_server_url_that_is_not_http_asks_for_HATCHET_API_BASE()
    {
        var result = Read(Token(p => p["server_url"] = "grpc://hatchet.example:7070"));

        Assert.False(result.IsSuccess);
        Assert.Contains("server_url claim", result.Error);
        Assert.Contains("set HATCHET_API_BASE", result.Error);
    }

    [Theory]
    [InlineData("tenant-one")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public void An_unusable_HATCHET_TENANT_ID_is_an_error_naming_it(string value)
    {
        var result = Read(Token(), (HatchetEnvironmentVariables.TenantId, value));

        Assert.False(result.IsSuccess);
        Assert.StartsWith("HATCHET_TENANT_ID is not a tenant id", result.Error);
    }

    [Fact]
    public void A_token_expiring_within_seven_days_starts_with_a_warning()
    {
        var result = Read(Token(expires: Now.AddDays(3).AddHours(2)));

        Assert.True(result.IsSuccess, result.Error);
        Assert.NotNull(result.Warning);
        Assert.Contains("expires at 2026-11-27T14:00:00Z", result.Warning);
        Assert.Contains("(in 3d 2h)", result.Warning); // written as every other duration is
    }

    [Theory]
    [InlineData(8)]
    [InlineData(90)]
    public void A_token_expiring_later_than_seven_days_starts_without_a_warning(int days)
    {
        var result = Read(Token(expires: Now.AddDays(days)));

        Assert.True(result.IsSuccess, result.Error);
        Assert.Null(result.Warning);
    }

    [Fact]
    public void A_token_without_exp_starts_without_expiry_or_warning()
    {
        var result = Read(Token(p => p.Remove("exp")));

        Assert.True(result.IsSuccess, result.Error);
        Assert.Null(result.Settings!.TokenExpiresAt);
        Assert.Null(result.Warning);
    }

    [Theory]
    [InlineData("5", 5)]
    [InlineData("2.5", 2.5)]
    [InlineData("600", 600)]
    public void HATCHET_MCP_TIMEOUT_SECONDS_sets_the_call_timeout(string value, double seconds)
    {
        var result = Read(Token(), (HatchetEnvironmentVariables.TimeoutSeconds, value));

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), result.Settings!.Timeout);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("thirty")]
    [InlineData("601")]
    public void An_unusable_timeout_is_an_error_naming_the_variable(string value)
    {
        var result = Read(Token(), (HatchetEnvironmentVariables.TimeoutSeconds, value));

        Assert.False(result.IsSuccess);
        Assert.StartsWith("HATCHET_MCP_TIMEOUT_SECONDS must be", result.Error);
    }

    [Fact]
    public void The_token_never_appears_in_errors_warnings_or_settings_text()
    {
        var expiringSoon = Token(expires: Now.AddDays(1));
        var expired = Token(expires: Now.AddDays(-1));
        var noBase = Token(p => p.Remove("server_url"));
        var noTenant = Token(p => p.Remove("sub"));
        var good = Token();

        var cases = new (TestToken Token, HatchetSettingsResult Result)[]
        {
            (expiringSoon, Read(expiringSoon)),
            (expired, Read(expired)),
            (noBase, Read(noBase)),
            (noTenant, Read(noTenant)),
            // A token pasted into the wrong variables must not be echoed either.
            (good, Read(good, (HatchetEnvironmentVariables.ApiBase, good.Jwt))),
            (good, Read(good, (HatchetEnvironmentVariables.TenantId, good.Jwt))),
            (good, Read(good, (HatchetEnvironmentVariables.TimeoutSeconds, good.Payload))),
            (good, Read(good)),
        };

        foreach (var (token, result) in cases)
        {
            Assert.False(token.LeaksInto(result.Error), result.Error);
            Assert.False(token.LeaksInto(result.Warning), result.Warning);
            Assert.False(token.LeaksInto(result.ToString()));
            Assert.False(token.LeaksInto(result.Settings?.ToString()));
            Assert.False(token.LeaksInto(result.Settings?.Token.ToString()));
        }
        Assert.Contains("[redacted]", Read(good).Settings!.ToString());
    }
}
