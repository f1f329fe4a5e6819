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
        return FitRows(_ => header, body, null, maxBytes, keep, (shown, cut) => keep == KeepEnd.First
            ? string.Create(CultureInfo.InvariantCulture, $"… {cut} more {unit} not shown (text budget {maxBytes} bytes). {narrowHint}")
            : string.Create(CultureInfo.InvariantCulture, $"… {cut} older {unit} cut to fit the text budget ({maxBytes} bytes); the newest {shown} are shown. {narrowHint}"));
    }

    /// <summary>
    /// Fits a list answer: its text (header, one line per row, a cut notice) within <paramref name="maxBytes"/>, and its
    /// structured rows, whose serialized sizes are <paramref name="rowBytes"/>, within the same budget, so that text and
    /// structured content carry the same rows. The header and the notice are built for the number of rows actually
    /// shown, so a header's "showing 1-40" or a notice's next offset always describe what was kept.
    /// </summary>
    public static BudgetedText FitRows(
        Func<int, IReadOnlyList<string>> headerFor,
        IReadOnlyList<string> body,
        IReadOnlyList<int>? rowBytes,
        int maxBytes,
        KeepEnd keep,
        Func<int, int, string> noticeFor)
    {
        ArgumentNullException.ThrowIfNull(headerFor);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(noticeFor);

        var header = headerFor(body.Count);
        var headerBytes = LinesBytes(header);
        var bodyBytes = 0;
        foreach (var line in body)
        {
            bodyBytes += LineBytes(line);
        }

        // A JSON array spends a comma per row and two brackets.
        var structuredRoom = maxBytes - 2;
        var structuredBytes = 0;
        if (rowBytes is not null)
        {
            foreach (var size in rowBytes)
            {
                structuredBytes += size + 1;
            }
        }

        if (headerBytes + bodyBytes <= maxBytes && structuredBytes <= structuredRoom)
        {
            return new BudgetedText(Join(header, body, 0, body.Count, null), body.Count, 0, 0);
        }

        // One pass from the kept end over per-line sizes; the header and notice are then rebuilt for what was kept and
        // lines are given back only while they still do not fit (a few at most: the reserve covers the usual case).
        var room = Math.Max(0, maxBytes - headerBytes - NoticeReserve);
        var kept = 0;
        var used = 0;
        var usedStructured = 0;
        for (var i = 0; i < body.Count; i++)
        {
            var index = keep == KeepEnd.First ? i : body.Count - 1 - i;
            var size = LineBytes(body[index]);
            var structured = rowBytes is null ? 0 : rowBytes[index] + 1;
            if (used + size > room || usedStructured + structured > structuredRoom)
            {
                break;
            }

            used += size;
            usedStructured += structured;
            kept++;
        }

        while (true)
        {
            header = headerFor(kept);
            var notice = noticeFor(kept, body.Count - kept);
            if (kept == 0 || LinesBytes(header) + LineBytes(notice) + used <= maxBytes)
            {
                var start = keep == KeepEnd.First ? 0 : body.Count - kept;
                return new BudgetedText(Join(header, body, start, kept, notice, noticeFirst: keep == KeepEnd.Last), kept, body.Count - kept, start);
            }

            var dropped = keep == KeepEnd.First ? kept - 1 : body.Count - kept;
            used -= LineBytes(body[dropped]);
            kept--;
        }
    }

    /// <summary>UTF-8 size of lines joined by newlines (each counted with its newline).</summary>
    public static int LinesBytes(IReadOnlyList<string> lines)
    {
        var bytes = 0;
        foreach (var line in lines)
        {
            bytes += LineBytes(line);
        }

        return bytes;
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

/// <summary>The text to send, how many body lines made it in, how many were cut, and the index of the first shown.</summary>
public sealed record BudgetedText(string Text, int LinesShown, int LinesCut, int FirstShown)
{
    public bool IsCut => LinesCut > 0;
}
