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
}
