using System.Globalization;
using System.Text;

namespace HatchetMcp.Shaping;

/// <summary>Which end of the body survives when it does not fit.</summary>
public enum KeepEnd
{
    /// <summary>Lists: the first rows (newest first already) stay.</summary>
    First,

    /// <summary>Logs: the newest (last) lines stay.</summary>
    Last,
}

/// <summary>
/// Joins header and body lines into text of at most a byte budget, cutting the body only at line boundaries and saying
/// what was cut and how to narrow. The header is always kept (it names the query and the totals).
/// </summary>
public static class TextBudget
{
    // Room held back for the cut notice so adding it never breaks the budget.
    private const int NoticeReserve = 400;

    public static BudgetedText Fit(
        IReadOnlyList<string> header,
        IReadOnlyList<string> body,
        int maxBytes,
        KeepEnd keep,
        string unit,
        string narrowHint)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(body);

        var headerBytes = 0;
        foreach (var line in header)
        {
            headerBytes += LineBytes(line);
        }

        var bodyBytes = 0;
        foreach (var line in body)
        {
            bodyBytes += LineBytes(line);
        }

        if (headerBytes + bodyBytes <= maxBytes)
        {
            return new BudgetedText(Join(header, body, 0, body.Count, null), body.Count, 0);
        }

        var room = Math.Max(0, maxBytes - headerBytes - NoticeReserve);
        var kept = 0;
        var used = 0;
        for (var i = 0; i < body.Count; i++)
        {
            var line = keep == KeepEnd.First ? body[i] : body[body.Count - 1 - i];
            var size = LineBytes(line);
            if (used + size > room)
            {
                break;
            }

            used += size;
            kept++;
        }

        var cut = body.Count - kept;
        var notice = keep == KeepEnd.First
            ? string.Create(CultureInfo.InvariantCulture, $"… {cut} more {unit} not shown (text budget {maxBytes} bytes). {narrowHint}")
            : string.Create(CultureInfo.InvariantCulture, $"… {cut} older {unit} cut to fit the text budget ({maxBytes} bytes); the newest {kept} are shown. {narrowHint}");
        var start = keep == KeepEnd.First ? 0 : body.Count - kept;
        return new BudgetedText(Join(header, body, start, kept, notice, noticeFirst: keep == KeepEnd.Last), kept, cut);
    }

    /// <summary>UTF-8 size of a line plus its newline.</summary>
    public static int LineBytes(string line) => Encoding.UTF8.GetByteCount(line) + 1;

    private static string Join(IReadOnlyList<string> header, IReadOnlyList<string> body, int start, int count, string? notice, bool noticeFirst = false)
    {
        var sb = new StringBuilder();
        foreach (var line in header)
        {
            sb.Append(line).Append('\n');
        }

        if (notice is not null && noticeFirst)
        {
            sb.Append(notice).Append('\n');
        }

        for (var i = start; i < start + count; i++)
        {
            sb.Append(body[i]).Append('\n');
        }

        if (notice is not null && !noticeFirst)
        {
            sb.Append(notice).Append('\n');
        }

        return sb.ToString().TrimEnd('\n');
    }
}

/// <summary>The text to send, how many body lines made it in, and how many were cut.</summary>
public sealed record BudgetedText(string Text, int LinesShown, int LinesCut);
