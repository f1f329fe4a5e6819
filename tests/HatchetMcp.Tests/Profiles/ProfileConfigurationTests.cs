using HatchetMcp.Profiles;
using HatchetMcp.Server;
using HatchetMcp.Tests.Server;
using Xunit;

namespace HatchetMcp.Tests.Profiles;

/// <summary>
/// The profiles file (<c>HATCHET_MCP_CONFIG</c>) read at start: a usable file gives its profiles; anything else stops the
/// server with one line that names the profile and the field to fix, and never a token.
/// </summary>
public sealed class ProfileConfigurationTests : IDisposable
{
    private static readonly Guid Tenant = Guid.Parse("707d0855-80ab-4e1f-a156-f1c4546cbf52");
    private static readonly string Token = TestJwt.Create(Tenant, "https://hatchet.example.com", DateTimeOffset.UtcNow.AddDays(30));
    private readonly string _folder = Directory.CreateTempSubdirectory("hatchet-mcp-profiles-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }

        return path;
    }

    private static ServerConfigurationResult Read(string path, params (string Name, string? Value)[] more)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [ServerProfiles.EnvironmentVariable] = path,
            ["PROD_TOKEN"] = Token,
            ["EMPTY_TOKEN"] = null,
        };
        foreach (var (name, value) in more)
        {
            environment[name] = value;
        }

        return ServerConfiguration.Read(environment, TimeProvider.System);
    }

    [Fact]
    public void A_usable_file_gives_its_profiles_the_default_and_each_ones_settings()
    {
        var tokenFile = Write("staging.token", Token + "\n");
        var path = Write("profiles.json", $$"""
            {
              // comments and trailing commas are fine
              "default": "staging",
              "profiles": [
                {"name": "prod", "token_env": "PROD_TOKEN", "read_only": true, "dashboard_url": "https://dash.example.com"},
                {"name": "staging", "token_file": "{{tokenFile}}", "api_base": "https://staging.example.com", "tenant_id": "{{Guid.Empty.ToString().Replace('0', '1')}}"},
              ]
            }
            """);

        var result = Read(path);

        Assert.Null(result.Error);
        var profiles = result.Configuration!.Profiles!;
        Assert.Equal(["prod", "staging"], profiles.Names);
        Assert.Equal("staging", profiles.Default.Name);
        Assert.Same(profiles.Default.Settings, result.Configuration.Settings);
        Assert.True(profiles.All[0].ReadOnly);
        Assert.False(profiles.All[1].ReadOnly);
        Assert.Equal("https://staging.example.com/", profiles.All[1].Settings.ApiBase.ToString());
        Assert.Equal(Guid.Parse("11111111-1111-1111-1111-111111111111"), profiles.All[1].Settings.TenantId);
        Assert.DoesNotContain(Token, profiles.All[1].Settings.Token.Scrub($"token {Token} read from the file"), StringComparison.Ordinal);
        Assert.Equal("https://dash.example.com/tenants/" + Tenant, profiles.All[0].Dashboard!.Home);
        Assert.False(result.Configuration.Tools.ReadOnly);
    }

    [Fact]
    public void Without_the_file_the_environment_is_one_profile_named_default()
    {
        var result = ServerConfiguration.Read(new Dictionary<string, string?> { ["HATCHET_CLIENT_TOKEN"] = Token }, TimeProvider.System);

        var profile = Assert.Single(result.Configuration!.Profiles!.All);
        Assert.Equal("default", profile.Name);
        Assert.False(result.Configuration.Profiles.AreSeveral);
    }

    public static TheoryData<string, string, string> UnusableFiles() => new()
    {
        { "bad JSON", """{"profiles": [""", "not a usable profiles file" },
        { "unknown key", """{"profiles": [{"name": "prod", "token_env": "PROD_TOKEN", "token": "x"}]}""", "'token'" },
        { "no profiles", """{"profiles": []}""", "lists no profiles" },
        { "no token source", """{"profiles": [{"name": "prod"}]}""", "profile 'prod' needs exactly one token source" },
        { "two token sources", """{"profiles": [{"name": "prod", "token_env": "PROD_TOKEN", "token_file": "/x"}]}""", "exactly one token source" },
        { "token variable unset", """{"profiles": [{"name": "prod", "token_env": "EMPTY_TOKEN"}]}""", "token_env EMPTY_TOKEN is not set" },
        { "token file missing", """{"profiles": [{"name": "prod", "token_file": "/nonexistent/prod.token"}]}""", "token_file /nonexistent/prod.token cannot be read (not found)" },
        { "duplicate names", """{"profiles": [{"name": "prod", "token_env": "PROD_TOKEN"}, {"name": "prod", "token_env": "PROD_TOKEN"}]}""", "'prod' is given twice" },
        { "bad name", """{"profiles": [{"name": "Prod Env", "token_env": "PROD_TOKEN"}]}""", "profiles[0] needs a name" },
        { "unknown default", """{"default": "qa", "profiles": [{"name": "prod", "token_env": "PROD_TOKEN"}]}""", "default 'qa' is not a profile" },
        { "bad api base", """{"profiles": [{"name": "prod", "token_env": "PROD_TOKEN", "api_base": "not a url"}]}""", "profile 'prod': api_base" },
        { "bad dashboard", """{"profiles": [{"name": "prod", "token_env": "PROD_TOKEN", "dashboard_url": "ftp://x"}]}""", "profile 'prod': dashboard_url" },
    };

    [Theory]
    [MemberData(nameof(UnusableFiles))]
    public void An_unusable_file_is_one_error_line_naming_what_to_fix_and_no_token(string situation, string json, string expected)
    {
        var result = Read(Write("profiles.json", json));

        Assert.True(result.Configuration is null, situation);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Error!);
        foreach (var secret in TestJwt.SecretParts(Token))
        {
            Assert.DoesNotContain(secret, result.Error!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unreadable_file_is_an_error_line()
    {
        var result = Read(Path.Combine(_folder, "missing.json"));

        Assert.Null(result.Configuration);
        Assert.Contains("cannot be read", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_file_others_can_read_starts_with_a_warning_that_names_the_file_not_the_token()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only");
        var tokenFile = Write("prod.token", Token, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var result = Read(Write("profiles.json", $$"""{"profiles": [{"name": "prod", "token_file": "{{tokenFile}}"}]}"""));

        Assert.NotNull(result.Configuration);
        Assert.Contains($"token_file {tokenFile} is readable or writable by others", result.Warning, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Warning!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_read_only_profile_makes_the_tools_read_only()
    {
        var result = Read(Write("profiles.json", """{"profiles": [{"name": "prod", "token_env": "PROD_TOKEN", "read_only": true}]}"""));

        Assert.True(result.Configuration!.Tools.ReadOnly);
    }
}
