using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HatchetMcp.Emulator.Http;

/// <summary>
/// Writes instants as Go's time.Time does in JSON (RFC 3339 with trailing zeros trimmed, UTC as "Z"), so the zero
/// instant is "0001-01-01T00:00:00Z" exactly as Hatchet sends it for unset run start/finish times.
/// </summary>
internal sealed class GoTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.GetString();
        if (text is null || !WireTime.TryParseRfc3339(text, out DateTimeOffset value))
        {
            throw new JsonException("invalid date-time");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(WireTime.Format(value));
}

/// <summary>Parsing and formatting of wire date-times the way Hatchet's Go server does.</summary>
internal static class WireTime
{
    /// <summary>Go's zero time.Time, sent for unset run start and finish times.</summary>
    public static readonly DateTimeOffset Zero = new(1, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Postgres keeps microseconds, and Go trims trailing zeros (RFC3339Nano).</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>The instant as the wire shows it (microsecond precision), for comparisons with client-sent bounds.</summary>
    public static DateTimeOffset ToMicros(DateTimeOffset value) => value.AddTicks(-(value.UtcTicks % 10));

    /// <summary>RFC 3339 (any fraction length, "Z" or ±hh:mm offset), as Go's time.RFC3339Nano accepts.</summary>
    public static bool TryParseRfc3339(string text, out DateTimeOffset value)
    {
        value = default;
        // yyyy-MM-ddTHH:mm:ss is 19 characters; the rest is an optional fraction then the zone.
        if (text.Length < 20 || text[10] != 'T' && text[10] != 't')
        {
            return false;
        }

        int i = 19;
        string fraction = "";
        if (text[i] == '.')
        {
            int start = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }

            fraction = text[start..i];
        }

        string zone = text[i..];
        TimeSpan offset;
        if (zone is "Z" or "z")
        {
            offset = TimeSpan.Zero;
        }
        else if (zone.Length == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
                 int.TryParse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int hh) &&
                 int.TryParse(zone.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int mm) &&
                 hh < 24 && mm < 60)
        {
            offset = new TimeSpan(hh, mm, 0);
            if (zone[0] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        if (!DateTime.TryParseExact(text.AsSpan(0, 19), "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out DateTime local) &&
            !DateTime.TryParseExact(text.AsSpan(0, 19), "yyyy-MM-dd't'HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out local))
        {
            return false;
        }

        long ticks = 0;
        if (fraction.Length > 0)
        {
            string seven = fraction.Length >= 7 ? fraction[..7] : fraction.PadRight(7, '0');
            ticks = long.Parse(seven, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        try
        {
            value = new DateTimeOffset(local.AddTicks(ticks), offset).ToUniversalTime();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>oapi-codegen's date binding: RFC3339Nano first, then the date-only form (midnight UTC).</summary>
    public static bool TryParseQueryDate(string text, out DateTimeOffset value)
    {
        if (TryParseRfc3339(text, out value))
        {
            return true;
        }

        if (text.Length == 10 && DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime date))
        {
            value = new DateTimeOffset(date, TimeSpan.Zero);
            return true;
        }

        return false;
    }
}
