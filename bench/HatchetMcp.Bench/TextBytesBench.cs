using System.Text;
using ModelContextProtocol.Protocol;

namespace HatchetMcp.Bench;

/// <summary>Bytes of text content each read tool answers on the default scenario: what an agent pays in tokens.</summary>
internal static class TextBytesBench
{
    public static async Task RunAsync()
    {
        await using var session = await StdioSession.StartAsync(ServerLocator.JitCommand());
        var facts = session.Emulator.Facts;
        var calls = new (string Tool, Dictionary<string, object?> Args)[]
        {
            ("whoami", new()),
            ("list_workflows", new()),
            ("list_runs", new() { ["since"] = "24h" }),
            ("list_runs", new() { ["since"] = "24h", ["statuses"] = new[] { "FAILED" } }),
            ("get_run", new() { ["run_id"] = facts.SampleDagRunId.ToString() }),
            ("get_run_logs", new() { ["run_id"] = facts.SampleDagRunId.ToString() }),
            ("list_workers", new()),
            ("get_queue_metrics", new()),
        };
        Console.WriteLine("text bytes per tool answer (default scenario):");
        foreach (var (tool, args) in calls)
        {
            var result = await session.Client.CallToolAsync(tool, args);
            var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
            var label = args.Count == 0 ? tool : $"{tool} {string.Join(' ', args.Select(a => $"{a.Key}={Show(a.Value)}"))}";
            Console.WriteLine($"  {label,-60} {Encoding.UTF8.GetByteCount(text),7} bytes{(result.IsError == true ? "  (tool error)" : "")}");
        }
    }

    private static string Show(object? value) => value is string[] items ? string.Join(',', items) : $"{value}";
}
