using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using HatchetMcp.Emulator;
using HatchetMcp.Profiles;
using HatchetMcp.Safety;
using HatchetMcp.Server.Http;
using HatchetMcp.Server.Http.Auth;
using HatchetMcp.Tests.ToolTests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace HatchetMcp.Tests.Http;

/// <summary>
/// Who may call serve-http when the profiles file has an access section: API keys (hashed in the file) and OAuth
/// access tokens (JWTs checked against the issuer's JWKS). Refusals happen before anything reaches Hatchet.
/// </summary>
public sealed class HttpAuthTests(HttpAuthTests.Fixture fixture) : IClassFixture<HttpAuthTests.Fixture>
{
    private const string Audience = "https://mcp.test/mcp";

    [Fact]
    public async Task A_call_without_credentials_is_refused_with_401_and_a_bearer_challenge_naming_the_resource_metadata()
    {
        fixture.Emulator.Hooks.ClearRequests();
        using var http = new HttpClient();

        using var response = await http.SendAsync(HttpTestServers.Post(fixture.Server.McpUrl), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("resource_metadata=", challenge.Parameter, StringComparison.Ordinal);
        Assert.Empty(fixture.Emulator.Hooks.Requests);
    }

    [Theory]
    [InlineData("hmcp_not-a-key-this-server-knows")]
    [InlineData("")]
    public async Task A_wrong_key_is_refused_with_401(string key)
    {
        fixture.Emulator.Hooks.ClearRequests();
        using var http = new HttpClient();
        using var request = HttpTestServers.Post(fixture.Server.McpUrl);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(fixture.Emulator.Hooks.Requests);
    }

    [Fact]
    public async Task A_read_key_reads_but_cannot_trigger_a_workflow_and_nothing_is_sent()
    {
        await using var client = await fixture.ConnectAsync(fixture.ReadKey);
        var args = await fixture.TriggerArgumentsAsync(client);
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await client.CallAsync("trigger_workflow", args);

        Assert.True(answer.IsError);
        Assert.Contains("key:reader may only read", answer.Text, StringComparison.Ordinal);
        Assert.Empty(fixture.Emulator.Hooks.Requests);
    }

    [Fact]
    public async Task A_write_key_triggers_through_the_preview_and_its_token_and_the_audit_line_names_it()
    {
        await using var client = await fixture.ConnectAsync(fixture.WriteKey);
        var args = await fixture.TriggerArgumentsAsync(client);
        fixture.Emulator.Hooks.ClearRequests();

        var preview = await client.CallAsync("trigger_workflow", args);
        Assert.Equal("preview", preview.Structured.GetProperty("confirmation").GetProperty("result").GetString());
        var token = JsonSerializer.Serialize(preview.Structured.GetProperty("confirmation").GetProperty("token").GetString()!, TestJson.Default.String);
        var done = await client.CallAsync("trigger_workflow", args.TrimEnd()[..^1] + ",\"confirmation_token\":" + token + "}");

        Assert.False(done.IsError, done.Text);
        Assert.Equal(1, fixture.Emulator.Hooks.Requests.Count(request => request.Method == "POST"));
        var lines = await File.ReadAllLinesAsync(fixture.AuditPath, TestContext.Current.CancellationToken);
        Assert.Contains(lines, line => line.Contains("\"principal\":\"key:writer\"", StringComparison.Ordinal) && line.Contains("\"approved\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_limited_to_one_profile_is_refused_on_another_and_nothing_is_sent()
    {
        await using var client = await fixture.ConnectAsync(fixture.WriteKey);
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await client.CallAsync("list_workflows", """{"profile":"other"}""");

        Assert.True(answer.IsError);
        Assert.Contains("may not use profile 'other'", answer.Text, StringComparison.Ordinal);
        Assert.Empty(fixture.Emulator.Hooks.Requests);
    }

    [Fact]
    public async Task A_valid_oauth_token_is_accepted()
    {
        await using var client = await fixture.ConnectAsync(fixture.Issuer.Mint("hatchet:write"));

        var answer = await client.CallAsync("whoami");

        Assert.False(answer.IsError, answer.Text);
    }

    public static TheoryData<string> BadTokens => ["expired", "wrong-audience", "wrong-issuer", "wrong-signature"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task An_oauth_token_that_fails_validation_is_refused_with_401_and_nothing_is_sent(string flaw)
    {
        var token = flaw switch
        {
            "expired" => fixture.Issuer.Mint("hatchet:write", expires: DateTime.UtcNow.AddMinutes(-10)),
            "wrong-audience" => fixture.Issuer.Mint("hatchet:write", audience: "https://elsewhere.test/mcp"),
            "wrong-issuer" => fixture.Issuer.Mint("hatchet:write", issuer: "https://not-the-issuer.test"),
            _ => fixture.Issuer.Mint("hatchet:write", key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = fixture.Issuer.KeyId }),
        };
        fixture.Emulator.Hooks.ClearRequests();
        using var http = new HttpClient();
        using var request = HttpTestServers.Post(fixture.Server.McpUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(fixture.Emulator.Hooks.Requests);
    }

    [Fact]
    public async Task A_token_with_scope_hatchet_read_cannot_write()
    {
        await using var client = await fixture.ConnectAsync(fixture.Issuer.Mint("hatchet:read"));
        var args = await fixture.TriggerArgumentsAsync(client);
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await client.CallAsync("trigger_workflow", args);

        Assert.True(answer.IsError);
        Assert.Contains("may only read", answer.Text, StringComparison.Ordinal);
        Assert.Empty(fixture.Emulator.Hooks.Requests);
    }

    [Fact]
    public async Task A_token_without_a_hatchet_scope_is_refused_with_403()
    {
        using var http = new HttpClient();
        using var request = HttpTestServers.Post(fixture.Server.McpUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Issuer.Mint("openid"));

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_protected_resource_metadata_is_served_at_the_well_known_path()
    {
        using var http = new HttpClient();

        var json = await http.GetStringAsync(new Uri(fixture.Server.BaseUrl, "/.well-known/oauth-protected-resource/mcp"), TestContext.Current.CancellationToken);

        using var document = JsonDocument.Parse(json);
        Assert.Equal(Audience, document.RootElement.GetProperty("resource").GetString());
        Assert.Contains(fixture.Issuer.Url, document.RootElement.GetProperty("authorization_servers").EnumerateArray().Select(s => s.GetString()!.TrimEnd('/')));
        Assert.Contains("hatchet:write", document.RootElement.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Keys_new_prints_a_key_whose_hash_is_the_entry_to_paste()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await HatchetMcp.Cli.CommandLine.RunAsync(["keys", "new", "--name", "ci-bot", "--role", "write", "--profiles", "main"], stdout, stderr);

        Assert.Equal(0, exit);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var key = lines[0].Trim()[HatchetMcp.Cli.KeysCommand.KeyLinePrefix.Length..];
        var entry = JsonSerializer.Deserialize(lines[1], ProfileJsonContext.Default.ApiKeyFileEntry)!;
        Assert.StartsWith(ApiKeys.Prefix, key, StringComparison.Ordinal);
        Assert.Equal(ApiKeys.Hash(key), entry.Sha256);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))), entry.Sha256);
        Assert.Equal(("ci-bot", "write"), (entry.Name, entry.Role));
        Assert.Equal(["main"], entry.Profiles!);
        Assert.DoesNotContain(key, stderr.ToString(), StringComparison.Ordinal);
    }

    /// <summary>An emulator, an in-test OAuth issuer (metadata and JWKS over HTTP) and a server with keys and OAuth on.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public HatchetEmulator Emulator { get; private set; } = null!;

        public TestIssuer Issuer { get; private set; } = null!;

        public StreamableHttpServer Server { get; private set; } = null!;

        public string ReadKey { get; } = ApiKeys.New();

        public string WriteKey { get; } = ApiKeys.New();

        public string AuditPath { get; } = Path.Combine(Path.GetTempPath(), $"hatchet-mcp-audit-{Guid.NewGuid():N}.jsonl");

        private readonly string _configPath = Path.Combine(Path.GetTempPath(), $"hatchet-mcp-access-{Guid.NewGuid():N}.json");

        public async ValueTask InitializeAsync()
        {
            Emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { EnableTestHooks = true }, TestContext.Current.CancellationToken);
            Issuer = await TestIssuer.StartAsync();
            await File.WriteAllTextAsync(_configPath, $$"""
                {
                  "default": "main",
                  "profiles": [
                    {"name": "main", "token_env": "AUTH_TEST_TOKEN", "api_base": "{{Emulator.BaseUrl}}"},
                    {"name": "other", "token_env": "AUTH_TEST_TOKEN", "api_base": "{{Emulator.BaseUrl}}"}
                  ],
                  "access": {
                    "api_keys": [
                      {"name": "reader", "sha256": "{{ApiKeys.Hash(ReadKey)}}", "role": "read"},
                      {"name": "writer", "sha256": "{{ApiKeys.Hash(WriteKey)}}", "role": "write", "profiles": ["main"]}
                    ],
                    "oauth": {"issuer": "{{Issuer.Url}}", "audience": "{{Audience}}"}
                  }
                }
                """, TestContext.Current.CancellationToken);
            Server = await HttpTestServers.StartAsync(Emulator, new Dictionary<string, string?>
            {
                [ServerProfiles.EnvironmentVariable] = _configPath,
                ["AUTH_TEST_TOKEN"] = Emulator.Token,
                [AuditLogOptions.EnvironmentVariable] = AuditPath,
            }, adjust: options => options with { AllowAnonymousLoopback = false });
        }

        public async Task<ModelContextProtocol.Client.McpClient> ConnectAsync(string bearer)
        {
            var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            return await HttpTestServers.ConnectAsync(Server.McpUrl, http);
        }

        /// <summary>Triggers a workflow no worker serves, so the run it starts stays put (its name read through a read tool).</summary>
        public async Task<string> TriggerArgumentsAsync(ModelContextProtocol.Client.McpClient client)
        {
            var held = await client.CallAsync("get_run", $$"""{"run_id":"{{Emulator.Facts.NoWorkerRunIds[0]}}"}""");
            var name = held.Structured.GetProperty("workflowName").GetString()!;
            return $$"""{"workflow":{{JsonSerializer.Serialize(name, TestJson.Default.String)}},"input":{"day":"today"} }""";
        }

        public async ValueTask DisposeAsync()
        {
            if (Server is not null)
            {
                await Server.DisposeAsync();
            }

            if (Issuer is not null)
            {
                await Issuer.DisposeAsync();
            }

            if (Emulator is not null)
            {
                await Emulator.DisposeAsync();
            }

            File.Delete(_configPath);
            File.Delete(AuditPath);
        }
    }

    /// <summary>A minimal authorization server: its metadata document and JWKS over HTTP, and tokens signed with its RSA key.</summary>
    public sealed class TestIssuer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly RsaSecurityKey _key;

        private TestIssuer(WebApplication app, RsaSecurityKey key, string url)
        {
            _app = app;
            _key = key;
            Url = url;
        }

        public string Url { get; }

        public string KeyId => _key.KeyId;

        public static async Task<TestIssuer> StartAsync()
        {
            var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key-1" };
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            string? url = null;
            app.MapGet("/.well-known/openid-configuration", () => Results.Text(
                $$"""{"issuer":"{{url}}","jwks_uri":"{{url}}/jwks"}""", "application/json"));
            app.MapGet("/jwks", () => Results.Text(
                $$"""{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"{{jwk.Kid}}","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""", "application/json"));
            await app.StartAsync(TestContext.Current.CancellationToken);
            url = app.Urls.First().TrimEnd('/');
            return new TestIssuer(app, key, url);
        }

        public string Mint(string scope, DateTime? expires = null, string? audience = null, string? issuer = null, SecurityKey? key = null)
        {
            var end = expires ?? DateTime.UtcNow.AddMinutes(10);
            return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = issuer ?? Url,
                Audience = audience ?? Audience,
                NotBefore = end.AddMinutes(-30),
                IssuedAt = end.AddMinutes(-30),
                Expires = end,
                Claims = new Dictionary<string, object> { ["sub"] = "alice", ["scope"] = scope },
                SigningCredentials = new SigningCredentials(key ?? _key, SecurityAlgorithms.RsaSha256),
            });
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }
    }
}
