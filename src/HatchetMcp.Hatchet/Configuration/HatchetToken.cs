namespace HatchetMcp.Hatchet;

/// <summary>
/// The Hatchet API token. Holding it in its own type keeps it out of every ToString, record print, log and message:
/// only the client reads <see cref="Value"/>, to put it in the Authorization header.
/// </summary>
public sealed class HatchetToken
{
    private const string Redacted = "[redacted]";

    public HatchetToken(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value.Trim();
        Scrubber = SecretScrubber.ForToken(Value);
    }

    internal string Value { get; }

    public override string ToString() => Redacted;

    /// <summary>Finds the token, whole or in part, in any text (see <see cref="SecretScrubber"/>).</summary>
    public SecretScrubber Scrubber { get; }

    /// <summary>
    /// Replaces the token, its parts, any run of 16 or more of its characters and its token_id wherever they appear in
    /// <paramref name="text"/>. Scrub a text before cutting it.
    /// </summary>
    public string Scrub(string text) => Scrubber.Scrub(text);
}
