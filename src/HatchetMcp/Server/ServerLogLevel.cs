using Microsoft.Extensions.Logging;

namespace HatchetMcp.Server;

/// <summary>Reads HATCHET_MCP_LOG_LEVEL; quiet (Warning) by default so stderr shows only what needs attention.</summary>
public static class ServerLogLevel
{
    public const string EnvironmentVariable = "HATCHET_MCP_LOG_LEVEL";

    public const LogLevel Default = LogLevel.Warning;

    public static LogLevel FromEnvironment(IReadOnlyDictionary<string, string?> environment, out string? error)
    {
        ArgumentNullException.ThrowIfNull(environment);
        error = null;
        if (!environment.TryGetValue(EnvironmentVariable, out var raw) || string.IsNullOrWhiteSpace(raw))
        {
            return Default;
        }

        var trimmed = raw.Trim();
        if (Enum.TryParse<LogLevel>(trimmed, ignoreCase: true, out var level)
            && Enum.IsDefined(level)
            && !int.TryParse(trimmed, out _))
        {
            return level;
        }

        error = $"{EnvironmentVariable} must be one of Trace, Debug, Information, Warning, Error, Critical, None; got '{trimmed}'.";
        return Default;
    }
}
