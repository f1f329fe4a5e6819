using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using HatchetMcp.Server;
using HatchetMcp.Shaping;
using HatchetMcp.Tools;

namespace HatchetMcp.Cli;

/// <summary>
/// One line of <c>--help</c> per environment variable the server reads. Tests hold this list equal to
/// <see cref="ServerConfiguration.EnvironmentVariables"/> and to the README's table.
/// </summary>
internal static class ServerEnvironmentHelp
{
    public static IReadOnlyList<(string Name, string Meaning)> Variables { get; } =
    [
        (HatchetEnvironmentVariables.Token, "required: Hatchet API token (a JWT carrying the tenant, the API base and the expiry)"),
        (HatchetEnvironmentVariables.ApiBase, "optional: overrides the API base URL from the token"),
        (HatchetEnvironmentVariables.SdkServerUrl, $"optional: the Hatchet SDKs' name for the API base, read when {HatchetEnvironmentVariables.ApiBase} is unset"),
        (HatchetEnvironmentVariables.TenantId, "optional: overrides the tenant id from the token"),
        (HatchetEnvironmentVariables.SdkTenantId, $"optional: the Hatchet SDKs' name for the tenant, read when {HatchetEnvironmentVariables.TenantId} is unset"),
        (HatchetEnvironmentVariables.TimeoutSeconds, $"optional: per-call timeout for Hatchet requests in seconds (default {HatchetSettings.DefaultTimeout.TotalSeconds:0})"),
        (ToolOutputOptions.EnvironmentVariable, $"optional: maximum bytes per tool answer, for its text and for the rows of its structured content (default {ToolOutputOptions.DefaultMaxTextBytes})"),
        (SecretKeys.EnvironmentVariable, "optional: comma-separated key names whose values are redacted in inputs, outputs and metadata, added to password, secret, token, api_key, apikey, authorization, cookie, private_key"),
        (FetchGate.EnvironmentVariable, $"optional: Hatchet requests in flight at once when an answer needs several, {FetchGate.MinimumLimit} to {FetchGate.MaximumLimit} (default {FetchGate.DefaultLimit})"),
        (ServerLogLevel.EnvironmentVariable, $"optional: stderr log level, Trace to Critical or None (default {ServerLogLevel.Default})"),
        (DashboardLinks.EnvironmentVariable, "optional: Hatchet dashboard base URL for links in answers (default the API base's origin; empty: no links)"),
        (ToolSelection.ReadOnlyVariable, $"optional: true lists and runs no tool that changes live state (default false; {ToolSelection.ReadOnlyFlag} does the same)"),
        (ToolSelection.ToolsetsVariable, $"optional: comma list of toolsets to list: {string.Join(", ", Toolsets.ToolsetNames)} (default {Toolsets.Default}; {ToolSelection.ToolsetsFlag} wins)"),
        (ToolSelection.ToolsVariable, $"optional: comma list of single tools to list besides the toolsets (alone: only these; {ToolSelection.ToolsFlag} wins)"),
        (ToolSelection.ExcludeToolsVariable, $"optional: comma list of tools never listed, whatever else names them ({ToolSelection.ExcludeToolsFlag} wins)"),
        (Safety.ConfirmationOptions.EnvironmentVariable, "optional: 'on' (default: every write is confirmed by the user or a preview token) or 'off' (unattended; warns)"),
        (Safety.ConfirmationOptions.KeyVariable, $"optional, secret: hex or base64 of {Safety.ConfirmationOptions.MinimumKeyBytes}+ random bytes signing confirmation tokens; the same on every replica (default: random per process)"),
        (Safety.AuditLogOptions.EnvironmentVariable, "optional: file to append one JSON line per write attempt to (created 0600), besides stderr"),
        (Safety.BulkCap.EnvironmentVariable, $"optional: most runs a cancel_runs or replay_runs filter may match, 1 to {Safety.BulkCap.HardLimit} (default {Safety.BulkCap.Default}; {Safety.BulkCap.Flag} N wins)"),
        (Profiles.ServerProfiles.EnvironmentVariable, $"optional: JSON file naming several Hatchet connections (profiles), each with its token variable or file; replaces {HatchetEnvironmentVariables.Token} and the API/tenant variables"),
        (ServerLogFormat.EnvironmentVariable, "optional, serve-http: stderr log lines as 'text' (default) or 'json' (one object per line)"),
        (Server.Http.HttpServerOptions.AllowedHostsVariable, "optional, serve-http: comma list of Host names accepted besides localhost, 127.0.0.1, ::1 ('*': any)"),
        (Server.Http.HttpServerOptions.AllowedOriginsVariable, "optional, serve-http: comma list of browser origins (scheme://host:port) accepted besides loopback ones"),
        (Server.Http.HttpServerOptions.MaxBodyBytesVariable, $"optional, serve-http: largest request body in bytes (default {Server.Http.HttpServerOptions.DefaultMaxBodyBytes}); larger: 413"),
        (Server.Http.HttpServerOptions.RateLimitVariable, $"optional, serve-http: requests to /mcp per client per minute (default {Server.Http.HttpServerOptions.DefaultRateLimit}); more: 429"),
        (Server.Http.HttpServerOptions.RequestTimeoutVariable, $"optional, serve-http: longest request in seconds (default {Server.Http.HttpServerOptions.DefaultRequestTimeout.TotalSeconds:0}); longer: 504"),
    ];

    /// <summary>The variables, one per line, names aligned.</summary>
    public static string Text { get; } = string.Join(
        Environment.NewLine,
        Variables.Select(variable => $"  {variable.Name.PadRight(Variables.Max(v => v.Name.Length) + 2)}{variable.Meaning}"));
}
