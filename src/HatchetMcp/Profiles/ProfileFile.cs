using System.Text.Json.Serialization;

namespace HatchetMcp.Profiles;

/// <summary>The profiles file (<c>HATCHET_MCP_CONFIG</c>) as written: which connection answers by default, and the connections.</summary>
public sealed record ProfileFile
{
    /// <summary>The profile used when a call names none; the first one when absent.</summary>
    public string? Default { get; init; }

    public IReadOnlyList<ProfileFileEntry>? Profiles { get; init; }

    /// <summary>Who may call <c>serve-http</c> (API keys, OAuth); absent: anonymous loopback only.</summary>
    public AccessFileSection? Access { get; init; }
}

/// <summary>The <c>access</c> section: API keys and an OAuth resource server, either or both.</summary>
public sealed record AccessFileSection
{
    public IReadOnlyList<ApiKeyFileEntry>? ApiKeys { get; init; }

    public OAuthFileSection? Oauth { get; init; }
}

/// <summary>One API key as stored: its hash only (the plain key is shown once by <c>hatchet-mcp keys new</c>).</summary>
public sealed record ApiKeyFileEntry
{
    public string? Name { get; init; }

    /// <summary>SHA-256 of the key's UTF-8 bytes, lowercase hex.</summary>
    public string? Sha256 { get; init; }

    /// <summary>read or write.</summary>
    public string? Role { get; init; }

    /// <summary>The profiles the key may use; every profile when absent.</summary>
    public IReadOnlyList<string>? Profiles { get; init; }
}

/// <summary>The OAuth 2.1 resource server: whose tokens are accepted, for which resource, and how they map to rights.</summary>
public sealed record OAuthFileSection
{
    public string? Issuer { get; init; }

    /// <summary>This server's resource URL (RFC 8707), the audience every token must name.</summary>
    public string? Audience { get; init; }

    /// <summary>The issuer's metadata document (its jwks_uri gives the signing keys); {issuer}/.well-known/openid-configuration when absent.</summary>
    public string? MetadataUrl { get; init; }

    /// <summary>A claim listing the profiles a token may use; when set, a token without it may use none. Absent: every profile.</summary>
    public string? ProfilesClaim { get; init; }

    /// <summary>Authorization servers published in the protected-resource metadata; the issuer when absent.</summary>
    public IReadOnlyList<string>? AuthorizationServers { get; init; }
}

/// <summary>One connection in the profiles file. The token is named (a variable or a file), never written here.</summary>
public sealed record ProfileFileEntry
{
    public string? Name { get; init; }

    /// <summary>The environment variable holding the token.</summary>
    public string? TokenEnv { get; init; }

    /// <summary>A file holding the token (read once at start).</summary>
    public string? TokenFile { get; init; }

    public string? ApiBase { get; init; }

    public string? TenantId { get; init; }

    public string? DashboardUrl { get; init; }

    public bool ReadOnly { get; init; }
}

/// <summary>Source-generated JSON for the profiles file (Native AOT); unknown keys are refused, not ignored.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProfileFile))]
[JsonSerializable(typeof(ApiKeyFileEntry))]
internal sealed partial class ProfileJsonContext : JsonSerializerContext;
