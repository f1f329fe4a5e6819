using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace HatchetMcp.Tests.Server;

/// <summary>The server's tools/list answer, read through a real client, as JSON for snapshots and contract checks.</summary>
public static class ToolCatalog
{
    public static readonly IReadOnlyList<string> ReadTools =
        ["whoami", "list_workflows", "get_workflow", "list_runs", "get_run", "get_run_logs", "search_logs", "list_workers", "get_worker", "get_queue_metrics", "list_rate_limits",
         "list_crons", "list_scheduled_runs", "list_events", "find_stuck_runs", "summarize_failures", "diagnose_run", "compare_runs"];

    public static readonly IReadOnlyList<string> WriteTools = ["trigger_workflow", "cancel_runs", "replay_runs", "pause_worker", "resume_worker", "pause_workflow", "resume_workflow"];

    public static async Task<IReadOnlyList<Tool>> ListAsync(McpClient client, CancellationToken cancellationToken)
    {
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
        return [.. tools.Select(tool => tool.ProtocolTool).OrderBy(tool => tool.Name, StringComparer.Ordinal)];
    }

    /// <summary>What a client sees of each tool, in a stable order: the golden snapshot's content.</summary>
    public static string Snapshot(IEnumerable<Tool> tools)
    {
        var array = new JsonArray();
        foreach (var tool in tools.OrderBy(tool => tool.Name, StringComparer.Ordinal))
        {
            var node = ToJson(tool);
            var entry = new JsonObject();
            foreach (var name in new[] { "name", "title", "description", "annotations", "inputSchema", "outputSchema" })
            {
                entry[name] = node[name]?.DeepClone();
            }

            array.Add(entry);
        }

        // Relaxed escaping keeps quotes and non-ASCII readable in the golden file's diffs.
        var options = new JsonSerializerOptions(McpJsonUtilities.DefaultOptions)
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        return new JsonObject { ["tools"] = array }.ToJsonString(options);
    }

    public static JsonObject ToJson(Tool tool) =>
        JsonSerializer.SerializeToNode(tool, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Tool)))!.AsObject();
}
