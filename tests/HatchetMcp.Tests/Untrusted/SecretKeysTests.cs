using System.Text.Json;
using HatchetMcp.Shaping;
using Xunit;

namespace HatchetMcp.Tests.Untrusted;

/// <summary>Which keys look secret: the listed names, also as parts of longer keys, and not their counts or kinds.</summary>
public sealed class SecretKeysTests
{
    [Theory]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("db_password")]
    [InlineData("dbPassword")]
    [InlineData("dbpassword")]
    [InlineData("secret")]
    [InlineData("client_secret")]
    [InlineData("secretKey")]
    [InlineData("token")]
    [InlineData("authToken")]
    [InlineData("access_token")]
    [InlineData("refresh-token")]
    [InlineData("api_key")]
    [InlineData("apiKey")]
    [InlineData("APIKey")]
    [InlineData("X-Api-Key")]
    [InlineData("apikey")]
    [InlineData("Authorization")]
    [InlineData("proxy-authorization")]
    [InlineData("cookie")]
    [InlineData("Set-Cookie")]
    [InlineData("private_key")]
    [InlineData("sshPrivateKey")]
    public void A_key_naming_a_secret_looks_secret(string key) => Assert.True(SecretKeys.Default.IsSecret(key), key);

    [Theory]
    [InlineData("token_count")]
    [InlineData("tokenCount")]
    [InlineData("max_tokens")]
    [InlineData("prompt_tokens")]
    [InlineData("tokenizer")]
    [InlineData("token_type")]
    [InlineData("password_length")]
    [InlineData("api_key_id")]
    [InlineData("secret_name")]
    [InlineData("token_expires_at")]
    [InlineData("keyboard")]
    [InlineData("customer")]
    [InlineData("hatchet_mcp_trigger_id")]
    [InlineData("")]
    public void A_key_that_only_describes_a_secret_or_names_none_is_kept(string key) => Assert.False(SecretKeys.Default.IsSecret(key), key);

    [Fact]
    public void Names_from_the_environment_are_added_to_the_defaults_in_any_case_and_spelling()
    {
        var keys = SecretKeys.FromEnvironment(new Dictionary<string, string?> { [SecretKeys.EnvironmentVariable] = "SSN, session-id ,," });
        Assert.True(keys.IsSecret("customer_ssn"));
        Assert.True(keys.IsSecret("SessionId"));
        Assert.True(keys.IsSecret("password"));
        Assert.False(SecretKeys.Default.IsSecret("customer_ssn"));
        Assert.Same(SecretKeys.Default, SecretKeys.FromEnvironment(new Dictionary<string, string?>()));
    }

    [Fact]
    public void Redaction_reaches_into_nested_objects_and_arrays_and_replaces_whole_values()
    {
        using var doc = JsonDocument.Parse("""{"a":{"b":[{"password":"p1","ok":1}],"authorization":{"scheme":"Bearer","value":"v"}},"token_count":3}""");
        var redacted = SecretKeys.Default.Redact(doc.RootElement).GetRawText();
        Assert.Equal("""{"a":{"b":[{"password":"[redacted]","ok":1}],"authorization":"[redacted]"},"token_count":3}""", redacted);
    }

    [Fact]
    public void Metadata_without_secret_keys_is_returned_as_it_is()
    {
        var metadata = new Dictionary<string, string> { ["env"] = "prod" };
        Assert.Same(metadata, SecretKeys.Default.Redact(metadata));
        Assert.Equal("[redacted]", SecretKeys.Default.Redact(new Dictionary<string, string> { ["cookie"] = "c" })["cookie"]);
    }
}
