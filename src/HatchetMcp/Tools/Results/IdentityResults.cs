using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

/// <summary>Answer of whoami.</summary>
public sealed record WhoamiResult
{
    [Description("Tenant id the token is for.")]
    public Guid TenantId { get; init; }

    [Description("Tenant name, when the API answered.")]
    public string? TenantName { get; init; }

    [Description("Tenant slug, when the API answered.")]
    public string? TenantSlug { get; init; }

    [Description("local, development or production.")]
    public string? TenantEnvironment { get; init; }

    [Description("Hatchet REST API base URL in use.")]
    public required string ApiBase { get; init; }

    [Description("Token expiry, if any.")]
    public string? TokenExpiresAt { get; init; }

    [Description("Time to expiry.")]
    public string? TokenExpiresIn { get; init; }

    [Description("Hatchet answered an authenticated request.")]
    public bool ApiAnswers { get; init; }

    [Description("Why the API did not answer, when it did not.")]
    public string? ApiError { get; init; }

    [Description("Hatchet server version, when reported.")]
    public string? HatchetVersion { get; init; }

    [Description("Why the version is unknown.")]
    public string? HatchetVersionError { get; init; }

    [Description("Transport, and whether writes are available.")]
    public required string ServerMode { get; init; }

    [Description("Profile that answered, when there are several.")]
    public string? Profile { get; init; }

    [Description("The configured profiles, when there are several.")]
    public IReadOnlyList<WhoamiProfile>? Profiles { get; init; }
}

/// <summary>One configured Hatchet connection, as whoami lists it: never its token or where the token is kept.</summary>
public sealed record WhoamiProfile
{
    public required string Name { get; init; }

    public required string ApiBase { get; init; }

    public Guid TenantId { get; init; }

    public bool ReadOnly { get; init; }

    public bool IsDefault { get; init; }

    public string? Dashboard { get; init; }
}
