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
        await DefinitionCost.PrintPerModeAsync(server, session.Emulator);

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
        await DebuggingFlowAsync(session, facts);

        var rss = ServerProcesses.PeakRssOfChild(server);
        Console.WriteLine(rss is { } mib
            ? $"server peak RSS after these calls: {mib:F1} MiB (VmHWM)"
            : "server peak RSS: the server process was not found among this process's children");
    }

    /// <summary>
    /// The seed's debugging flow in two calls: list_runs of the failing workflow's failures in the last 12 hours, then
    /// diagnose_run of the most recent. Target: at most 4 KB of text naming the failing task, the attempt count, the error,
    /// the first ERROR log line and the version change. compare_runs of the same run follows (not part of the target).
    /// </summary>
    private static async Task DebuggingFlowAsync(StdioSession session, ScenarioFacts facts)
    {
        var hooks = session.Emulator.Hooks;
        Console.WriteLine("debugging flow: list_runs (failures of the failing workflow, 12h), then diagnose_run of the newest:");
        hooks.ClearRequests();
        var list = await session.Client.CallToolAsync("list_runs", new Dictionary<string, object?>
        {
            ["workflow"] = facts.FailingWorkflowName, ["statuses"] = new[] { "FAILED" }, ["since"] = "12h", ["limit"] = 5,
        });
        var listCalls = hooks.Requests.Count;
        var runId = list.StructuredContent?.GetProperty("runs")[0].GetProperty("id").GetString();
        foreach (var tool in new[] { "diagnose_run", "compare_runs" })
        {
            hooks.ClearRequests();
            var result = await session.Client.CallToolAsync(tool, new Dictionary<string, object?> { ["run_id"] = runId });
            var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
            var bytes = Encoding.UTF8.GetByteCount(text);
            var structured = result.StructuredContent is { } st ? Encoding.UTF8.GetByteCount(st.GetRawText()) : 0;
            Console.WriteLine($"  {tool,-14} REST {hooks.Requests.Count} (list_runs before it: {listCalls}), text {bytes} B, structured {structured} B" +
                              (tool == "diagnose_run" ? $" (target <= 4096 B text: {(bytes <= 4096 ? "met" : "NOT MET")})" : string.Empty));
            if (tool != "diagnose_run" || result.StructuredContent is not { } s)
            {
                continue;
            }

            var task = s.GetProperty("failingTasks")[0];
            var attempts = task.GetProperty("attempts").GetArrayLength();
            var firstError = s.TryGetProperty("log", out var log)
                ? log.GetProperty("lines").EnumerateArray().FirstOrDefault(l => l.GetProperty("level").GetString() == "ERROR")
                : default;
            var checks = new (string Fact, bool Found)[]
            {
                ("failing task", text.Contains($"task {task.GetProperty("name").GetString()}", StringComparison.Ordinal)),
                ("attempt count", text.Contains($"{attempts} attempts", StringComparison.Ordinal)),
                ("error", text.Contains(facts.FailingErrorSignature, StringComparison.Ordinal)),
                ("first ERROR log line", firstError.ValueKind == JsonValueKind.Object && text.Contains("ERROR ⟦" + firstError.GetProperty("message").GetString() + "⟧", StringComparison.Ordinal)),
                ("version change", text.Contains("Version change:", StringComparison.Ordinal) && text.Contains(facts.LastGoodVersionId.ToString(), StringComparison.Ordinal)
                                   && text.Contains(facts.FailingVersionId.ToString(), StringComparison.Ordinal)),
            };
            Console.WriteLine("    facts in the text: " + string.Join(", ", checks.Select(c => $"{c.Fact} {(c.Found ? "yes" : "NO")}")));
        }
    }

    // Ids make the paths long and say nothing about the call's shape.
    private static string Shorten(string path) =>
        System.Text.RegularExpressions.Regex.Replace(path, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}");
}
