using HatchetMcp.Tools.Results;

namespace HatchetMcp.Shaping;

/// <summary>
/// Works out how many rows matched from what Hatchet does report: the rows of this page and num_pages. next_page is
/// not trusted (the runs list always claims one more page).
/// </summary>
public static class PageBounds
{
    public static PageResult From(int offset, int limit, int returned, long? numPages)
    {
        MatchCount matched;
        int? next;
        if (returned < limit && (returned > 0 || offset == 0))
        {
            // A short page is the last one: the total is exact.
            matched = new MatchCount { Exact = offset + returned, AtLeast = offset + returned, AtMost = offset + returned };
            next = null;
        }
        else if (returned == 0)
        {
            // Past the end: everything matched lies before offset.
            var upper = numPages is { } p0 ? Math.Min(offset, p0 * limit) : offset;
            var lower = numPages is { } p1 && p1 > 0 ? Math.Min(upper, (p1 - 1) * limit + 1) : 0;
            matched = new MatchCount { Exact = upper == lower ? upper : null, AtLeast = lower, AtMost = upper };
            next = null;
        }
        else
        {
            // A full page: num_pages = ceil(total / limit) bounds the total from both sides.
            long atLeast = offset + returned;
            long? atMost = null;
            if (numPages is { } pages && pages > 0)
            {
                atLeast = Math.Max(atLeast, (pages - 1) * limit + 1);
                atMost = Math.Max(atLeast, pages * (long)limit);
            }

            matched = new MatchCount
            {
                Exact = atMost == atLeast ? atLeast : null,
                AtLeast = atLeast,
                AtMost = atMost,
            };
            next = atMost is { } most && most <= offset + returned ? null : offset + returned;
        }

        return new PageResult { Offset = offset, Limit = limit, Returned = returned, Matched = matched, NextOffset = next };
    }

    /// <summary>
    /// The page as answered when only its first <paramref name="shown"/> rows fit the budget: the next page starts at the
    /// first row not shown, and <paramref name="cut"/> says what was left out and how to narrow.
    /// </summary>
    public static PageResult Shown(PageResult page, int shown, string cut)
    {
        ArgumentNullException.ThrowIfNull(page);
        return shown >= page.Returned ? page : page with { Returned = shown, NextOffset = page.Offset + shown, Cut = cut };
    }

    /// <summary>"142 matched", "at least 101 (at most 150) matched", "more than 50 matched".</summary>
    public static string Describe(MatchCount matched)
    {
        if (matched.Exact is { } exact)
        {
            return $"{exact} matched";
        }

        return matched.AtMost is { } most
            ? $"{matched.AtLeast}-{most} matched"
            : $"at least {matched.AtLeast} matched";
    }
}
