using System.Net;
using HatchetMcp.Hatchet;
using HatchetMcp.Server.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HatchetMcp.Tests.Http;

/// <summary>
/// What the HTTP server refuses before anything reaches MCP or Hatchet: a foreign Origin or Host (DNS rebinding), a body
/// over the limit, more requests than a client's budget.
/// </summary>
public sealed class HttpHardeningTests(HttpServerFixture fixture) : IClassFixture<HttpServerFixture>
{
    private static readonly HttpClient Http = new();

    private const string WhoamiCall = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"whoami","arguments":{}}}""";

    [Fact]
    public async Task A_foreign_origin_is_refused_with_403_and_nothing_is_sent_to_hatchet()
    {
        fixture.Emulator.Hooks.ClearRequests();
        using var request = HttpTestServers.Post(fixture.Server.McpUrl, WhoamiCall);
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Origin not allowed", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty(fixture.Emulator.Hooks.Requests);
    }

    [Fact]
    public async Task A_loopback_origin_is_served()
    {
        using var request = HttpTestServers.Post(fixture.Server.McpUrl);
        request.Headers.Add("Origin", "http://localhost:6274");

        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_foreign_host_is_refused_with_403_and_nothing_is_sent_to_hatchet()
    {
        fixture.Emulator.Hooks.ClearRequests();
        using var request = HttpTestServers.Post(fixture.Server.McpUrl, WhoamiCall);
        request.Headers.Host = "attacker.example";

        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Host not allowed", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty(fixture.Emulator.Hooks.Requests);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        var padding = new string(' ', (int)HttpServerOptions.DefaultMaxBodyBytes + 1);
        using var request = HttpTestServers.Post(fixture.Server.McpUrl, WhoamiCall + padding);
        // As curl does for large bodies: the refusal comes before the body is sent.
        request.Headers.ExpectContinue = true;

        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_client_over_its_rate_limit_gets_429_with_retry_after()
    {
        await using var server = await HttpTestServers.StartAsync(fixture.Emulator, new Dictionary<string, string?> { [HttpServerOptions.RateLimitVariable] = "2" });
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            using var request = HttpTestServers.Post(server.McpUrl);
            last = await Http.SendAsync(request, TestContext.Current.CancellationToken);
            statuses.Add(last.StatusCode);
        }

        using (last)
        {
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
            Assert.NotNull(last!.Headers.RetryAfter?.Delta);
            Assert.True(last.Headers.RetryAfter.Delta > TimeSpan.Zero, $"Retry-After: {last.Headers.RetryAfter}");
        }
    }

    [Fact]
    public async Task Health_endpoints_are_not_rate_limited()
    {
        await using var server = await HttpTestServers.StartAsync(fixture.Emulator, new Dictionary<string, string?> { [HttpServerOptions.RateLimitVariable] = "1" });

        for (var i = 0; i < 3; i++)
        {
            using var response = await Http.GetAsync(new Uri(server.BaseUrl, "/healthz"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_failure_inside_the_server_answers_500_without_its_detail()
    {
        const string detail = "connection string Server=db;Password=hunter2";
        await using var server = await HttpTestServers.StartAsync(fixture.Emulator,
            configureServices: services => services.AddTransient<IHatchetClient>(_ => throw new InvalidOperationException(detail)));

        using var response = await Http.GetAsync(new Uri(server.BaseUrl, "/readyz"), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Internal error", body, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }
}
