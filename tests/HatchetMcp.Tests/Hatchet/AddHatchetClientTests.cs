using System.Net;
using HatchetMcp.Hatchet;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HatchetMcp.Tests.Hatchet;

public sealed class AddHatchetClientTests
{
    [Fact]
    public async Task The_registered_client_calls_the_configured_tenant_with_the_token_and_retries_reads()
    {
        var token = TestTokens.Mint();
        var stub = new StubHatchetHandler()
            .ThenJson(HttpStatusCode.BadGateway, "")
            .ThenJson(HttpStatusCode.OK, Samples.TenantJson);
        var services = new ServiceCollection();
        services.AddHatchetClient(TestTokens.Settings(token) with { MaxRetryAfter = TimeSpan.FromMilliseconds(50) });
        // Swap only the network end; the resilience and buffering handlers stay as registered.
        services.AddHttpClient(HatchetServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => stub);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IHatchetClient>();
        var tenant = await client.GetTenantAsync(TestContext.Current.CancellationToken);

        Assert.Equal("Acme", tenant.Name);
        Assert.Equal(2, stub.Requests.Count);
        Assert.All(stub.Requests, r => Assert.Equal($"Bearer {token.Jwt}", r.Authorization));
        Assert.Same(provider.GetRequiredService<HatchetSettings>(), provider.GetRequiredService<HatchetSettings>());
    }
}
