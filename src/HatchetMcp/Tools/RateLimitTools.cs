using System.ComponentModel;
using System.Globalization;
using HatchetMcp.Hatchet;
using HatchetMcp.Arguments;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>list_rate_limits: the tenant's rate limits and which of them are running out.</summary>
[McpServerToolType]
public sealed class RateLimitTools(IHatchetClient client, ToolOutputOptions output, TimeProvider time)
{
    /// <summary>At most this share of the limit left counts as nearly exhausted.</summary>
    private const double NearlyExhaustedShare = 0.10;

    [McpServerTool(Name = "list_rate_limits", Title = "List rate limits", ReadOnly = true, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(ListRateLimitsResult))]
    [Description("Lists the tenant's rate limits by key: used/limit per window, units left, last refill; flags EXHAUSTED " +
                 "(none left) and NEARLY EXHAUSTED (at most 10% left). Tasks using an exhausted key wait (REQUEUED_RATE_LIMIT).")]
    public async Task<CallToolResult> ListRateLimits(
        [Description("Only keys containing this text. Omit for all.")] string? search = null,
        [Description("Rate limits per page, 1 to 200. Default 50.")] int? limit = null,
        [Description("Rate limits to skip, for paging. Default 0; the answer gives the next offset.")] int? offset = null,
        CancellationToken cancellationToken = default)
    {
        var filter = ToolArguments.Text(search, "search", 200);
        var pageSize = ToolArguments.Bounded(limit, "limit", 1, 200, 50);
        var skip = ToolArguments.Offset(offset);

        var list = await ToolErrors.Guard(() => client.ListRateLimitsAsync(filter, pageSize, skip, cancellationToken)).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var source = list.Rows ?? [];
        var rows = source.Select(ToRow).ToList();
        var page = PageBounds.From(skip, pageSize, rows.Count, list.Pagination?.NumPages);
        const string narrow = "Narrow with search, or page with a smaller limit.";
        var body = rows.Select((r, i) => Line(r, source[i].LastRefill, now)).ToList();
        var fit = TextBudget.FitRows(
            shown => Header(filter, PageBounds.Shown(page, shown, string.Empty), rows.Take(shown).ToList()).ToList(),
            body,
            ToolResult.RowBytes(rows, ToolsJsonContext.Default.RateLimitRow),
            output.MaxTextBytes,
            KeepEnd.First,
            (shown, cut) => $"… {cut} more rate limits of this page not shown to fit the output budget ({output.MaxTextBytes} bytes): continue with offset={skip + shown}. {narrow}");
        var result = new ListRateLimitsResult
        {
            Search = filter,
            Page = PageBounds.Shown(page, fit.LinesShown,
                $"{fit.LinesCut} rate limits of this page left out to fit the output budget ({output.MaxTextBytes} bytes); continue with offset={skip + fit.LinesShown}. {narrow}"),
            RateLimits = fit.IsCut ? rows.Take(fit.LinesShown).ToList() : rows,
        };
        return ToolResult.Create(fit.Text, result, ToolsJsonContext.Default.ListRateLimitsResult);
    }

    private static RateLimitRow ToRow(RateLimit r)
    {
        // Hatchet's value counts down from limitValue as units are taken and is reset on refill: it is what is left.
        var limit = Math.Max(0, r.LimitValue ?? 0);
        var remaining = Math.Max(0, r.Value ?? 0);
        return new RateLimitRow
        {
            Key = r.Key ?? "(no key)",
            Limit = limit,
            Remaining = remaining,
            Used = Math.Max(0, limit - remaining),
            Window = r.Window ?? "?",
            LastRefill = TimeText.Iso(r.LastRefill),
            Finding = remaining <= 0 ? "EXHAUSTED"
                : remaining <= limit * NearlyExhaustedShare ? "NEARLY_EXHAUSTED"
                : null,
        };
    }

    private static IEnumerable<string> Header(string? filter, PageResult page, IReadOnlyList<RateLimitRow> shown)
    {
        yield return $"Rate limits{(filter is null ? string.Empty : $" with keys containing '{filter}'")}: {PageBounds.Describe(page.Matched)}; " +
                     (page.Returned == 0 ? "none on this page." : $"showing {page.Offset + 1}-{page.Offset + page.Returned}, by key.") +
                     (page.NextOffset is { } next ? $" Next page: offset={next}." : string.Empty);
        var exhausted = shown.Count(r => r.Finding == "EXHAUSTED");
        var nearly = shown.Count(r => r.Finding == "NEARLY_EXHAUSTED");
        if (exhausted + nearly > 0)
        {
            yield return $"Finding (of the limits shown): {exhausted} EXHAUSTED (no units left), {nearly} NEARLY EXHAUSTED " +
                         "(at most 10% left in the window); tasks that need these keys wait as REQUEUED_RATE_LIMIT until a refill.";
        }
    }

    private static string Line(RateLimitRow r, DateTimeOffset? lastRefill, DateTimeOffset now)
    {
        var share = r.Limit > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({(double)r.Remaining / r.Limit:0%})") : string.Empty;
        var refill = lastRefill is { } at
            ? $"last refill {DurationText.Age(at, now)}" + NextRefill(at, r.Window, now)
            : "never refilled";
        var flag = r.Finding switch
        {
            "EXHAUSTED" => " | EXHAUSTED",
            "NEARLY_EXHAUSTED" => " | NEARLY EXHAUSTED",
            _ => string.Empty,
        };
        return $"{r.Key} | {r.Used}/{r.Limit} used per {r.Window}, {r.Remaining} left{share} | {refill}{flag}";
    }

    /// <summary>
    /// When the window ("1 minute", "10 seconds") can be read: when it refills next, or that its window has passed,
    /// in which case Hatchet refills it on its next use and the numbers shown are from before.
    /// </summary>
    private static string NextRefill(DateTimeOffset lastRefill, string window, DateTimeOffset now)
    {
        if (WindowLength(window) is not { } length)
        {
            return string.Empty;
        }

        var next = lastRefill + length;
        return next > now
            ? $", refills {DurationText.Age(next, now)}"
            : ", window passed: refilled on its next use";
    }

    private static TimeSpan? WindowLength(string window)
    {
        var parts = window.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return null;
        }

        return parts[1].TrimEnd('s').ToUpperInvariant() switch
        {
            "SECOND" => TimeSpan.FromSeconds(n),
            "MINUTE" => TimeSpan.FromMinutes(n),
            "HOUR" => TimeSpan.FromHours(n),
            "DAY" => TimeSpan.FromDays(n),
            "WEEK" => TimeSpan.FromDays(7 * n),
            _ => null,
        };
    }
}
