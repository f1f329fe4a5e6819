using System.Text;
using System.Text.RegularExpressions;

namespace HatchetMcp.Shaping;

/// <summary>Errors cut to what an operator scans for: the first line, and a signature that groups like failures.</summary>
public static partial class ErrorText
{
    public const int MaxFirstLineChars = 240;
    public const int MaxSignatureChars = 160;

    /// <summary>
    /// The line that names the failure, trimmed and capped: the first non-blank line, except for a Python traceback,
    /// whose exception line comes last. Null when there is no error text at all.
    /// </summary>
    public static string? FirstLine(string? error)
    {
        if (string.IsNullOrWhiteSpace(error))
        {
            return null;
        }

        string? first = null;
        string? lastUnindented = null;
        foreach (var raw in error.AsSpan().EnumerateLines())
        {
            if (raw.IsWhiteSpace())
            {
                continue;
            }

            var line = raw.Trim().ToString();
            first ??= line;
            if (!char.IsWhiteSpace(raw[0]))
            {
                lastUnindented = line;
            }
        }

        var headline = first!.StartsWith("Traceback (most recent call last)", StringComparison.Ordinal) && lastUnindented is not null
            ? lastUnindented
            : first;
        return Cap(headline, MaxFirstLineChars);
    }

    /// <summary>How many further non-blank lines follow the first (stack frames, causes).</summary>
    public static int MoreLines(string? error)
    {
        if (string.IsNullOrWhiteSpace(error))
        {
            return 0;
        }

        var count = 0;
        foreach (var raw in error.AsSpan().EnumerateLines())
        {
            if (!raw.IsWhiteSpace())
            {
                count++;
            }
        }

        return Math.Max(0, count - 1);
    }

    /// <summary>
    /// The first line with the parts that differ between occurrences masked (ids, numbers, hex, times; quoted names such as a missing key stay),
    /// so that the same failure on many runs yields the same signature.
    /// </summary>
    public static string? Signature(string? error)
    {
        var first = FirstLine(error);
        if (first is null)
        {
            return null;
        }

        var s = TimestampPattern().Replace(first, "<time>");
        s = UuidPattern().Replace(s, "<id>");
        s = HexPattern().Replace(s, "<hex>");
        s = NumberPattern().Replace(s, "<n>");
        s = WhitespacePattern().Replace(s, " ").Trim();
        return Cap(s, MaxSignatureChars);
    }

    private static string Cap(string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }

        var sb = new StringBuilder(max + 1);
        sb.Append(value.AsSpan(0, max - 1).TrimEnd());
        sb.Append('…');
        return sb.ToString();
    }

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex UuidPattern();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?")]
    private static partial Regex TimestampPattern();

    // Hex runs only count when long enough to be an id or hash (short ones are words like "dead" or "add").
    [GeneratedRegex(@"\b(0x[0-9a-fA-F]+|[0-9a-fA-F]{12,})\b")]
    private static partial Regex HexPattern();

    // Digits glued to letters ("http2", "S3") are part of a name, not a varying value.
    [GeneratedRegex(@"(?<![A-Za-z])\d+(\.\d+)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();
}
