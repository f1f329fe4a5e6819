namespace HatchetMcp.Hatchet;

/// <summary>Where Hatchet is, which tenant, and how long a call may take. The token prints as [redacted].</summary>
public sealed record HatchetSettings
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>API base without a trailing slash, e.g. https://cloud.onhatchet.run (paths are appended to it).</summary>
    public required Uri ApiBase { get; init; }

    public required Guid TenantId { get; init; }

    public required HatchetToken Token { get; init; }

    /// <summary>From the token's <c>exp</c> claim; null when the token has none.</summary>
    public DateTimeOffset? TokenExpiresAt { get; init; }

    /// <summary>Budget for one client call, retries included.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Longest Retry-After the client waits out by itself; a longer wait is reported to the caller instead.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per GET, the first included. POSTs always get one attempt.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>
    /// Reads HATCHET_CLIENT_TOKEN (its JWT payload decoded without verifying: sub, server_url, exp), the overrides
    /// HATCHET_API_BASE and HATCHET_TENANT_ID, and HATCHET_MCP_TIMEOUT_SECONDS.
    /// </summary>
    public static HatchetSettingsResult FromEnvironment(IReadOnlyDictionary<string, string?> environment, TimeProvider time) =>
        HatchetSettingsReader.Read(environment, time);

    /// <summary>Reads the process environment.</summary>
    public static HatchetSettingsResult FromProcessEnvironment(TimeProvider time)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in HatchetEnvironmentVariables.All) env[name] = Environment.GetEnvironmentVariable(name);
        return FromEnvironment(env, time);
    }
}

/// <summary>The environment variables the server reads.</summary>
public static class HatchetEnvironmentVariables
{
    public const string Token = "HATCHET_CLIENT_TOKEN";
    public const string ApiBase = "HATCHET_API_BASE";
    public const string TenantId = "HATCHET_TENANT_ID";
    public const string TimeoutSeconds = "HATCHET_MCP_TIMEOUT_SECONDS";

    /// <summary>The Hatchet SDKs' name for the API base; read when <see cref="ApiBase"/> is not set.</summary>
    public const string SdkServerUrl = "HATCHET_CLIENT_SERVER_URL";

    /// <summary>The Hatchet SDKs' name for the tenant; read when <see cref="TenantId"/> is not set.</summary>
    public const string SdkTenantId = "HATCHET_CLIENT_TENANT_ID";

    public static IReadOnlyList<string> All { get; } = [Token, ApiBase, TenantId, TimeoutSeconds, SdkServerUrl, SdkTenantId];
}

/// <summary>
/// Either usable settings (with an optional warning line for stderr) or one error line for stderr (the caller exits 2).
/// </summary>
public sealed record HatchetSettingsResult
{
    public HatchetSettings? Settings { get; private init; }
    public string? Warning { get; private init; }
    public string? Error { get; private init; }

    public bool IsSuccess => Settings is not null;

    internal static HatchetSettingsResult Ok(HatchetSettings settings, string? warning) => new() { Settings = settings, Warning = warning };

    internal static HatchetSettingsResult Fail(string error) => new() { Error = error };
}
