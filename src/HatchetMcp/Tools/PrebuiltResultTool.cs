using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>
/// A tool that builds its own <see cref="CallToolResult"/>, structured content included. The SDK (2.3.1) serialises a
/// tool's whole return value into a <c>JsonElement</c> whenever the tool declares an output schema, even when that value
/// is a <see cref="CallToolResult"/> it then passes on unchanged: a second serialisation of every answer, thrown away
/// (for a 50-run page, 22 KB on each call). The wrapped tool is therefore stripped of its output schema, which makes
/// the SDK skip that work, and this wrapper advertises the schema in <c>tools/list</c> as before.
/// </summary>
internal sealed class PrebuiltResultTool : DelegatingMcpServerTool
{
    private static readonly JsonTypeInfo<Tool> ToolJson =
        (JsonTypeInfo<Tool>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Tool));

    // The wrapper of each tool instance. The options that hold the tools may be built more than once (the HTTP transport
    // builds them per request): the tool registered in the container is the same instance each time, already stripped,
    // so it must get its first wrapper back rather than be taken for a tool without a schema.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<McpServerTool, PrebuiltResultTool> Wrappers = [];

    private readonly Tool _advertised;

    private PrebuiltResultTool(McpServerTool inner, Tool advertised) : base(inner) => _advertised = advertised;

    public override Tool ProtocolTool => _advertised;

    /// <summary>Wraps <paramref name="tool"/> when it declares an output schema; returns it unchanged otherwise.</summary>
    public static McpServerTool Wrap(McpServerTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        if (tool is PrebuiltResultTool)
        {
            return tool;
        }

        lock (Wrappers)
        {
            if (Wrappers.TryGetValue(tool, out var existing))
            {
                return existing;
            }

            if (tool.ProtocolTool.OutputSchema is null)
            {
                return tool;
            }

            var wrapper = Create(tool);
            Wrappers.Add(tool, wrapper);
            return wrapper;
        }
    }

    private static PrebuiltResultTool Create(McpServerTool tool)
    {

        // A copy through the SDK's own serialiser keeps every advertised field (name, title, schemas, annotations, meta).
        var advertised = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(tool.ProtocolTool, ToolJson), ToolJson)
                         ?? throw new InvalidOperationException($"Could not copy the description of tool '{tool.ProtocolTool.Name}'.");
        tool.ProtocolTool.OutputSchema = null;
        if (advertised.OutputSchema is { } schema)
        {
            advertised.OutputSchema = WithoutNullProperties(schema);
        }

        advertised.InputSchema = CompactInput(advertised.InputSchema);
        return new PrebuiltResultTool(tool, advertised);
    }

    /// <summary>
    /// Answers leave null properties out (ToolsJsonContext writes no nulls), so a property's schema need not admit null:
    /// <c>"type": ["string", "null"]</c> becomes <c>"type": "string"</c>, which every client reads in every definition
    /// it lists. Array items and map values keep their null: collections do write nulls. <c>"format": "uuid"</c> is
    /// dropped too (51 of them, 0.8 KB a full list): the fields are named as ids, and ids a model sends are checked by
    /// the tools, not by a schema format.
    /// </summary>
    internal static JsonElement WithoutNullProperties(JsonElement schema)
    {
        var node = JsonNode.Parse(schema.GetRawText())!;
        DropNull(node);
        return JsonSerializer.SerializeToElement(node, JsonNodeJson);
    }

    /// <summary>
    /// The input schema without what says nothing to a model: <c>"default": null</c> on every optional argument (leaving
    /// one out already means that), and null as an item of an array argument (no tool takes a null id, status or pair).
    /// An optional argument itself still admits null, which clients send for "not given".
    /// </summary>
    internal static JsonElement CompactInput(JsonElement schema)
    {
        var node = JsonNode.Parse(schema.GetRawText())!;
        if (node["properties"] is JsonObject properties)
        {
            foreach (var (_, property) in properties)
            {
                if (property is not JsonObject p)
                {
                    continue;
                }

                if (p.TryGetPropertyValue("default", out var value) && value is null)
                {
                    p.Remove("default");
                }

                if (p["items"] is JsonObject items && items["type"] is JsonArray { Count: 2 } types && types.Count(t => t?.GetValue<string>() == "null") == 1)
                {
                    items["type"] = types.First(t => t?.GetValue<string>() != "null")!.GetValue<string>();
                }
            }
        }

        return JsonSerializer.SerializeToElement(node, JsonNodeJson);
    }

    private static readonly JsonTypeInfo<JsonNode> JsonNodeJson =
        (JsonTypeInfo<JsonNode>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonNode));

    private static void DropNull(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["format"] is JsonValue format && format.GetValueKind() == JsonValueKind.String && format.GetValue<string>() == "uuid")
                {
                    obj.Remove("format");
                }

                if (obj["properties"] is JsonObject properties)
                {
                    foreach (var (_, property) in properties)
                    {
                        if (property is JsonObject p && p["type"] is JsonArray { Count: 2 } types &&
                            types.Count(t => t?.GetValue<string>() == "null") == 1)
                        {
                            p["type"] = types.First(t => t?.GetValue<string>() != "null")!.GetValue<string>();
                        }
                    }
                }

                foreach (var (_, child) in obj)
                {
                    DropNull(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    DropNull(child);
                }

                break;
        }
    }

    /// <summary>Replaces every tool of <paramref name="tools"/> that declares an output schema by its wrapper.</summary>
    public static void WrapAll(McpServerPrimitiveCollection<McpServerTool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        foreach (var tool in tools.ToList())
        {
            var wrapped = Wrap(tool);
            if (!ReferenceEquals(wrapped, tool))
            {
                tools.Remove(tool);
                tools.Add(wrapped);
            }
        }
    }
}
