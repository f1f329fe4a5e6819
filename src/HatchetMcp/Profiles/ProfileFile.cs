using System.Text.Json.Serialization;

namespace HatchetMcp.Profiles;

/// <summary>The profiles file (<c>HATCHET_MCP_CONFIG</c>) as written: which connection answers by default, and the connections.</summary>
public sealed record ProfileFile
{
    /// <summary>The profile used when a call names none; the first one when absent.</summary>
    public string? Default { get; init; }

    public IReadOnlyList<ProfileFileEntry>? Profiles { get; init; }
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
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ProfileFile))]
internal sealed partial class ProfileJsonContext : JsonSerializerContext;
