using System.Text.Json;
using System.Text.Json.Serialization;

namespace HatchetMcp.Emulator.Http;

/// <summary>
/// A JSON value already in text form (a stored payload or metadata object), written verbatim so that large
/// payloads are not re-parsed on every response.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
internal readonly record struct RawJson(string Text)
{
    public static readonly RawJson EmptyObject = new("{}");

    /// <summary>The stored text, or {} when it is null, blank or not an object (Hatchet's NonNullableJSON).</summary>
    public static RawJson ObjectOrEmpty(string? text) =>
        string.IsNullOrWhiteSpace(text) || text.TrimStart()[0] != '{' ? EmptyObject : new RawJson(text);

    public static RawJson From(JsonElement element) => new(element.GetRawText());
}

internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using JsonDocument doc = JsonDocument.ParseValue(ref reader);
        return new RawJson(doc.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Text ?? "{}", skipInputValidation: true);
}
