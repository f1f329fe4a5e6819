using System.Text.RegularExpressions;
using HatchetMcp.Profiles;

namespace HatchetMcp.Server.Http.Auth;

/// <summary>The OAuth resource server's settings, checked.</summary>
public sealed record OAuthSettings(string Issuer, string Audience, Uri MetadataUrl, string? ProfilesClaim, IReadOnlyList<Uri> AuthorizationServers)
{
    public const string ReadScope = "hatchet:read";
    public const string WriteScope = "hatchet:write";
}

/// <summary>
/// Who may call serve-http, read from the profiles file's <c>access</c> section: API keys, an OAuth resource server,
/// both, or neither (then only <c>--allow-anonymous-loopback</c>). Errors name the field, never a value that may be secret.
/// </summary>
public sealed partial record AccessConfiguration(IReadOnlyList<ApiKey> Keys, OAuthSettings? OAuth)
{
    public static AccessConfiguration None { get; } = new([], null);

    /// <summary>Callers must authenticate.</summary>
    public bool IsOn => Keys.Count > 0 || OAuth is not null;

    public static AccessConfiguration? From(AccessFileSection? section, ServerProfiles? profiles, out string? error)
    {
        error = null;
        if (section is null)
        {
            return None;
        }

        const string where = ServerProfiles.EnvironmentVariable + ": access";
        var names = profiles?.Names.ToHashSet(StringComparer.Ordinal) ?? [];
        var keys = new List<ApiKey>();
        foreach (var (entry, i) in (section.ApiKeys ?? []).Select((entry, i) => (entry, i)))
        {
            if (entry.Name is not { } name || !KeyName().IsMatch(name))
            {
                error = $"{where}.api_keys[{i}] needs a name of 1 to 64 letters, digits, '.', '_', '@' or '-'.";
                return null;
            }

            if (keys.Any(key => key.Name == name))
            {
                error = $"{where}.api_keys: name '{name}' is given twice; give each key its own name.";
                return null;
            }

            if (entry.Sha256 is not { Length: 64 } hex || !IsHex(hex))
            {
                error = $"{where}.api_keys '{name}': sha256 must be 64 hex digits, the hash 'hatchet-mcp keys new' printed.";
                return null;
            }

            if (entry.Role is not (null or CallerRights.ReadRole or CallerRights.WriteRole))
            {
                error = $"{where}.api_keys '{name}': role must be \"read\" or \"write\" (default read).";
                return null;
            }

            if (entry.Profiles?.FirstOrDefault(profile => !names.Contains(profile)) is { } unknown)
            {
                error = $"{where}.api_keys '{name}': profile '{Cut(unknown)}' is not a profile; the profiles are {string.Join(", ", names)}.";
                return null;
            }

            keys.Add(new ApiKey(name, Convert.FromHexString(hex), entry.Role == CallerRights.WriteRole, entry.Profiles));
        }

        OAuthSettings? oauth = null;
        if (section.Oauth is { } o)
        {
            if (!Absolute(o.Issuer, out var issuer) || !Absolute(o.Audience, out var audience))
            {
                error = $"{where}.oauth needs \"issuer\" (the authorization server's issuer URL) and \"audience\" (this server's resource URL, e.g. https://mcp.example.com/mcp), both absolute http(s) URLs.";
                return null;
            }

            var metadata = new Uri(issuer!.ToString().TrimEnd('/') + "/.well-known/openid-configuration");
            if (o.MetadataUrl is not null && !Absolute(o.MetadataUrl, out metadata))
            {
                error = $"{where}.oauth.metadata_url must be an absolute http(s) URL (the issuer's metadata document, which names its jwks_uri).";
                return null;
            }

            var servers = new List<Uri>();
            foreach (var server in o.AuthorizationServers ?? [issuer.ToString()])
            {
                if (!Absolute(server, out var url))
                {
                    error = $"{where}.oauth.authorization_servers must list absolute http(s) URLs.";
                    return null;
                }

                servers.Add(url!);
            }

            oauth = new OAuthSettings(o.Issuer!, o.Audience!, metadata!, string.IsNullOrWhiteSpace(o.ProfilesClaim) ? null : o.ProfilesClaim, servers);
        }

        return new AccessConfiguration(keys, oauth);
    }

    private static bool Absolute(string? value, out Uri? url) =>
        Uri.TryCreate(value, UriKind.Absolute, out url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);

    private static bool IsHex(string value) => value.All(char.IsAsciiHexDigit);

    private static string Cut(string value) => value.Length > 40 ? value[..40] + "…" : value;

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex KeyName();
}
