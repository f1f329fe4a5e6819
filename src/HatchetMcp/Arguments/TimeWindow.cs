using System.Globalization;
using System.Text.RegularExpressions;
using ModelContextProtocol;

namespace HatchetMcp.Arguments;

/// <summary>A validated [since, until] window; until is null for "up to now".</summary>
public sealed partial record TimeWindow(DateTimeOffset Since, DateTimeOffset? Until)
{
    /// <summary>
    /// Parses <c>since</c>/<c>until</c>, each either an ISO 8601 time ("2026-11-24T09:00:00Z", "2026-11-24") or a duration
    /// back from now ("90m", "24h", "7d", "1h30m", "2w"). since defaults to now minus <paramref name="defaultSpan"/>.
    /// </summary>
    public static TimeWindow Parse(string? since, string? until, DateTimeOffset now, TimeSpan defaultSpan, TimeSpan? maxSpan = null)
    {
        var from = string.IsNullOrWhiteSpace(since) ? now - defaultSpan : TimePoint(since, "since", now);
        DateTimeOffset? to = string.IsNullOrWhiteSpace(until) ? null : TimePoint(until, "until", now);

        if (from > now)
        {
            throw new McpException($"since must not be in the future; got {Iso(from)} (now is {Iso(now)}).");
        }

        if (to is { } t && t <= from)
        {
            throw new McpException($"until ({Iso(t)}) must be later than since ({Iso(from)}).");
        }

        if (maxSpan is { } max && (to ?? now) - from > max)
        {
            throw new McpException($"the window since..until may span at most {max.TotalDays.ToString(CultureInfo.InvariantCulture)} days; narrow since or until.");
        }

        return new TimeWindow(from, to);
    }

    /// <summary>One bound: ISO time, date, or a relative duration meaning "that long before now".</summary>
    public static DateTimeOffset TimePoint(string value, string argument, DateTimeOffset now)
    {
        var text = value.Trim();
        if (TryRelative(text, out var ago))
        {
            return now - ago;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            && LooksIso().IsMatch(text))
        {
            return at;
        }

        throw new McpException(
            $"{argument} must be an ISO 8601 time (e.g. 2026-11-24T09:00:00Z or 2026-11-24) or a duration back from now " +
            $"(e.g. 90m, 24h, 7d, 1h30m; units s, m, h, d, w); got '{ToolArguments.Echo(text)}'.");
    }

    /// <summary>"90m", "24h", "7d", "2w", "1h30m", "45s"; also ISO 8601 durations such as "PT90M" or "P1D".</summary>
    public static bool TryRelative(string text, out TimeSpan span)
    {
        span = TimeSpan.Zero;
        var m = Relative().Match(text);
        if (m.Success)
        {
            foreach (Capture part in m.Groups["part"].Captures)
            {
                var unit = part.Value[^1];
                if (!long.TryParse(part.Value.AsSpan(0, part.Value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000)
                {
                    return false;
                }

                span += char.ToLowerInvariant(unit) switch
                {
                    's' => TimeSpan.FromSeconds(n),
                    'm' => TimeSpan.FromMinutes(n),
                    'h' => TimeSpan.FromHours(n),
                    'd' => TimeSpan.FromDays(n),
                    _ => TimeSpan.FromDays(7 * n),
                };
            }

            return span > TimeSpan.Zero;
        }

        if (text.StartsWith('P') || text.StartsWith('p'))
        {
            try
            {
                span = System.Xml.XmlConvert.ToTimeSpan(text.ToUpperInvariant());
                return span > TimeSpan.Zero;
            }
            catch (FormatException)
            {
                return false;
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        return false;
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?:(?<part>\d{1,6}[smhdwSMHDW]))+$")]
    private static partial Regex Relative();

    // A date first: rejects things DateTimeOffset.TryParse would accept, such as "5" or "May".
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?\s*(Z|z|[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex LooksIso();
}
