namespace HatchetMcp.Safety;

/// <summary>How writes are confirmed: read once at start from the flag and the environment.</summary>
public sealed record ConfirmationOptions
{
    public const string SkipFlag = "--dangerously-skip-confirmation";
    public const string EnvironmentVariable = "HATCHET_MCP_CONFIRM";

    /// <summary>Unattended automation: writes act on the first call, with no question and no token.</summary>
    public bool Skip { get; init; }

    /// <summary>How long a preview's confirmation token stays valid.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the server waits for the human's answer to an elicitation before sending nothing.</summary>
    public TimeSpan ElicitationTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The HMAC-SHA256 key that signs confirmation tokens; null means a fresh random key per process. A hosted server
    /// with several replicas sets one shared key so a token issued by one is honoured by another.
    /// </summary>
    public byte[]? SigningKey { get; init; }

    public static ConfirmationOptions Skipped { get; } = new() { Skip = true };

    /// <summary>Reads <c>HATCHET_MCP_CONFIRM</c>: <c>on</c> (default) or <c>off</c>; anything else is an error line.</summary>
    public static ConfirmationOptions FromEnvironment(IReadOnlyDictionary<string, string?> environment, out string? error)
    {
        error = null;
        var value = environment.TryGetValue(EnvironmentVariable, out var v) ? v?.Trim() : null;
        if (string.IsNullOrEmpty(value) || value.Equals("on", StringComparison.OrdinalIgnoreCase))
        {
            return new ConfirmationOptions();
        }

        if (value.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return Skipped;
        }

        error = $"{EnvironmentVariable} must be 'on' (default: every write is confirmed) or 'off' (unattended automation), got '{(value.Length > 20 ? value[..20] + "…" : value)}'.";
        return new ConfirmationOptions();
    }

    /// <summary>The stderr line printed at start when confirmation is off.</summary>
    public const string SkipWarning =
        "confirmation of writes is OFF (" + SkipFlag + " or " + EnvironmentVariable + "=off): trigger_workflow, cancel_runs and replay_runs act on the first call without asking anyone.";
}
