using System.Net;
using System.Text.Json;
using HatchetMcp.Emulator;
using HatchetMcp.Server.Http;
using HatchetMcp.Tests.Server;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace HatchetMcp.Tests.Http;

/// <summary>/healthz says the process answers; /readyz says Hatchet answers this server's token, and why not.</summary>
public sealed class HttpHealthTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Healthz_answers_200_while_the_process_runs()
    {
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions(), TestContext.Current.CancellationToken);
        await using var server = await HttpTestServers.StartAsync(emulator);

        using var response = await Http.GetAsync(new Uri(server.BaseUrl, "/healthz"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_answers_200_while_hatchet_answers_then_503_with_the_reason_once_it_is_gone()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions(), ct);
        var token = emulator.Token;
        await using var server = await HttpTestServers.StartAsync(emulator, adjust: options => options with { ReadinessClock = clock });
        var readyz = new Uri(server.BaseUrl, "/readyz");

        using (var ready = await Http.GetAsync(readyz, ct))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        await emulator.DisposeAsync();
        clock.Advance(HatchetReadiness.CacheFor);

        using var gone = await Http.GetAsync(readyz, ct);
        var body = await gone.Content.ReadAsStringAsync(ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);
        using var answer = JsonDocument.Parse(body);
        Assert.Equal("not_ready", answer.RootElement.GetProperty("status").GetString());
        Assert.Contains("Hatchet", answer.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        foreach (var secret in TestJwt.SecretParts(token))
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Readyz_asks_hatchet_at_most_once_per_cache_interval()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { EnableTestHooks = true }, ct);
        await using var server = await HttpTestServers.StartAsync(emulator, adjust: options => options with { ReadinessClock = clock });
        var readyz = new Uri(server.BaseUrl, "/readyz");

        for (var i = 0; i < 3; i++)
        {
            using var response = await Http.GetAsync(readyz, ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Single(emulator.Hooks.Requests);
    }

    [Fact]
    public async Task With_several_profiles_readyz_is_ready_only_when_every_profile_answers_and_names_the_one_that_does_not()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions(), ct);
        var path = Path.Combine(Path.GetTempPath(), $"profiles-{Guid.NewGuid():N}.json");
        // "gone" points at a port nothing listens on: its Hatchet never answers.
        File.WriteAllText(path, $$"""
            {"profiles":[
              {"name":"live","token_env":"{{HatchetMcp.Hatchet.HatchetEnvironmentVariables.Token}}","api_base":"{{emulator.BaseUrl}}"},
              {"name":"gone","token_env":"{{HatchetMcp.Hatchet.HatchetEnvironmentVariables.Token}}","api_base":"http://127.0.0.1:1/"}
            ]}
            """);
        try
        {
            await using var server = await HttpTestServers.StartAsync(emulator, new Dictionary<string, string?> { [HatchetMcp.Profiles.ServerProfiles.EnvironmentVariable] = path });

            using var response = await Http.GetAsync(new Uri(server.BaseUrl, "/readyz"), ct);
            var body = await response.Content.ReadAsStringAsync(ct);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            using var answer = JsonDocument.Parse(body);
            var reason = answer.RootElement.GetProperty("reason").GetString()!;
            Assert.Contains("profile gone:", reason, StringComparison.Ordinal);
            Assert.DoesNotContain("profile live", reason, StringComparison.Ordinal);
            Assert.DoesNotContain(emulator.Token, body, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
