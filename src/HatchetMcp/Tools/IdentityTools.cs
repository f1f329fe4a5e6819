using System.ComponentModel;
using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>whoami: which tenant and API this server talks to, and whether it answers.</summary>
[McpServerToolType]
public sealed class IdentityTools(IHatchetClient client, HatchetSettings settings, ToolOutputOptions output, TimeProvider time,
    Profiles.HatchetProfile? profile = null, Profiles.ServerProfiles? profiles = null, Server.ToolAvailability? availability = null)
{
    [McpServerTool(Name = "whoami", Title = "Who am I (tenant, API, token)", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(WhoamiResult))]
    [Description("Which Hatchet tenant and API this server uses: tenant, API base, token expiry, whether the API answers now (and why not), " +
                 "Hatchet's version, the tools this server lists, its profiles. Call it first, or when other tools report authentication " +
                 "or connection errors. Next: list_runs statuses=[\"FAILED\"].")]
    public async Task<CallToolResult> Whoami(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var tenantTask = TryAsync(() => client.GetTenantAsync(cancellationToken));
        var versionTask = TryAsync(() => client.GetVersionAsync(cancellationToken));
        var (tenant, tenantError) = await tenantTask.ConfigureAwait(false);
        var (version, versionError) = await versionTask.ConfigureAwait(false);
        if (versionError is null && string.IsNullOrWhiteSpace(version))
        {
            versionError = "Hatchet answered without a version.";
        }

        var expiresIn = settings.TokenExpiresAt is { } exp ? DurationText.Format(exp - now) : null;
        var result = new WhoamiResult
        {
            TenantId = settings.TenantId,
            TenantName = tenant?.Name,
            TenantSlug = tenant?.Slug,
            TenantEnvironment = tenant?.Environment,
            ApiBase = settings.ApiBase.ToString().TrimEnd('/'),
            TokenExpiresAt = TimeText.Iso(settings.TokenExpiresAt),
            TokenExpiresIn = expiresIn,
            ApiAnswers = tenant is not null,
            ApiError = tenantError,
            HatchetVersion = versionError is null ? version : null,
            HatchetVersionError = versionError,
            ServerMode = $"hatchet-mcp over {output.ServerMode}; {ToolsLine()}",
            Profile = profiles is { AreSeveral: true } ? profile?.Name : null,
            Profiles = profiles is { AreSeveral: true }
                ? [.. profiles.All.Select(p => new WhoamiProfile
                {
                    Name = p.Name, ApiBase = p.Settings.ApiBase.ToString().TrimEnd('/'), TenantId = p.Settings.TenantId,
                    ReadOnly = p.ReadOnly, IsDefault = p == profiles.Default,
                    Dashboard = (p.Dashboard ?? DashboardLinks.ForApi(p.Settings)).Home,
                })]
                : null,
        };

        var lines = new List<string>
        {
            tenant is not null
                ? $"Tenant: {tenant.Name} ({settings.TenantId})" + (tenant.Slug is { Length: > 0 } slug ? $", slug {slug}" : string.Empty)
                  + (tenant.Environment is { Length: > 0 } env ? $", environment {env}" : string.Empty)
                : $"Tenant: {settings.TenantId} (name unknown: the API did not answer)",
            tenant is not null
                ? $"API: {result.ApiBase} answers" + (result.HatchetVersion is { } v ? $" (Hatchet {v})" : $" (Hatchet version unknown: {versionError})")
                : $"API: {result.ApiBase} NOT answering: {tenantError}",
            settings.TokenExpiresAt is { } at
                ? (at <= now
                    ? $"Token: EXPIRED at {TimeText.Format(at)}; create a new API token in Hatchet"
                    : $"Token: expires {TimeText.Format(at)} (in {expiresIn})" + (at - now < TimeSpan.FromDays(7) ? "; renew it soon" : string.Empty))
                : "Token: no expiry claim",
            $"Server: {result.ServerMode}.",
            tenant is not null
                ? "Next: list_runs with statuses [\"FAILED\"] for recent failures, list_workers and get_queue_metrics for health."
                : profiles is { AreSeveral: true } && profile is not null
                    ? $"Next: fix profile {profile.Name}'s token (its token_env or token_file) or api_base in the file {Profiles.ServerProfiles.EnvironmentVariable} names, then call whoami again."
                    : "Next: fix the token (HATCHET_CLIENT_TOKEN) or the API base (HATCHET_API_BASE), then call whoami again.",
        };

        lines.InsertRange(lines.Count - 1, ProfileLines(result));
        var text = TextBudget.Fit(lines, [], output.MaxTextBytes, KeepEnd.First, "lines", string.Empty).Text;
        return ToolResult.Create(text, result, ToolsJsonContext.Default.WhoamiResult);
    }

    /// <summary>What this server lists and whether its writes can act on this connection, from the one availability decision.</summary>
    private string ToolsLine()
    {
        if (availability is null)
        {
            return "tools as registered";
        }

        var writes = availability.WritesListed;
        var line = $"{CountText.Of(availability.Listed.Count, "tool")} listed, {CountText.Of(writes.Count, "write")}" +
                   (writes.Count > 0 ? $" ({string.Join(", ", writes)})" : string.Empty);
        if (availability.WritesHeldBack.Count > 0)
        {
            line += "; read-only: no write is listed or runs";
        }
        else if (profile is { ReadOnly: true })
        {
            line += $"; profile {profile.Name} is read-only: its writes are refused";
        }

        return line;
    }

    private static IEnumerable<string> ProfileLines(WhoamiResult result) => result.Profiles is { } all
        ? [$"Profile: {result.Profile} answered; pass profile to act on another.",
           .. all.Select(p => $"- {p.Name}{(p.IsDefault ? " (default)" : string.Empty)}: tenant {p.TenantId}, API {p.ApiBase}, " +
                              (p.ReadOnly ? "read-only" : "writes available") + (p.Dashboard is { } d ? $", dashboard {d}" : string.Empty))]
        : [];

    // whoami reports failures instead of failing: "is the API answering, and if not why" is the question it answers.
    private static async Task<(T? Value, string? Error)> TryAsync<T>(Func<Task<T>> call) where T : class
    {
        try
        {
            return (await call().ConfigureAwait(false), null);
        }
        catch (HatchetApiException e)
        {
            return (null, e.Message);
        }
    }
}
