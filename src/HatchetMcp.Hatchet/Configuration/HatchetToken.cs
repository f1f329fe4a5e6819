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
    }

    internal string Value { get; }

    public override string ToString() => Redacted;

    /// <summary>Replaces the token, or any of its three JWT parts, wherever it appears in <paramref name="text"/>.</summary>
    public string Scrub(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var scrubbed = text.Replace(Value, Redacted, StringComparison.Ordinal);
        foreach (var part in Value.Split('.'))
        {
            // Short parts (an empty signature, a tiny test payload) would match innocent text; real parts are long.
            if (part.Length >= 8) scrubbed = scrubbed.Replace(part, Redacted, StringComparison.Ordinal);
        }
        return scrubbed;
    }
}
