using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol.Protocol;

namespace HatchetMcp.Tools;

/// <summary>
/// Builds a tool answer: compact readable lines in <c>content</c> (what most clients show the model) and the full record
/// in <c>structuredContent</c> (validated by clients against the declared output schema).
/// </summary>
internal static class ToolResult
{
    public static CallToolResult Create<T>(string text, T record, JsonTypeInfo<T> typeInfo) => new()
    {
        Content = [new TextContentBlock { Text = text }],
        StructuredContent = JsonSerializer.SerializeToElement(record, typeInfo),
    };

    /// <summary>
    /// UTF-8 size of each row as structured content will carry it, so a list can be cut to the budget by rows: each
    /// row is serialized once here, never the whole answer again and again.
    /// </summary>
    public static int[] RowBytes<T>(IReadOnlyList<T> rows, JsonTypeInfo<T> typeInfo)
    {
        var sizes = new int[rows.Count];
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(buffer);
        for (var i = 0; i < rows.Count; i++)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            JsonSerializer.Serialize(writer, rows[i], typeInfo);
            writer.Flush();
            sizes[i] = buffer.WrittenCount;
        }

        return sizes;
    }
}
