using System.Globalization;

namespace HatchetMcp.Shaping;

/// <summary>Timestamps as compact UTC text; Hatchet's zero time ("0001-01-01") means "not yet".</summary>
public static class TimeText
{
    /// <summary>Hatchet sends <c>0001-01-01T00:00:00Z</c> for unset start/finish times on run details.</summary>
    public static DateTimeOffset? Meaningful(DateTimeOffset? value) =>
        value is { } v && v.Year > 1 ? v : null;

    /// <summary>"2026-11-24 03:33:47Z": seconds precision, always UTC.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"03:33:47.123": for log lines, where the date is in the header.</summary>
    public static string FormatClock(DateTimeOffset value) =>
        value.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 round-trip form for structured content.</summary>
    public static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Iso(DateTimeOffset? value) => value is { } v ? Iso(v) : null;

    /// <summary>
    /// ISO 8601 at full precision (Hatchet's log times carry microseconds). For times an agent passes back as an
    /// exclusive bound: cut to milliseconds, "until" would skip the lines between the cut and the real time.
    /// </summary>
    public static string IsoExact(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string? IsoExact(DateTimeOffset? value) => value is { } v ? IsoExact(v) : null;
}
