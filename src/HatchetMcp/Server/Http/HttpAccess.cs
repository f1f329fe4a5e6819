using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HatchetMcp.Server.Http;

/// <summary>
/// The one place that decides who may call the HTTP server. Today no authentication exists, so the only access is
/// anonymous, on loopback, opted into with <c>--allow-anonymous-loopback</c>. Authentication (API keys, JWT bearer)
/// plugs in here: <see cref="AddServices"/> registers its schemes, <see cref="Use"/> adds its middleware,
/// <see cref="Protect"/> puts its policy on /mcp, <see cref="ClientKey"/> partitions the rate limit by principal, and
/// <see cref="RefusalToStart"/> stops refusing non-loopback addresses once a scheme is configured.
/// </summary>
public sealed class HttpAccess(HttpServerOptions options)
{
    /// <summary>Why the server must not start with these options, in one line; null when it may.</summary>
    public string? RefusalToStart()
    {
        if (!options.AllowAnonymousLoopback)
        {
            return $"serve-http has no authentication yet, so it serves only anonymous callers on loopback, and only when asked: add {HttpServerOptions.AllowAnonymousLoopbackFlag}.";
        }

        var exposed = options.Urls.FirstOrDefault(url => !BindAddress.TryParse(url, out var address) || !address!.IsLoopback);
        return exposed is null
            ? null
            : $"serve-http refuses to listen on '{exposed}': without authentication (not built yet) {HttpServerOptions.AllowAnonymousLoopbackFlag} allows loopback addresses only (127.0.0.1, ::1, localhost).";
    }

    /// <summary>Checks the addresses actually bound (a name may resolve wider than it reads); null when all are loopback.</summary>
    public string? RefusalAfterBinding(IEnumerable<string> bound)
    {
        var exposed = bound.FirstOrDefault(url => !BindAddress.TryParse(url, out var address) || !address!.IsLoopback);
        return exposed is null ? null : $"serve-http bound a non-loopback address '{exposed}' without authentication; stopping.";
    }

    /// <summary>Authentication and authorization services; none yet.</summary>
    public void AddServices(IServiceCollection services) => ArgumentNullException.ThrowIfNull(services);

    /// <summary>Authentication and authorization middleware, after the request screens and before the endpoints; none yet.</summary>
    public void Use(WebApplication app) => ArgumentNullException.ThrowIfNull(app);

    /// <summary>The policy /mcp requires; anonymous loopback needs none.</summary>
    public void Protect(IEndpointConventionBuilder mcp) => ArgumentNullException.ThrowIfNull(mcp);

    /// <summary>Whose budget a request spends in the rate limit: the remote address until callers are authenticated.</summary>
    public static string ClientKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.Identity?.IsAuthenticated == true && context.User.Identity.Name is { } name
            ? "principal:" + name
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }
}
