using System.Text;

namespace HatchetMcp.Hatchet;

/// <summary>
/// Removes a token from text, whole or in part: the token, each of its dot-separated parts, any run of
/// <see cref="MinFragment"/> or more characters of it, and its <c>token_id</c> claim. Apply it to a text before cutting
/// it: a cut can leave a fragment that no longer matches the whole token.
/// </summary>
public sealed class SecretScrubber
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>
    /// The shortest run of the token recognised anywhere. Shorter runs of base64url text would match innocent words;
    /// 16 characters carry 96 bits of the token, too many to occur by chance.
    /// </summary>
    public const int MinFragment = 16;

    // Parts shorter than a fragment but at least this long are still replaced whole (a short test signature, say).
    private const int MinWholePart = 8;

    private readonly HashSet<string> _windows = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _windowLookup;
    private readonly List<string> _shortParts = [];
    private readonly List<string> _exactIgnoringCase = [];

    public SecretScrubber(string token, string? tokenId)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _windowLookup = _windows.GetAlternateLookup<ReadOnlySpan<char>>();

        // Every window of the whole token covers every window of each part, and runs that cross a dot too.
        IndexWindows(token);
        foreach (var part in token.Split('.'))
        {
            if (part.Length is >= MinWholePart and < MinFragment) _shortParts.Add(part);
        }

        if (token.Length < MinFragment && token.Length >= MinWholePart) _shortParts.Add(token);

        if (!string.IsNullOrWhiteSpace(tokenId))
        {
            var id = tokenId.Trim();
            _exactIgnoringCase.Add(id);
            if (Guid.TryParse(id, out var guid))
            {
                // The same id written without dashes, as some logs print UUIDs.
                _exactIgnoringCase.Add(guid.ToString("N"));
            }
        }
    }

    /// <summary>A scrubber for a token as configured: its <c>token_id</c> is read from the JWT payload when there is one.</summary>
    public static SecretScrubber ForToken(string token) => new(token, JwtClaims.TryRead(token)?.TokenId);

    /// <summary>True when <paramref name="text"/> holds any part of the secret that <see cref="Scrub"/> would replace.</summary>
    public bool Finds(string? text) => !string.IsNullOrEmpty(text) && !ReferenceEquals(Scrub(text), text);

    /// <summary>
    /// <paramref name="text"/> with every trace of the token replaced by <see cref="Redacted"/>; the same instance when
    /// there was nothing to replace.
    /// </summary>
    public string Scrub(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;

        var scrubbed = text;
        foreach (var exact in _exactIgnoringCase)
        {
            if (scrubbed.Contains(exact, StringComparison.OrdinalIgnoreCase))
                scrubbed = scrubbed.Replace(exact, Redacted, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var part in _shortParts)
        {
            if (scrubbed.Contains(part, StringComparison.Ordinal))
                scrubbed = scrubbed.Replace(part, Redacted, StringComparison.Ordinal);
        }

        return ScrubFragments(scrubbed);
    }

    /// <summary>
    /// Replaces the union of all windows of <paramref name="text"/> that are windows of the token: every run of
    /// <see cref="MinFragment"/> or more token characters, however long, in one pass with one hash lookup per position.
    /// </summary>
    private string ScrubFragments(string text)
    {
        if (text.Length < MinFragment || _windows.Count == 0) return text;

        StringBuilder? output = null;
        var copiedUpTo = 0;   // text[..copiedUpTo] is already in output
        var coveredUpTo = -1; // end (exclusive) of the current redacted run, or -1 when none is open
        var runStart = 0;
        var span = text.AsSpan();
        for (var i = 0; i + MinFragment <= span.Length; i++)
        {
            if (!_windowLookup.Contains(span.Slice(i, MinFragment))) continue;

            if (i > coveredUpTo)
            {
                // A new run starts here; close the previous one.
                if (coveredUpTo >= 0) Flush(ref output, text, ref copiedUpTo, runStart, coveredUpTo);
                runStart = i;
            }

            coveredUpTo = i + MinFragment;
        }

        if (coveredUpTo < 0) return text;

        Flush(ref output, text, ref copiedUpTo, runStart, coveredUpTo);
        output!.Append(span[copiedUpTo..]);
        return output.ToString();
    }

    private static void Flush(ref StringBuilder? output, string text, ref int copiedUpTo, int start, int end)
    {
        output ??= new StringBuilder(text.Length);
        output.Append(text.AsSpan(copiedUpTo, start - copiedUpTo)).Append(Redacted);
        copiedUpTo = end;
    }

    private void IndexWindows(string value)
    {
        for (var i = 0; i + MinFragment <= value.Length; i++)
        {
            _windows.Add(value.Substring(i, MinFragment));
        }
    }
}
