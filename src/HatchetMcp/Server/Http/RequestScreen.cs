using Microsoft.AspNetCore.Http;

namespace HatchetMcp.Server.Http;

/// <summary>
/// Refuses, before anything reaches MCP or Hatchet: a Host header the server does not answer to, or a browser Origin it
/// does not trust (together the defence against DNS rebinding, where a web page reaches a loopback server under a name
/// it controls), and a body over the limit. The health endpoints are exempt: probes call them by the pod's address.
/// </summary>
internal sealed class RequestScreen(RequestDelegate next, HttpServerOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpHealth.IsHealthPath(context.Request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (!IsAllowedHost(context.Request.Host))
        {
            await HttpErrors.WriteAsync(context, StatusCodes.Status403Forbidden,
                $"Host not allowed: this server answers to loopback names and {HttpServerOptions.AllowedHostsVariable}.").ConfigureAwait(false);
            return;
        }

        if (context.Request.Headers.Origin is { Count: > 0 } origin && !IsAllowedOrigin(origin.ToString()))
        {
            await HttpErrors.WriteAsync(context, StatusCodes.Status403Forbidden,
                $"Origin not allowed: this server accepts loopback origins and {HttpServerOptions.AllowedOriginsVariable}.").ConfigureAwait(false);
            return;
        }

        if (context.Request.ContentLength > options.MaxBodyBytes)
        {
            await HttpErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                $"Request body too large: at most {options.MaxBodyBytes} bytes ({HttpServerOptions.MaxBodyBytesVariable}).").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private bool IsAllowedHost(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }

        var name = host.Host.Trim('[', ']');
        return HttpServerOptions.LoopbackHosts.Contains(name, StringComparer.OrdinalIgnoreCase)
            || options.AllowedHosts.Any(allowed => allowed == "*" || allowed.Trim('[', ']').Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    private bool IsAllowedOrigin(string origin)
    {
        var trimmed = origin.TrimEnd('/');
        if (options.AllowedOrigins.Any(allowed => allowed == "*" || allowed.Equals(trimmed, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        // "null" (a sandboxed page, a file) and anything unparsable are foreign.
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https"
            && HttpServerOptions.LoopbackHosts.Contains(uri.IdnHost.Trim('[', ']'), StringComparer.OrdinalIgnoreCase);
    }
}
