using System.Globalization;
using HatchetMcp.Shaping;

namespace HatchetMcp.Tools;

/// <summary>How much a tool may put in its answer: the text and the rows of its structured content share one byte budget.</summary>
public sealed record ToolOutputOptions
{
    /// <summary>Environment variable that overrides <see cref="MaxTextBytes"/>.</summary>
    public const string EnvironmentVariable = "HATCHET_MCP_OUTPUT_BUDGET";

    public const int DefaultMaxTextBytes = 24_000;

    // Below this a single run or log line no longer fits, so smaller budgets are raised to it.
    public const int MinimumMaxTextBytes = 1_000;

    /// <summary>UTF-8 bytes of text content per tool answer (default about 24 KB).</summary>
    public int MaxTextBytes { get; init; } = DefaultMaxTextBytes;

    /// <summary>Which keys of inputs, outputs and metadata have their values redacted in every answer.</summary>
    public SecretKeys SecretKeys { get; init; } = SecretKeys.Default;

    /// <summary>How this server is being served ("stdio", "http", "demo"), reported by whoami.</summary>
    public string ServerMode { get; init; } = "stdio";

    /// <summary>
    /// Reads HATCHET_MCP_OUTPUT_BUDGET (a byte count) and HATCHET_MCP_REDACT_KEYS (names added to the secret-looking
    /// keys). Returns the defaults when unset; an unusable value yields an error line for the caller to print (and exit 2),
    /// never an exception.
    /// </summary>
    public static ToolOutputOptions FromEnvironment(IReadOnlyDictionary<string, string?> environment, out string? error)
    {
        ArgumentNullException.ThrowIfNull(environment);
        error = null;
        var defaults = new ToolOutputOptions { SecretKeys = SecretKeys.FromEnvironment(environment) };
        if (!environment.TryGetValue(EnvironmentVariable, out var raw) || string.IsNullOrWhiteSpace(raw))
        {
            return defaults;
        }

        if (!int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) || bytes <= 0)
        {
            error = $"{EnvironmentVariable} must be a positive number of bytes (e.g. 24000), got '{raw.Trim()}'.";
            return defaults;
        }

        return defaults with { MaxTextBytes = Math.Max(bytes, MinimumMaxTextBytes) };
    }
}
