using System.Text.RegularExpressions;
using HatchetMcp.Shaping;

namespace HatchetMcp.Findings;

/// <summary>
/// An error's signature: the line that names it (<see cref="ErrorText.FirstLine"/>) with what differs between
/// occurrences of one failure masked: times and dates, ids, hex, numbers and quoted values. A quoted bare name (a
/// missing key such as 'billing_country') stays: it says which failure it is. Computed here only, so every answer groups
/// failures alike.
/// </summary>
public static partial class ErrorSignature
{
    /// <summary>The signature of <paramref name="error"/>, or null when there is no error text.</summary>
    public static string? Of(string? error)
    {
        var first = ErrorText.FirstLine(error);
        if (first is null)
        {
            return null;
        }

        var s = TimestampPattern().Replace(first, "<time>");
        s = DatePattern().Replace(s, "<date>");
        s = ClockPattern().Replace(s, "<time>");
        s = UuidPattern().Replace(s, "<id>");
        s = QuotedPattern().Replace(s, m => IsBareName(m.Groups["value"].Value) ? m.Value : $"{m.Groups["quote"].Value}<value>{m.Groups["quote"].Value}");
        s = HexPattern().Replace(s, "<hex>");
        s = NumberPattern().Replace(s, "<n>");
        s = WhitespacePattern().Replace(s, " ").Trim();
        return ErrorText.Cap(s, ErrorText.MaxSignatureChars);
    }

    // Letters, '_', '-' and '.' without digits: a key, field or service name rather than a value.
    private static bool IsBareName(string value) => value.Length is > 0 and <= 64 && BareNamePattern().IsMatch(value);

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex UuidPattern();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?")]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"(?<![\d:])\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(?![\d:])")]
    private static partial Regex ClockPattern();

    // A quote opens where no letter or digit precedes it (so "can't" is not one) and closes before no letter or digit.
    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<quote>['""])(?<value>[^'""\r\n]{1,200})\k<quote>(?![A-Za-z0-9])")]
    private static partial Regex QuotedPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z_.\-]*$")]
    private static partial Regex BareNamePattern();

    // Hex runs only count when long enough to be an id or hash (short ones are words like "dead" or "add").
    [GeneratedRegex(@"\b(0x[0-9a-fA-F]+|[0-9a-fA-F]{12,})\b")]
    private static partial Regex HexPattern();

    // Digits glued to letters ("http2", "S3") are part of a name, not a varying value.
    [GeneratedRegex(@"(?<![A-Za-z<])\d+(\.\d+)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();
}
