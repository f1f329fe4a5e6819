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

    [Description("Tenant environment (local, development, production), when reported.")]
    public string? TenantEnvironment { get; init; }

    [Description("Hatchet REST API base URL in use.")]
    public required string ApiBase { get; init; }

    [Description("Token expiry (ISO 8601 UTC), when the token carries one.")]
    public string? TokenExpiresAt { get; init; }

    [Description("Time left until the token expires, e.g. \"89d 23h\".")]
    public string? TokenExpiresIn { get; init; }

    [Description("Whether the Hatchet API answered an authenticated tenant request.")]
    public bool ApiAnswers { get; init; }

    [Description("Why the API did not answer, when it did not.")]
    public string? ApiError { get; init; }

    [Description("Hatchet server version, when reported.")]
    public string? HatchetVersion { get; init; }

    [Description("Why the Hatchet version is unknown, when it could not be read.")]
    public string? HatchetVersionError { get; init; }

    [Description("How this MCP server is being served (e.g. stdio), and that write tools are available.")]
    public required string ServerMode { get; init; }
}
