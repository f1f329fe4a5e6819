using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HatchetMcp.Emulator.Hooks;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Http;

/// <summary>
/// Smoke checks of the emulator's HTTP surface as a client meets it: the token works, and the middleware chain
/// answers in Hatchet's order and shapes (bad id 400, missing 404 before auth, bad token 403).
/// </summary>
public sealed class EmulatorHttpSmokeTests : IAsyncLifetime
{
    private HatchetEmulator _emulator = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _emulator = await HatchetEmulator.StartAsync(new EmulatorOptions
        {
            Time = new FakeTimeProvider(new DateTimeOffset(2026, 8, 22, 12, 0, 0, TimeSpan.Zero)),
            Scale = 200,
            EnableTestHooks = true,
        }, TestContext.Current.CancellationToken);
        _http = new HttpClient { BaseAddress = _emulator.BaseUrl };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task The_minted_token_reads_its_own_tenant()
    {
        using HttpResponseMessage response = await Get($"/api/v1/tenants/{_emulator.TenantId}", _emulator.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument body = await Json(response);
        Assert.Equal(_emulator.TenantId.ToString(), body.RootElement.GetProperty("metadata").GetProperty("id").GetString());
        Assert.Equal(_emulator.Facts.TenantName, body.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_with_403_and_the_credentials_message()
    {
        using HttpResponseMessage response = await Get($"/api/v1/tenants/{_emulator.TenantId}", token: null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{\"message\":\"Please provide valid credentials\"}", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_lower_case_bearer_scheme_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tenants/{_emulator.TenantId}");
        request.Headers.TryAddWithoutValidation("Authorization", "bearer " + _emulator.Token);
        using HttpResponseMessage response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_other_tenants_token_cannot_read_the_default_tenant()
    {
        using HttpResponseMessage response = await Get($"/api/v1/tenants/{_emulator.TenantId}", _emulator.Facts.OtherTenantToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_is_refused()
    {
        string token = _emulator.Tokens.Mint(_emulator.TenantId);
        using (HttpResponseMessage before = await Get($"/api/v1/tenants/{_emulator.TenantId}", token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        _emulator.Tokens.Revoke(token);
        using HttpResponseMessage after = await Get($"/api/v1/tenants/{_emulator.TenantId}", token);

        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
    }

    [Fact]
    public async Task A_malformed_tenant_id_is_a_400_even_without_a_token()
    {
        using HttpResponseMessage response = await Get("/api/v1/tenants/not-a-uuid", token: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid tenant id", await Message(response));
    }

    [Fact]
    public async Task A_missing_run_is_a_404_before_the_token_is_checked()
    {
        using HttpResponseMessage response = await Get($"/api/v1/stable/workflow-runs/{Guid.NewGuid()}", token: "garbage");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not found", await Message(response));
    }

    [Fact]
    public async Task The_run_list_requires_since_with_a_binding_message()
    {
        using HttpResponseMessage response = await Get($"/api/v1/stable/tenants/{_emulator.TenantId}/workflow-runs?only_tasks=false", _emulator.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid format for parameter since: query parameter 'since' is required", await Message(response));
    }

    [Fact]
    public async Task The_deprecated_queue_metrics_route_answers_400_with_api_errors()
    {
        using HttpResponseMessage response = await Get($"/api/v1/tenants/{_emulator.TenantId}/queue-metrics", _emulator.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("{\"errors\":[{\"description\":\"TenantGetQueueMetrics is deprecated\"}]}",
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_token_carries_hatchets_claim_names_and_an_es256_header()
    {
        string[] parts = _emulator.Token.Split('.');
        using JsonDocument header = JsonDocument.Parse(Base64UrlDecode(parts[0]));
        using JsonDocument claims = JsonDocument.Parse(Base64UrlDecode(parts[1]));
        string baseUrl = _emulator.BaseUrl.GetLeftPart(UriPartial.Authority);

        Assert.Equal("ES256", header.RootElement.GetProperty("alg").GetString());
        Assert.True(header.RootElement.TryGetProperty("kid", out _));
        Assert.Equal(_emulator.TenantId.ToString(), claims.RootElement.GetProperty("sub").GetString());
        Assert.Equal(baseUrl, claims.RootElement.GetProperty("server_url").GetString());
        Assert.Equal(baseUrl, claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal(baseUrl, claims.RootElement.GetProperty("aud").GetString());
        Assert.True(claims.RootElement.TryGetProperty("grpc_broadcast_address", out _));
        Assert.True(Guid.TryParse(claims.RootElement.GetProperty("token_id").GetString(), out _));
        long iat = claims.RootElement.GetProperty("iat").GetInt64();
        Assert.Equal(TimeSpan.FromDays(90).TotalSeconds, claims.RootElement.GetProperty("exp").GetInt64() - iat);
    }

    [Fact]
    public async Task An_injected_status_fault_answers_once_and_the_request_is_logged()
    {
        _emulator.Hooks.InjectFault(new FaultSpec("GET", "/api/v1/tenants/*", 1, FaultKind.Status) { Status = 503, RetryAfterSeconds = 2 });
        string path = $"/api/v1/tenants/{_emulator.TenantId}";

        using HttpResponseMessage faulted = await Get(path, _emulator.Token);
        using HttpResponseMessage normal = await Get(path, _emulator.Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), faulted.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, normal.StatusCode);
        Assert.Equal([503, 200], _emulator.Hooks.Requests.Where(r => r.Path == path).Select(r => r.Status).ToArray());
    }

    [Fact]
    public async Task An_unknown_route_answers_echos_not_found()
    {
        using HttpResponseMessage response = await Get("/api/v1/no-such-route", _emulator.Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not Found", await Message(response));
    }

    private async Task<HttpResponseMessage> Get(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<JsonDocument> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    private static async Task<string?> Message(HttpResponseMessage response)
    {
        using JsonDocument body = await Json(response);
        return body.RootElement.GetProperty("message").GetString();
    }

    private static string Base64UrlDecode(string text) =>
        Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(text));
}
