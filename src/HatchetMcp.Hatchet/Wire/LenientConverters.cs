using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>
/// Reads Hatchet timestamps leniently: Go's zero time ("0001-01-01T00:00:00Z", sent for unset startedAt/finishedAt),
/// empty strings and unparseable values become null instead of failing the whole answer.
/// </summary>
internal sealed class HatchetTimestampConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (Lenient.SkipUnlessString(ref reader)) return null;
        // A time without an offset is read as UTC (as Hatchet means it), not in this machine's zone.
        if (reader.TryGetDateTimeOffset(out var parsed))
        {
            if (!HasOffset(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan))
                parsed = new DateTimeOffset(DateTime.SpecifyKind(parsed.DateTime, DateTimeKind.Unspecified), TimeSpan.Zero);
            return IsZero(parsed) ? null : parsed;
        }
        var text = reader.GetString();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out parsed))
            return IsZero(parsed) ? null : parsed;
        return null;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteStringValue(v.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
        else writer.WriteNullValue();
    }

    /// <summary>"Z" or "+hh:mm"/"-hh:mm" after the time of day (the date's own dashes come before the "T").</summary>
    private static bool HasOffset(ReadOnlySpan<byte> text)
    {
        var t = text.IndexOfAny((byte)'T', (byte)'t');
        if (t < 0) return false; // a bare date: midnight UTC
        var time = text[(t + 1)..];
        return time.IndexOfAny((byte)'Z', (byte)'z') >= 0 || time.IndexOfAny((byte)'+', (byte)'-') >= 0;
    }

    /// <summary>Go's time.Time{} marshals as year 1; nothing real happened then.</summary>
    private static bool IsZero(DateTimeOffset value) => value.UtcDateTime.Year <= 1;
}

/// <summary>Reads optional ids leniently: Hatchet sends "" for some unset ids, which would otherwise fail the answer.</summary>
internal sealed class HatchetOptionalGuidConverter : JsonConverter<Guid?>
{
    public override bool HandleNull => true;

    public override Guid? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (Lenient.SkipUnlessString(ref reader)) return null;
        return reader.TryGetGuid(out var id) ? id : Guid.TryParse(reader.GetString(), out id) ? id : null;
    }

    public override void Write(Utf8JsonWriter writer, Guid? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteStringValue(v);
        else writer.WriteNullValue();
    }
}

/// <summary>
/// Reads whole numbers (durations in ms, counts) leniently: a fractional number is rounded, a numeric string is read,
/// and null, an empty string or anything else becomes null. The contract says integer; a server that computes
/// milliseconds from timestamps may still send 1234.5, and that must not fail a whole page of runs.
/// </summary>
internal sealed class HatchetLenientInt64Converter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var whole)) return whole;
                return reader.TryGetDouble(out var real) ? Rounded(real) : null;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out whole)) return whole;
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out real) ? Rounded(real) : null;
            default:
                Lenient.SkipUnlessString(ref reader);
                return null;
        }
    }

    private static long? Rounded(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 9e18 ? (long)Math.Round(value, MidpointRounding.AwayFromZero) : null;

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteNumberValue(v);
        else writer.WriteNullValue();
    }
}

/// <summary>
/// Reads additionalMetadata as text pairs: string values as they are, any other value as its JSON text. Everything the
/// server does with metadata is text (filters are key:value, answers print key=value), and text pairs cost a fraction
/// of a JsonElement per value when a page of runs is parsed.
/// </summary>
internal sealed class HatchetMetadataConverter : JsonConverter<Dictionary<string, string>?>
{
    public override bool HandleNull => true;

    public override Dictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            if (reader.TokenType == JsonTokenType.StartArray) reader.Skip();
            return null;
        }

        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString() ?? string.Empty;
            reader.Read();
            pairs[key] = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString() ?? string.Empty,
                JsonTokenType.StartObject or JsonTokenType.StartArray => RawText(ref reader),
                _ => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
            };
        }
        return pairs;
    }

    public override void Write(Utf8JsonWriter writer, Dictionary<string, string>? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }
        writer.WriteStartObject();
        foreach (var (key, text) in value) writer.WriteString(key, text);
        writer.WriteEndObject();
    }

    private static string RawText(ref Utf8JsonReader reader)
    {
        using var nested = JsonDocument.ParseValue(ref reader);
        return nested.RootElement.GetRawText();
    }
}

/// <summary>What the lenient converters share.</summary>
internal static class Lenient
{
    /// <summary>True (after skipping an object or array whole) when the value is not a string: it then reads as null.</summary>
    public static bool SkipUnlessString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String) return false;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
        return true;
    }
}
