namespace HatchetMcp.Emulator.Http;

/// <summary>The ways Hatchet's endpoint families fill PaginationResponse (server-behaviour §1.5).</summary>
internal static class Paging
{
    /// <summary>v1 runs list: current = offset/limit+1, next ALWAYS current+1, num_pages = ceil(total/limit).</summary>
    public static WirePagination RunsList(long offset, long limit, long total)
    {
        long current = offset / limit + 1;
        return new WirePagination(current, current + 1, CeilDiv(total, limit));
    }

    /// <summary>
    /// Workflows, workers, crons, scheduled, rate limits: current = 1 + ceil(offset/limit), next = current+1 or
    /// current on the last page, num_pages = ceil(total/limit) (0 when empty, then current 1 and next 2).
    /// </summary>
    public static WirePagination Classic(long offset, long limit, long total)
    {
        long numPages = CeilDiv(total, limit);
        long current = 1 + CeilDiv(offset, limit);
        long next = current == numPages ? current : current + 1;
        return new WirePagination(current, next, numPages);
    }

    /// <summary>v1 events: current = offset/limit+1, next = current when total &lt; offset+limit, else current+1.</summary>
    public static WirePagination Events(long offset, long limit, long total)
    {
        long current = offset / limit + 1;
        long next = total < offset + limit ? current : current + 1;
        return new WirePagination(current, next, CeilDiv(total, limit));
    }

    /// <summary>Logs are not paginated: 0/0/0.</summary>
    public static WirePagination Logs() => new(0, 0, 0);

    /// <summary>A window of an already-sorted list, clamped to its bounds.</summary>
    public static List<T> Window<T>(IReadOnlyList<T> sorted, long offset, long limit)
    {
        var page = new List<T>((int)Math.Min(Math.Max(limit, 0), 1024));
        if (offset < 0)
        {
            offset = 0;
        }

        for (long i = offset; i < sorted.Count && i < offset + limit; i++)
        {
            page.Add(sorted[(int)i]);
        }

        return page;
    }

    private static long CeilDiv(long a, long b) => b <= 0 ? 0 : (a + b - 1) / b;
}
