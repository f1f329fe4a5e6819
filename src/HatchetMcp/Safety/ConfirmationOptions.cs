namespace HatchetMcp.Safety;

/// <summary>How writes are confirmed: read once at start from the flag and the environment.</summary>
public sealed record ConfirmationOptions
{
    public const string SkipFlag = "--dangerously-skip-confirmation";
    public const string EnvironmentVariable = "HATCHET_MCP_CONFIRM";
    public const string KeyVariable = "HATCHET_MCP_CONFIRMATION_KEY";

    /// <summary>The shortest signing key accepted, in bytes: an HMAC-SHA256 key shorter than its output is weaker than it.</summary>
    public const int MinimumKeyBytes = 32;

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

    /// <summary>
    /// The transport cannot carry a server-to-client request (stateless HTTP): a client that can answer an elicitation
    /// is asked through multi-round-trip requests instead, when it speaks them.
    /// </summary>
    public bool AskByRoundTrips { get; init; }

    public static ConfirmationOptions Skipped { get; } = new() { Skip = true };

    /// <summary>
    /// Reads <c>HATCHET_MCP_CONFIRM</c> (<c>on</c>, the default, or <c>off</c>) and <c>HATCHET_MCP_CONFIRMATION_KEY</c>
    /// (the shared signing key); anything unusable is an error line, which never quotes the key.
    /// </summary>
    public static ConfirmationOptions FromEnvironment(IReadOnlyDictionary<string, string?> environment, out string? error)
    {
        ArgumentNullException.ThrowIfNull(environment);
        error = null;
        var key = environment.TryGetValue(KeyVariable, out var keyText) && !string.IsNullOrWhiteSpace(keyText)
            ? ParseKey(keyText.Trim(), out error)
            : null;
        if (error is not null)
        {
            return new ConfirmationOptions();
        }

        var options = ModeFromEnvironment(environment, out error);
        return key is null ? options : options with { SigningKey = key };
    }

    /// <summary>
    /// A key given as hex (an even number of hex digits) or base64 (standard or URL-safe, padding optional), of at
    /// least <see cref="MinimumKeyBytes"/> bytes; null with the error line otherwise.
    /// </summary>
    internal static byte[]? ParseKey(string text, out string? error)
    {
        error = null;
        byte[]? bytes = null;
        if (text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit))
        {
            bytes = Convert.FromHexString(text);
        }
        else
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var buffer = new byte[base64.Length];
            if (Convert.TryFromBase64String(base64, buffer, out var written))
            {
                bytes = buffer[..written];
            }
        }

        if (bytes is null)
        {
            error = $"{KeyVariable} must be hex or base64 text of at least {MinimumKeyBytes} random bytes (e.g. the output of 'openssl rand -base64 32'); the value given is neither.";
            return null;
        }

        if (bytes.Length < MinimumKeyBytes)
        {
            error = $"{KeyVariable} must hold at least {MinimumKeyBytes} bytes (e.g. 'openssl rand -base64 32'); the value given decodes to {bytes.Length}.";
            return null;
        }

        return bytes;
    }

    private static ConfirmationOptions ModeFromEnvironment(IReadOnlyDictionary<string, string?> environment, out string? error)
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
