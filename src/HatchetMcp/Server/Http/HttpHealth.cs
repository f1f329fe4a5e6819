using System.Text.Json;
using HatchetMcp.Hatchet;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HatchetMcp.Server.Http;

/// <summary>
/// /healthz: the process answers (liveness). /readyz: the configuration was loaded (the server would not have started
/// otherwise) and Hatchet answers this server's token (readiness; 503 with the reason when it does not).
/// </summary>
internal static class HttpHealth
{
    public const string LivePath = "/healthz";
    public const string ReadyPath = "/readyz";

    public static bool IsHealthPath(PathString path) => path.Equals(LivePath, StringComparison.Ordinal) || path.Equals(ReadyPath, StringComparison.Ordinal);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // RequestDelegate overloads: no minimal-API binding, so nothing for the AOT build to generate or reflect on.
        endpoints.MapGet(LivePath, context => WriteAsync(context, new ReadinessAnswer("up")));
        endpoints.MapGet(ReadyPath, async context =>
        {
            var readiness = context.RequestServices.GetRequiredService<HatchetReadiness>();
            var answer = await readiness.CheckAsync(Targets(context.RequestServices), context.RequestAborted).ConfigureAwait(false);
            await WriteAsync(context, answer, answer.IsReady ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable).ConfigureAwait(false);
        });
    }

    /// <summary>Every Hatchet connection the server serves: each profile through its own client, or the one connection.</summary>
    private static List<ReadinessTarget> Targets(IServiceProvider services)
    {
        if (services.GetService<Profiles.ServerProfiles>() is { AreSeveral: true } profiles && services.GetService<Profiles.ProfileServices>() is { } routing)
        {
            return [.. profiles.All.Select(profile => new ReadinessTarget(profile.Name, profile.Settings, routing.For(profile).GetRequiredService<IHatchetClient>()))];
        }

        return [new ReadinessTarget(null, services.GetRequiredService<HatchetSettings>(), services.GetRequiredService<IHatchetClient>())];
    }

    private static Task WriteAsync(HttpContext context, ReadinessAnswer answer, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(answer, HttpJsonContext.Default.ReadinessAnswer), context.RequestAborted);
    }
}
