using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;

namespace HatchetMcp.Hatchet;

public static class HatchetServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient the Hatchet client uses.</summary>
    public const string HttpClientName = "HatchetMcp.Hatchet";

    /// <summary>
    /// Registers <paramref name="settings"/>, a TimeProvider (System unless one is registered), and
    /// <see cref="IHatchetClient"/> as a typed HttpClient with the resilience pipeline (timeouts; GET-only retries with
    /// jittered backoff and Retry-After; no POST retry). HttpClient's own request logging is removed: it would print URLs
    /// on every call, and in stdio mode only stderr may be written anyway.
    /// </summary>
    public static IServiceCollection AddHatchetClient(this IServiceCollection services, HatchetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(settings);
        services.AddHttpClient<IHatchetClient, HatchetClient>(HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(10),
                AutomaticDecompression = DecompressionMethods.All,
            })
            .AddHttpMessageHandler(provider => new ResilienceHandler(
                HatchetResiliencePipeline.Create(settings, provider.GetRequiredService<TimeProvider>())))
            .AddHttpMessageHandler(() => new BufferingHandler())
            .RemoveAllLoggers();
        return services;
    }
}
