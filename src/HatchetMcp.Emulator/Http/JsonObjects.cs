using System.Text.Json;

namespace HatchetMcp.Emulator.Http;

/// <summary>Small conversions of request JSON objects into model shapes.</summary>
internal static class JsonObjects
{
    /// <summary>
    /// An additionalMetadata object as string pairs: string values as they are, other values as their JSON text.
    /// Null or a non-object gives null.
    /// </summary>
    public static Dictionary<string, string>? StringMap(RawJson? json)
    {
        if (json is not { } raw || string.IsNullOrWhiteSpace(raw.Text))
        {
            return null;
        }

        using JsonDocument doc = JsonDocument.Parse(raw.Text);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty property in doc.RootElement.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : property.Value.GetRawText();
        }

        return map;
    }

    public static bool IsObject(RawJson? json) => json is { } raw && raw.Text.TrimStart().StartsWith('{');
}
