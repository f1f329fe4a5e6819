using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
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

    /// <summary>How many Hatchet requests the findings layer keeps in flight at once.</summary>
    public int MaxConcurrency { get; init; } = FetchGate.DefaultLimit;

    /// <summary>Which tools are listed: read-only mode and toolsets.</summary>
    public ToolSelection Tools { get; init; } = new();

    /// <summary>How writes are confirmed (<c>HATCHET_MCP_CONFIRM</c>, <c>--dangerously-skip-confirmation</c>).</summary>
    public ConfirmationOptions Confirmation { get; init; } = new();

    /// <summary>Where audit lines are appended besides stderr (<c>HATCHET_MCP_AUDIT_LOG</c>).</summary>
    public AuditLogOptions Audit { get; init; } = new();

    /// <summary>The variables read, so the process environment is copied only for these names.</summary>
    public static IReadOnlyList<string> EnvironmentVariables { get; } =
        [.. HatchetEnvironmentVariables.All, ToolOutputOptions.EnvironmentVariable, SecretKeys.EnvironmentVariable, FetchGate.EnvironmentVariable, ServerLogLevel.EnvironmentVariable, DashboardLinks.EnvironmentVariable,
         ConfirmationOptions.EnvironmentVariable, AuditLogOptions.EnvironmentVariable, .. ToolSelection.EnvironmentVariables,
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
        var tools = ToolSelection.Read(environment, arguments ?? [], out var toolsError);
        if (tools is null)
        {
            return ServerConfigurationResult.Fail(toolsError ?? "the tool selection is unusable.");
        }

        var settings = HatchetSettings.FromEnvironment(environment, time);
        if (!settings.IsSuccess || settings.Settings is null)
        {
            return ServerConfigurationResult.Fail(settings.Error ?? "the Hatchet configuration is unusable.");
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

        var dashboard = DashboardLinks.FromEnvironment(environment, settings.Settings, out var dashboardError);
        if (dashboardError is not null)
        {
            return ServerConfigurationResult.Fail(dashboardError);
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

        var configuration = new ServerConfiguration
        {
            Settings = settings.Settings, Output = output, LogLevel = logLevel, Dashboard = dashboard,
            MaxConcurrency = gate.Limit, Tools = tools,
            Confirmation = confirmation, Audit = audit,
        };
        return ServerConfigurationResult.Ok(configuration, settings.Warning);
    }

    /// <summary>Copies the variables this server reads from the process environment.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in EnvironmentVariables)
        {
            environment[name] = Environment.GetEnvironmentVariable(name);
        }

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
