using System.Text;

namespace HatchetMcp.Shaping;

/// <summary>Errors cut to what an operator scans for: the first line, and a signature that groups like failures.</summary>
public static class ErrorText
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

    /// <summary>The error's signature, as <see cref="Findings.ErrorSignature"/> works it out (one rule for every answer).</summary>
    public static string? Signature(string? error) => Findings.ErrorSignature.Of(error);

    internal static string Cap(string value, int max)
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
}
