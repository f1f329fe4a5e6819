using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using HatchetMcp.Profiles;
using HatchetMcp.Safety;
using HatchetMcp.Shaping;
using HatchetMcp.Tools;
using Microsoft.Extensions.Logging;

namespace HatchetMcp.Server;

/// <summary>Everything the server reads from its environment, validated once at start.</summary>
public sealed record ServerConfiguration
{
    public required HatchetSettings Settings { get; init; }

    public ToolOutputOptions Output { get; init; } = new();

    /// <summary>Links into the Hatchet dashboard; null means the default, the API base's origin.</summary>
    public DashboardLinks? Dashboard { get; init; }

    public LogLevel LogLevel { get; init; } = ServerLogLevel.Default;

    /// <summary>The Hatchet connections (<c>HATCHET_MCP_CONFIG</c>); the environment's one when null.</summary>
    public ServerProfiles? Profiles { get; init; }

    /// <summary>How many Hatchet requests the findings layer keeps in flight at once.</summary>
    public int MaxConcurrency { get; init; } = FetchGate.DefaultLimit;

    /// <summary>Which tools are listed: read-only mode and toolsets.</summary>
    public ToolSelection Tools { get; init; } = new();

    /// <summary>How writes are confirmed (<c>HATCHET_MCP_CONFIRM</c>, <c>--dangerously-skip-confirmation</c>).</summary>
    public ConfirmationOptions Confirmation { get; init; } = new();

    /// <summary>Where audit lines are appended besides stderr (<c>HATCHET_MCP_AUDIT_LOG</c>).</summary>
    public AuditLogOptions Audit { get; init; } = new();

    /// <summary>The most runs one cancel_runs or replay_runs call acts on (<c>HATCHET_MCP_BULK_CAP</c>, <c>--bulk-cap</c>).</summary>
    public BulkCap BulkCap { get; init; } = new();

    /// <summary>Traces and metrics: exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, else off.</summary>
    public Telemetry.TelemetryOptions Telemetry { get; init; } = HatchetMcp.Server.Telemetry.TelemetryOptions.Off;

    /// <summary>The variables read, so the process environment is copied only for these names.</summary>
    public static IReadOnlyList<string> EnvironmentVariables { get; } =
        [.. HatchetEnvironmentVariables.All, ToolOutputOptions.EnvironmentVariable, SecretKeys.EnvironmentVariable, FetchGate.EnvironmentVariable, ServerLogLevel.EnvironmentVariable, DashboardLinks.EnvironmentVariable,
         ConfirmationOptions.EnvironmentVariable, ConfirmationOptions.KeyVariable, AuditLogOptions.EnvironmentVariable, BulkCap.EnvironmentVariable, ServerProfiles.EnvironmentVariable, .. ToolSelection.EnvironmentVariables,
         // Read by serve-http only (HttpServerOptions).
         ServerLogFormat.EnvironmentVariable, .. Http.HttpServerOptions.EnvironmentVariables];

    /// <summary>
    /// Reads the configuration from the environment and the server's options (<c>--read-only</c>, <c>--toolsets</c>, …).
    /// The result carries either the configuration (plus an optional warning line) or one error line; neither ever
    /// contains the token.
    /// </summary>
    public static ServerConfigurationResult Read(
        IReadOnlyDictionary<string, string?> environment, TimeProvider time, IReadOnlyList<string>? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(time);

        // The options first: a mistyped tool name is worth saying even before the token is set.
        var (capText, capSource, rest) = TakeBulkCap(arguments ?? [], environment);
        var tools = ToolSelection.Read(environment, rest, out var toolsError);
        if (tools is null)
        {
            return ServerConfigurationResult.Fail(toolsError ?? "the tool selection is unusable.");
        }

        ServerProfiles? profiles = null;
        HatchetSettings resolved;
        string? warning;
        if (environment.GetValueOrDefault(ServerProfiles.EnvironmentVariable) is { Length: > 0 } profilesPath)
        {
            // The file replaces the token variables: each profile names its own token.
            profiles = ServerProfiles.ReadFile(profilesPath, environment, time, out var profilesError, out warning);
            if (profiles is null)
            {
                return ServerConfigurationResult.Fail(profilesError ?? "the profiles file is unusable.");
            }

            resolved = profiles.Default.Settings;
        }
        else
        {
            var settings = HatchetSettings.FromEnvironment(environment, time);
            if (!settings.IsSuccess || settings.Settings is null)
            {
                return ServerConfigurationResult.Fail(settings.Error ?? "the Hatchet configuration is unusable.");
            }

            resolved = settings.Settings;
            warning = settings.Warning;
        }

        var output = ToolOutputOptions.FromEnvironment(environment, out var outputError);
        if (outputError is not null)
        {
            return ServerConfigurationResult.Fail(outputError);
        }

        using var gate = FetchGate.FromEnvironment(environment, out var gateError);
        if (gateError is not null)
        {
            return ServerConfigurationResult.Fail(gateError);
        }

        var logLevel = ServerLogLevel.FromEnvironment(environment, out var logLevelError);
        if (logLevelError is not null)
        {
            return ServerConfigurationResult.Fail(logLevelError);
        }

        string? dashboardError = null;
        var dashboard = profiles?.Default.Dashboard ?? DashboardLinks.FromEnvironment(environment, resolved, out dashboardError);
        if (dashboardError is not null)
        {
            return ServerConfigurationResult.Fail(dashboardError);
        }

        profiles ??= ServerProfiles.Single(resolved, dashboard);
        if (!profiles.AreSeveral && profiles.Default.ReadOnly)
        {
            // One read-only profile makes the whole server read-only: nothing to route around.
            tools = tools with { ReadOnly = true };
        }

        var confirmation = ConfirmationOptions.FromEnvironment(environment, out var confirmationError);
        if (confirmationError is not null)
        {
            return ServerConfigurationResult.Fail(confirmationError);
        }

        var audit = AuditLogOptions.FromEnvironment(environment, out var auditError);
        if (auditError is not null)
        {
            return ServerConfigurationResult.Fail(auditError);
        }

        var bulkCap = BulkCap.Parse(capText, capSource, out var capError);
        if (capError is not null)
        {
            return ServerConfigurationResult.Fail(capError);
        }

        var configuration = new ServerConfiguration
        {
            Settings = resolved, Output = output, LogLevel = logLevel, Dashboard = dashboard, Profiles = profiles,
            MaxConcurrency = gate.Limit, Tools = tools,
            Confirmation = confirmation, Audit = audit, BulkCap = bulkCap,
            Telemetry = HatchetMcp.Server.Telemetry.TelemetryOptions.FromEnvironment(environment),
        };
        return ServerConfigurationResult.Ok(configuration, warning);
    }

    /// <summary>Whether <paramref name="argument"/> is <c>--bulk-cap</c> (<c>--bulk-cap N</c> or <c>--bulk-cap=N</c>).</summary>
    public static bool IsBulkCapOption(string argument) =>
        argument == BulkCap.Flag || argument.StartsWith(BulkCap.Flag + "=", StringComparison.Ordinal);

    /// <summary>The bulk cap's text and where it came from (the flag wins over the variable), and the other arguments.</summary>
    private static (string? Text, string Source, List<string> Others) TakeBulkCap(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        string? text = null;
        var rest = new List<string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == BulkCap.Flag)
            {
                text = i + 1 < arguments.Count ? arguments[++i] : string.Empty;
                text = text.Length == 0 ? "(missing)" : text;
            }
            else if (IsBulkCapOption(arguments[i]))
            {
                text = arguments[i][(BulkCap.Flag.Length + 1)..];
            }
            else
            {
                rest.Add(arguments[i]);
            }
        }

        return text is not null
            ? (text, BulkCap.Flag, rest)
            : (environment.TryGetValue(BulkCap.EnvironmentVariable, out var value) ? value : null, BulkCap.EnvironmentVariable, rest);
    }

    /// <summary>Copies the variables this server reads from the process environment.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in EnvironmentVariables)
        {
            environment[name] = Environment.GetEnvironmentVariable(name);
        }

        // A standard OpenTelemetry variable, documented with the telemetry rather than among the server's own.
        environment[HatchetMcp.Server.Telemetry.TelemetryOptions.OtlpEndpointVariable] =
            Environment.GetEnvironmentVariable(HatchetMcp.Server.Telemetry.TelemetryOptions.OtlpEndpointVariable);

        return environment;
    }
}

/// <summary>Either a usable configuration (with an optional warning line) or one error line; the caller exits 2 on error.</summary>
public sealed record ServerConfigurationResult
{
    public ServerConfiguration? Configuration { get; private init; }

    public string? Warning { get; private init; }

    public string? Error { get; private init; }

    internal static ServerConfigurationResult Ok(ServerConfiguration configuration, string? warning) =>
        new() { Configuration = configuration, Warning = warning };

    internal static ServerConfigurationResult Fail(string error) => new() { Error = error };
}
