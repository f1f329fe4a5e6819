using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace HatchetMcp.Bench;

/// <summary>
/// What each tool's tools/list entry costs, split the way clients spend it: the model-facing part (name, title,
/// description, input schema, annotations), which agents put in the model's context, and the output schema, which
/// clients use to check structured content. Targets of issue 9: averages of at most 1.2 KB and 1.5 KB.
/// </summary>
internal static class DefinitionCost
{
    private const int ModelFacingTarget = 1200;
    private const int OutputSchemaTarget = 1500;

    public static void Print(IList<McpClientTool> tools)
    {
        Console.WriteLine("tools/list, bytes of each tool's definition (JSON as sent): whole entry, model-facing part, output schema");
        int whole = 0, modelFacing = 0, output = 0;
        foreach (var tool in tools)
        {
            var entry = JsonSerializer.SerializeToNode(tool.ProtocolTool, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Tool)))!.AsObject();
            var outputSchema = entry["outputSchema"];
            var outputBytes = outputSchema is null ? 0 : Bytes(outputSchema);
            var entryBytes = Bytes(entry);
            entry.Remove("outputSchema");
            var modelBytes = Bytes(entry);
            whole += entryBytes;
            modelFacing += modelBytes;
            output += outputBytes;
            Console.WriteLine($"  {tool.Name,-20} {entryBytes,6} {modelBytes,6} {outputBytes,6}");
        }
        Console.WriteLine($"  {"total",-20} {whole,6} {modelFacing,6} {output,6}  ({tools.Count} tools)");
        if (tools.Count == 0)
        {
            return;
        }
        Console.WriteLine($"  average per tool: model-facing {modelFacing / tools.Count} bytes (target <= {ModelFacingTarget}), " +
                          $"output schema {output / tools.Count} bytes (target <= {OutputSchemaTarget})");
    }

    /// <summary>The modes a tools/list is measured in: the variables set for each (the bench's default lists all).</summary>
    private static readonly (string Mode, Dictionary<string, string?> Environment)[] Modes =
    [
        ("default (no toolsets chosen)", new() { ["HATCHET_MCP_TOOLSETS"] = null }),
        ("all (--toolsets all)", new() { ["HATCHET_MCP_TOOLSETS"] = "all" }),
        ("read-only (--read-only, default toolsets)", new() { ["HATCHET_MCP_TOOLSETS"] = null, ["HATCHET_MCP_READ_ONLY"] = "true" }),
        ("read-only, all toolsets", new() { ["HATCHET_MCP_TOOLSETS"] = "all", ["HATCHET_MCP_READ_ONLY"] = "true" }),
    ];

    /// <summary>
    /// The whole tools/list answer (the result object as sent) per mode, each from its own server process.
    /// Target of issue 10: the default at most 24 KB.
    /// </summary>
    public static async Task PrintPerModeAsync(ServerCommand server, HatchetMcp.Emulator.HatchetEmulator emulator)
    {
        Console.WriteLine("tools/list, bytes of the whole answer per mode (target: default <= 24,000):");
        foreach (var (mode, environment) in Modes)
        {
            await using var session = await StdioSession.StartAsync(server, emulator, environment);
            var tools = await session.Client.ListToolsAsync();
            var answer = new ListToolsResult { Tools = [.. tools.Select(tool => tool.ProtocolTool)] };
            var bytes = JsonSerializer.SerializeToUtf8Bytes(answer, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ListToolsResult))).Length;
            Console.WriteLine($"  {mode,-44} {bytes,7:N0} B  {tools.Count,2} tools: {string.Join(", ", tools.Select(t => t.Name))}");
        }
    }

    private static int Bytes(JsonNode node) => System.Text.Encoding.UTF8.GetByteCount(node.ToJsonString(McpJsonUtilities.DefaultOptions));
}
