using System.Text;
using System.Text.Json;
using HatchetMcp.Emulator;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace HatchetMcp.Bench;

/// <summary>
/// What each tool costs on the default scenario: REST calls it made (the emulator's request log), bytes of text content
/// (what an agent reads), bytes of structured content, and bytes of its tools/list definition (paid by every session).
/// get_run is called twice: its first call may have to look up the workflow's name, a warm call should not.
/// </summary>
internal static class AnswersBench
{
    public static async Task RunAsync(ServerCommand server)
    {
        Console.WriteLine($"server: {server.Command} {string.Join(' ', server.Arguments)}");
        await using var session = await StdioSession.StartAsync(server, new EmulatorOptions { EnableTestHooks = true });
        var facts = session.Emulator.Facts;
        var hooks = session.Emulator.Hooks;
        var dagRun = facts.SampleDagRunId.ToString();

        var tools = await session.Client.ListToolsAsync();
        DefinitionCost.Print(tools);

        var calls = new (string Label, string Tool, Dictionary<string, object?> Args)[]
        {
            ("whoami", "whoami", new()),
            ("list_workflows", "list_workflows", new()),
            ("list_runs since=24h (first call)", "list_runs", new() { ["since"] = "24h" }),
            ("list_runs since=24h statuses=FAILED", "list_runs", new() { ["since"] = "24h", ["statuses"] = new[] { "FAILED" } }),
            ("list_runs workflow=<name> (by name)", "list_runs", new() { ["since"] = "24h", ["workflow"] = facts.FailingWorkflowName }),
            ("get_run <DAG run> (first call)", "get_run", new() { ["run_id"] = dagRun }),
            ("get_run <DAG run> (warm)", "get_run", new() { ["run_id"] = dagRun }),
            ("get_run <single-task run> (warm)", "get_run", new() { ["run_id"] = facts.SampleSingleTaskRunId.ToString() }),
            ("get_run_logs <DAG run>", "get_run_logs", new() { ["run_id"] = dagRun }),
            ("list_workers", "list_workers", new()),
            ("get_queue_metrics", "get_queue_metrics", new()),
            ("find_stuck_runs", "find_stuck_runs", new()),
        };
        Console.WriteLine("per call on the default scenario (reads only; REST calls counted in the emulator's request log):");
        Console.WriteLine($"  {"call",-40} {"REST",4} {"text B",7} {"struct B",8}");
        foreach (var (label, tool, args) in calls)
        {
            hooks.ClearRequests();
            var result = await session.Client.CallToolAsync(tool, args);
            var rest = hooks.Requests;
            var text = Encoding.UTF8.GetByteCount(string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
            var structured = result.StructuredContent is { } s ? Encoding.UTF8.GetByteCount(s.GetRawText()) : 0;
            Console.WriteLine($"  {label,-40} {rest.Count,4} {text,7} {structured,8}{(result.IsError == true ? "  (tool error)" : "")}" +
                              $"   {string.Join(", ", rest.Select(r => $"{r.Method} {Shorten(r.Path)}"))}");
        }
        var rss = ServerProcesses.PeakRssOfChild(server);
        Console.WriteLine(rss is { } mib
            ? $"server peak RSS after these calls: {mib:F1} MiB (VmHWM)"
            : "server peak RSS: the server process was not found among this process's children");
    }

    // Ids make the paths long and say nothing about the call's shape.
    private static string Shorten(string path) =>
        System.Text.RegularExpressions.Regex.Replace(path, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}");
}
