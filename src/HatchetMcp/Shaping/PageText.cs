using HatchetMcp.Tools.Results;

namespace HatchetMcp.Shaping;

/// <summary>The paging sentence of a list answer: how many matched, which rows are shown, where the next page starts.</summary>
public static class PageText
{
    /// <summary>"12 matched; showing 1-10 (soonest first). Next page: offset=10."</summary>
    public static string Describe(PageResult page, int shown, string order)
    {
        ArgumentNullException.ThrowIfNull(page);
        var rows = shown == 0 ? "none on this page" : $"showing {page.Offset + 1}-{page.Offset + shown} ({order})";
        var next = page.NextOffset is { } n ? $" Next page: offset={n}." : " This is the last page.";
        return $"{PageBounds.Describe(page.Matched)}; {rows}.{next}";
    }
}
