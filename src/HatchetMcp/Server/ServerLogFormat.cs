namespace HatchetMcp.Server;

/// <summary>How log lines are written on stderr: readable text, or one JSON object per line for log collectors.</summary>
public enum LogFormat
{
    Text,
    Json,
}

/// <summary>Reads HATCHET_MCP_LOG_FORMAT: <c>text</c> (default) or <c>json</c>.</summary>
public static class ServerLogFormat
{
    public const string EnvironmentVariable = "HATCHET_MCP_LOG_FORMAT";

    public static LogFormat FromEnvironment(IReadOnlyDictionary<string, string?> environment, out string? error)
    {
        ArgumentNullException.ThrowIfNull(environment);
        error = null;
        var value = environment.TryGetValue(EnvironmentVariable, out var raw) ? raw?.Trim() : null;
        if (string.IsNullOrEmpty(value) || value.Equals("text", StringComparison.OrdinalIgnoreCase))
        {
            return LogFormat.Text;
        }

        if (value.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return LogFormat.Json;
        }

        error = $"{EnvironmentVariable} must be 'text' (default) or 'json' (one JSON object per line), got '{(value.Length > 20 ? value[..20] + "…" : value)}'.";
        return LogFormat.Text;
    }
}
