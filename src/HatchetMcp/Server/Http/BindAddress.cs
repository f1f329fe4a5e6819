using System.Globalization;
using System.Net;

namespace HatchetMcp.Server.Http;

/// <summary>
/// One address to listen on, as Kestrel takes it: <c>http(s)://host:port</c>, where host may also be <c>+</c> or <c>*</c>
/// (every interface), which <see cref="Uri"/> does not parse.
/// </summary>
public sealed record BindAddress(string Scheme, string Host, int Port)
{
    /// <summary>Only 127.0.0.0/8, ::1 and the name localhost stay on this machine.</summary>
    public bool IsLoopback =>
        Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(Host, out var ip) && IPAddress.IsLoopback(ip));

    public static bool TryParse(string text, out BindAddress? address)
    {
        address = null;
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return false;
        }

        var scheme = text[..schemeEnd].ToLowerInvariant();
        var authority = text[(schemeEnd + 3)..].TrimEnd('/');
        var portStart = authority.LastIndexOf(':');
        if (scheme is not ("http" or "https") || portStart <= 0 || authority.Contains('/', StringComparison.Ordinal)
            || !int.TryParse(authority[(portStart + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        var host = authority[..portStart];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (host.Length == 0)
        {
            return false;
        }

        address = new BindAddress(scheme, host, port);
        return true;
    }
}
