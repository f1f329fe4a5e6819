using System.Globalization;

namespace HatchetMcp.Shaping;

/// <summary>Short human durations and ages ("850ms", "4.2s", "1m 23s", "2h 5m", "3d 4h", "5m ago").</summary>
public static class DurationText
{
    /// <summary>Two units at most: enough to compare runs at a glance without the noise of exact milliseconds.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            return "-" + Format(duration.Negate());
        }

        if (duration.TotalSeconds < 1)
        {
            return ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        }

        if (duration.TotalSeconds < 10)
        {
            // One decimal, truncated, so 9.99s never reads as "10.0s".
            var tenths = Math.Floor(duration.TotalSeconds * 10) / 10;
            return tenths.ToString("0.0", CultureInfo.InvariantCulture) + "s";
        }

        if (duration.TotalMinutes < 1)
        {
            return ((long)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        }

        if (duration.TotalHours < 1)
        {
            return Pair((long)duration.TotalMinutes, "m", duration.Seconds, "s");
        }

        if (duration.TotalDays < 1)
        {
            return Pair((long)duration.TotalHours, "h", duration.Minutes, "m");
        }

        return Pair((long)duration.TotalDays, "d", duration.Hours, "h");
    }

    /// <summary>Formats milliseconds as reported by Hatchet's <c>duration</c> fields.</summary>
    public static string FromMilliseconds(long milliseconds) => Format(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>"12s ago", "3m 10s ago", "in 5m" for a time relative to <paramref name="now"/>.</summary>
    public static string Age(DateTimeOffset at, DateTimeOffset now)
    {
        var delta = now - at;
        if (delta >= TimeSpan.Zero)
        {
            return delta.TotalSeconds < 1 ? "just now" : Format(delta) + " ago";
        }

        return "in " + Format(delta.Negate());
    }

    private static string Pair(long major, string majorUnit, int minor, string minorUnit) =>
        minor == 0
            ? major.ToString(CultureInfo.InvariantCulture) + majorUnit
            : string.Create(CultureInfo.InvariantCulture, $"{major}{majorUnit} {minor}{minorUnit}");
}
