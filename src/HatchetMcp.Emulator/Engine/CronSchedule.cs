using System.Globalization;

namespace HatchetMcp.Emulator.Engine;

/// <summary>
/// A standard five-field cron expression (minute hour day-of-month month day-of-week, UTC) supporting '*', numbers,
/// ranges 'a-b', steps '*/n' or 'a-b/n' and lists. Enough for the schedules Hatchet users write.
/// </summary>
public sealed class CronSchedule
{
    private readonly bool[] _minutes, _hours, _days, _months, _weekdays;
    private readonly bool _anyDay, _anyWeekday;

    private CronSchedule(bool[] minutes, bool[] hours, bool[] days, bool[] months, bool[] weekdays, bool anyDay, bool anyWeekday)
    {
        (_minutes, _hours, _days, _months, _weekdays, _anyDay, _anyWeekday) = (minutes, hours, days, months, weekdays, anyDay, anyWeekday);
    }

    public static bool TryParse(string expression, out CronSchedule schedule)
    {
        schedule = null!;
        var parts = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5) return false;
        if (!TryField(parts[0], 0, 59, out var mi) || !TryField(parts[1], 0, 23, out var h) ||
            !TryField(parts[2], 1, 31, out var d) || !TryField(parts[3], 1, 12, out var mo) ||
            !TryField(parts[4], 0, 7, out var w))
        {
            return false;
        }
        if (w[7]) w[0] = true; // 7 is Sunday too
        schedule = new CronSchedule(mi, h, d, mo, w, parts[2] == "*", parts[4] == "*");
        return true;
    }

    /// <summary>The first fire time strictly after <paramref name="after"/> (null if none within two years).</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        var t = new DateTime(after.UtcDateTime.Ticks - after.UtcDateTime.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc).AddMinutes(1);
        var limit = t.AddYears(2);
        while (t < limit)
        {
            if (!_months[t.Month]) { t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1); continue; }
            if (!DayMatches(t)) { t = t.Date.AddDays(1); continue; }
            if (!_hours[t.Hour]) { t = t.Date.AddHours(t.Hour + 1); continue; }
            if (!_minutes[t.Minute]) { t = t.AddMinutes(1); continue; }
            return new DateTimeOffset(t);
        }
        return null;
    }

    private bool DayMatches(DateTime t)
    {
        var dom = _days[t.Day];
        var dow = _weekdays[(int)t.DayOfWeek];
        // Classic cron: when both fields are restricted, either may match.
        if (_anyDay && _anyWeekday) return true;
        if (_anyDay) return dow;
        if (_anyWeekday) return dom;
        return dom || dow;
    }

    private static bool TryField(string field, int min, int max, out bool[] set)
    {
        set = new bool[max + 1];
        foreach (var item in field.Split(','))
        {
            var step = 1;
            var range = item;
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                if (!int.TryParse(item[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step <= 0) return false;
                range = item[..slash];
            }
            int lo, hi;
            if (range == "*") (lo, hi) = (min, max);
            else
            {
                var dash = range.IndexOf('-', StringComparison.Ordinal);
                if (dash >= 0)
                {
                    if (!int.TryParse(range[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out lo) ||
                        !int.TryParse(range[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out hi)) return false;
                }
                else
                {
                    if (!int.TryParse(range, NumberStyles.None, CultureInfo.InvariantCulture, out lo)) return false;
                    hi = slash >= 0 ? max : lo;
                }
            }
            if (lo < min || hi > max || lo > hi) return false;
            for (var v = lo; v <= hi; v += step) set[v] = true;
        }
        return true;
    }
}
