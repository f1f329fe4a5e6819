using System.Globalization;

namespace HatchetMcp.Server.Http;

/// <summary>
/// What <c>serve-http</c> reads besides the server's own configuration: where to listen, who may call, and the limits that
/// protect the process (Host and Origin lists, body size, request time, calls per client per minute).
/// </summary>
public sealed record HttpServerOptions
{
    public const string UrlsFlag = "--urls";
    public const string AllowAnonymousLoopbackFlag = "--allow-anonymous-loopback";

    public const string AllowedHostsVariable = "HATCHET_MCP_ALLOWED_HOSTS";
    public const string AllowedOriginsVariable = "HATCHET_MCP_ALLOWED_ORIGINS";
    public const string MaxBodyBytesVariable = "HATCHET_MCP_MAX_BODY_BYTES";
    public const string RateLimitVariable = "HATCHET_MCP_RATE_LIMIT";
    public const string RequestTimeoutVariable = "HATCHET_MCP_REQUEST_TIMEOUT_SECONDS";

    public const string DefaultUrl = "http://127.0.0.1:8080";
    public const long DefaultMaxBodyBytes = 1024 * 1024;
    public const int DefaultRateLimit = 300;
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The names a loopback server answers to (Host header) without any configuration.</summary>
    public static IReadOnlyList<string> LoopbackHosts { get; } = ["localhost", "127.0.0.1", "::1"];

    public static IReadOnlyList<string> EnvironmentVariables { get; } =
        [AllowedHostsVariable, AllowedOriginsVariable, MaxBodyBytesVariable, RateLimitVariable, RequestTimeoutVariable];

    /// <summary>The addresses to bind, as Kestrel takes them (port 0 picks a free port).</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    /// <summary>Serve without authentication; accepted only when every address is loopback (see <see cref="HttpAccess"/>).</summary>
    public bool AllowAnonymousLoopback { get; init; }

    /// <summary>Host names accepted in the Host header besides <see cref="LoopbackHosts"/>; "*" accepts any.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Origins (scheme://host[:port]) accepted besides loopback ones; "*" accepts any. No Origin is always accepted.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>Requests to /mcp one client may make per minute.</summary>
    public int RateLimitPerMinute { get; init; } = DefaultRateLimit;

    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>Log lines as text or JSON (<c>HATCHET_MCP_LOG_FORMAT</c>).</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary>The clock of the readiness cache; tests move it.</summary>
    internal TimeProvider ReadinessClock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Reads the verb's own flags out of <paramref name="arguments"/> (the rest, such as <c>--read-only</c>, are the
    /// server's options and come back in <paramref name="serverArguments"/>) and the variables above. Null with one
    /// error line when something is unusable.
    /// </summary>
    public static HttpServerOptions? Read(IReadOnlyDictionary<string, string?> environment, IReadOnlyList<string> arguments,
        out IReadOnlyList<string> serverArguments, out string? error)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(arguments);
        var rest = new List<string>();
        serverArguments = rest;
        error = null;
        var options = new HttpServerOptions();
        for (var i = 0; i < arguments.Count; i++)
        {
            switch (arguments[i])
            {
                case UrlsFlag when i + 1 < arguments.Count:
                    var urls = List(arguments[++i], ';', ',');
                    foreach (var url in urls)
                    {
                        if (!BindAddress.TryParse(url, out _))
                        {
                            error = $"{UrlsFlag} takes http(s)://host:port addresses separated by ';' (port 0 picks a free port), got '{Cut(url)}'.";
                            return null;
                        }
                    }

                    options = options with { Urls = urls.Count > 0 ? urls : [DefaultUrl] };
                    break;
                case UrlsFlag:
                    error = $"{UrlsFlag} needs an address, e.g. {UrlsFlag} http://127.0.0.1:8080.";
                    return null;
                case AllowAnonymousLoopbackFlag:
                    options = options with { AllowAnonymousLoopback = true };
                    break;
                default:
                    rest.Add(arguments[i]);
                    break;
            }
        }

        var maxBody = Number(environment, MaxBodyBytesVariable, DefaultMaxBodyBytes, 1024, 100L * 1024 * 1024, ref error);
        var rate = Number(environment, RateLimitVariable, DefaultRateLimit, 1, 1_000_000, ref error);
        var timeout = Number(environment, RequestTimeoutVariable, (long)DefaultRequestTimeout.TotalSeconds, 1, 3600, ref error);
        var format = ServerLogFormat.FromEnvironment(environment, out var formatError);
        error ??= formatError;
        if (error is not null)
        {
            return null;
        }

        return options with
        {
            AllowedHosts = List(Value(environment, AllowedHostsVariable), ','),
            AllowedOrigins = [.. List(Value(environment, AllowedOriginsVariable), ',').Select(origin => origin.TrimEnd('/'))],
            MaxBodyBytes = maxBody,
            RateLimitPerMinute = (int)rate,
            RequestTimeout = TimeSpan.FromSeconds(timeout),
            LogFormat = format,
        };
    }

    private static string? Value(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.TryGetValue(name, out var value) ? value : null;

    private static List<string> List(string? value, params char[] separators) =>
        [.. (value ?? string.Empty).Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static long Number(IReadOnlyDictionary<string, string?> environment, string name, long fallback, long min, long max, ref string? error)
    {
        var raw = Value(environment, name)?.Trim();
        if (string.IsNullOrEmpty(raw))
        {
            return fallback;
        }

        if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        error ??= $"{name} must be a whole number from {min} to {max} (default {fallback}), got '{Cut(raw)}'.";
        return fallback;
    }

    private static string Cut(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
