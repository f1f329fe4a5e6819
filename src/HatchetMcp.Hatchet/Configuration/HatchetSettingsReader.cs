using System.Globalization;

namespace HatchetMcp.Hatchet;

/// <summary>
/// Turns environment variables into <see cref="HatchetSettings"/> or one actionable error line. Messages name the
/// variable to fix and never echo a value, so a token pasted into the wrong variable cannot leak either.
/// </summary>
internal static class HatchetSettingsReader
{
    private static readonly TimeSpan WarningWindow = TimeSpan.FromDays(7);
    private const double MaxTimeoutSeconds = 600;
    private const string TokenHelp = "create an API token in the Hatchet dashboard (Settings > API Tokens)";

    public static HatchetSettingsResult Read(IReadOnlyDictionary<string, string?> env, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(time);

        var rawToken = Get(env, HatchetEnvironmentVariables.Token);
        if (rawToken is null)
            return Fail($"{HatchetEnvironmentVariables.Token} is not set: {TokenHelp} and set it.");

        // A value copied from an Authorization header still works.
        if (rawToken.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) rawToken = rawToken["Bearer ".Length..].Trim();

        var claims = JwtClaims.TryRead(rawToken);
        if (claims is null)
            return Fail($"{HatchetEnvironmentVariables.Token} is not a JWT (three base64url parts separated by dots, the middle one JSON): copy the whole API token, or {TokenHelp}.");

        var now = time.GetUtcNow();
        if (claims.ExpiresAt is { } expiry && expiry <= now)
            return Fail($"{HatchetEnvironmentVariables.Token} expired at {Format(expiry)}: {TokenHelp} and set it.");

        var tenant = ReadTenant(env, claims, out var tenantError);
        if (tenantError is not null) return Fail(tenantError);

        var apiBase = ReadApiBase(env, claims, out var baseError);
        if (baseError is not null) return Fail(baseError);

        var timeout = ReadTimeout(env, out var timeoutError);
        if (timeoutError is not null) return Fail(timeoutError);

        var settings = new HatchetSettings
        {
            ApiBase = apiBase!,
            TenantId = tenant,
            Token = new HatchetToken(rawToken),
            TokenExpiresAt = claims.ExpiresAt,
            Timeout = timeout,
        };

        // Sentences only: the caller prefixes the line with "warning:" once.
        var warnings = new List<string>(2);
        if (TenantMismatch(env, claims, tenant) is { } mismatch)
            warnings.Add(mismatch);
        if (claims.ExpiresAt is { } soon && soon - now < WarningWindow)
            warnings.Add($"{HatchetEnvironmentVariables.Token} expires at {Format(soon)} (in {Describe(soon - now)}); {TokenHelp} before then.");

        return HatchetSettingsResult.Ok(settings, warnings.Count == 0 ? null : string.Join(' ', warnings));
    }

    private static Guid ReadTenant(IReadOnlyDictionary<string, string?> env, JwtClaims claims, out string? error)
    {
        error = null;
        var (name, overrideValue) = First(env, HatchetEnvironmentVariables.TenantId, HatchetEnvironmentVariables.SdkTenantId);
        if (overrideValue is not null)
        {
            if (Guid.TryParse(overrideValue.TrimEnd('/'), out var fromEnv) && fromEnv != Guid.Empty) return fromEnv;
            error = $"{name} is not a tenant id: use the tenant UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), or unset it to use the token's tenant.";
            return Guid.Empty;
        }

        if (string.IsNullOrWhiteSpace(claims.Subject))
        {
            error = $"{HatchetEnvironmentVariables.Token} names no tenant (no sub claim): set {HatchetEnvironmentVariables.TenantId} to the tenant UUID.";
            return Guid.Empty;
        }
        if (!Guid.TryParse(claims.Subject, out var fromToken) || fromToken == Guid.Empty)
        {
            error = $"{HatchetEnvironmentVariables.Token} has a tenant (sub claim) that is not a UUID: set {HatchetEnvironmentVariables.TenantId} to the tenant UUID.";
            return Guid.Empty;
        }
        return fromToken;
    }

    /// <summary>
    /// A tenant override that is not the token's own tenant: Hatchet refuses every call for a tenant other than the
    /// token's (403). Still a warning, not an error (a stand-in server may differ); it names both ids (ids are not
    /// secret; the token is).
    /// </summary>
    private static string? TenantMismatch(IReadOnlyDictionary<string, string?> env, JwtClaims claims, Guid tenant)
    {
        var (name, overrideValue) = First(env, HatchetEnvironmentVariables.TenantId, HatchetEnvironmentVariables.SdkTenantId);
        if (overrideValue is null || !Guid.TryParse(claims.Subject, out var tokenTenant) || tokenTenant == tenant)
            return null;

        return $"{name} is {tenant:D} but {HatchetEnvironmentVariables.Token} belongs to tenant {tokenTenant:D}; " +
               $"Hatchet refuses a token's calls for any other tenant (403). Unset {name}, or use a token of tenant {tenant:D}.";
    }

    private static Uri? ReadApiBase(IReadOnlyDictionary<string, string?> env, JwtClaims claims, out string? error)
    {
        error = null;
        var (name, overrideValue) = First(env, HatchetEnvironmentVariables.ApiBase, HatchetEnvironmentVariables.SdkServerUrl);
        if (overrideValue is not null)
        {
            var fromEnv = ParseBase(overrideValue);
            if (fromEnv is null)
                error = $"{name} is not an absolute http or https URL without query: use e.g. https://cloud.onhatchet.run or http://localhost:8080.";
            return fromEnv;
        }

        if (!string.IsNullOrWhiteSpace(claims.ServerUrl))
        {
            var fromToken = ParseBase(claims.ServerUrl);
            if (fromToken is null)
                error = $"{HatchetEnvironmentVariables.Token} has a server_url claim that is not an absolute http or https URL: set {HatchetEnvironmentVariables.ApiBase} (e.g. https://cloud.onhatchet.run).";
            return fromToken;
        }

        // Hatchet issues tokens with iss = server_url; only a usable URL counts.
        if (claims.Issuer is { } issuer && ParseBase(issuer) is { } fromIssuer) return fromIssuer;

        error = $"no Hatchet API base URL: {HatchetEnvironmentVariables.Token} has no server_url claim; set {HatchetEnvironmentVariables.ApiBase} (e.g. https://cloud.onhatchet.run or http://localhost:8080).";
        return null;
    }

    /// <summary>
    /// Absolute http(s), no query, fragment or user info; trailing slashes removed (paths are appended). A trailing
    /// "/api" or "/api/v1" is dropped too: the client's paths start with /api/v1, and people often copy the API URL.
    /// </summary>
    internal static Uri? ParseBase(string value)
    {
        var trimmed = value.Trim().TrimEnd('/');
        foreach (var suffix in (string[])["/api/v1", "/api"])
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                trimmed = trimmed[..^suffix.Length].TrimEnd('/');
                break;
            }
        }
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return null;
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0 || uri.Host.Length == 0) return null;
        return uri;
    }

    private static TimeSpan ReadTimeout(IReadOnlyDictionary<string, string?> env, out string? error)
    {
        error = null;
        var raw = Get(env, HatchetEnvironmentVariables.TimeoutSeconds);
        if (raw is null) return HatchetSettings.DefaultTimeout;
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds >= 1 && seconds <= MaxTimeoutSeconds)
            return TimeSpan.FromSeconds(seconds);
        error = $"{HatchetEnvironmentVariables.TimeoutSeconds} must be a number of seconds from 1 to {MaxTimeoutSeconds} (default {HatchetSettings.DefaultTimeout.TotalSeconds}).";
        return TimeSpan.Zero;
    }

    /// <summary>The first of the names that is set, with its value; our own name wins over the SDKs' alias.</summary>
    private static (string Name, string? Value) First(IReadOnlyDictionary<string, string?> env, string name, string alias) =>
        Get(env, name) is { } value ? (name, value) : (alias, Get(env, alias));

    private static string? Get(IReadOnlyDictionary<string, string?> env, string name) =>
        env.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static HatchetSettingsResult Fail(string error) => HatchetSettingsResult.Fail(error);

    private static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Written as the tools write durations ("3d 2h", "5h 10m", "7m"), two units at most.</summary>
    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 ? Pair((int)span.TotalDays, "d", span.Hours, "h")
        : span.TotalHours >= 1 ? Pair((int)span.TotalHours, "h", span.Minutes, "m")
        : $"{Math.Max(1, (int)Math.Ceiling(span.TotalMinutes))}m";

    private static string Pair(int major, string majorUnit, int minor, string minorUnit) =>
        minor == 0 ? $"{major}{majorUnit}" : $"{major}{majorUnit} {minor}{minorUnit}";
}
