using System.Buffers;
using System.Text.Json;
using HatchetMcp.Hatchet;
using ModelContextProtocol.Protocol;

namespace HatchetMcp.Tools;

/// <summary>
/// The last step of every tool answer: the token, whole or in part, is removed from its text and from every string
/// (and property name) of its structured content, whatever path the text took to get there (an error body Hatchet or a
/// proxy echoed, a log line, an argument echoed back).
/// </summary>
internal static class SecretScrubbing
{
    public static CallToolResult Scrub(CallToolResult result, SecretScrubber scrubber)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(scrubber);
        foreach (var block in result.Content.OfType<TextContentBlock>())
        {
            block.Text = scrubber.Scrub(block.Text);
        }

        // Base64url characters are never escaped in JSON, so a secret in any string shows in the raw text as is.
        if (result.StructuredContent is { } structured && scrubber.Finds(structured.GetRawText()))
        {
            result.StructuredContent = Rewrite(structured, scrubber);
        }

        return result;
    }

    private static JsonElement Rewrite(JsonElement element, SecretScrubber scrubber)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, element, scrubber);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, SecretScrubber scrubber)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(scrubber.Scrub(property.Name));
                    Write(writer, property.Value, scrubber);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, scrubber);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(scrubber.Scrub(element.GetString()!));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
