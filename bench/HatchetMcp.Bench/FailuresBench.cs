using System.Diagnostics;
using System.Text;
using HatchetMcp.Emulator;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace HatchetMcp.Bench;

/// <summary>
/// summarize_failures: text bytes over 24h of the default scenario (target ≤ 3 KB), then over a 100,000-run emulator
/// (targets: ≤ 5 s for the call, ≤ 150 MB peak working set of the server process), with the REST calls it made (the
/// emulator's request log). Each run starts a fresh server process; the scale emulator is seeded once.
/// </summary>
internal static class FailuresBench
{
    public static async Task RunAsync(ServerCommand server, int runs, int scale)
    {
        Console.WriteLine($"server: {server.Command} {string.Join(' ', server.Arguments)}");
        await using (var session = await StdioSession.StartAsync(server, new EmulatorOptions { EnableTestHooks = true }))
        {
            session.Emulator.Hooks.ClearRequests();
            var (text, structured, _) = await CallAsync(session.Client);
            Console.WriteLine($"default scenario, summarize_failures (24h): {session.Emulator.Hooks.Requests.Count} REST calls, " +
                              $"text {Encoding.UTF8.GetByteCount(text):N0} B (target ≤ 3,072), structured {structured:N0} B");
            Console.WriteLine(string.Join('\n', text.Split('\n').Select(l => "  | " + l)));
        }

        var seeding = Stopwatch.StartNew();
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scale = scale, EnableTestHooks = true });
        Console.WriteLine($"emulator seeded with {scale:N0} runs in {seeding.Elapsed.TotalSeconds:F1} s");
        for (var run = 1; run <= runs; run++)
        {
            await using var session = await StdioSession.StartAsync(server, emulator);
            await session.Client.ListToolsAsync(); // the process is up and answering before the clock starts
            emulator.Hooks.ClearRequests();
            var clock = Stopwatch.StartNew();
            var (text, structured, isError) = await CallAsync(session.Client);
            var seconds = clock.Elapsed.TotalSeconds;
            var requests = emulator.Hooks.Requests;
            var rss = ServerProcesses.PeakRssOfChild(server);
            Console.WriteLine($"run {run}: {scale:N0} runs, summarize_failures (24h, first call on a fresh server) {seconds:F2} s (target ≤ 5), " +
                              $"server peak working set {rss:F1} MiB (target ≤ 150), {requests.Count} REST calls " +
                              $"({requests.Count(r => r.Path.EndsWith("/workflow-runs", StringComparison.Ordinal))} run lists), " +
                              $"text {Encoding.UTF8.GetByteCount(text):N0} B, structured {structured:N0} B{(isError ? " (tool error)" : "")}");
            if (run == 1)
            {
                Console.WriteLine("  " + text.Split('\n')[0]);
            }
        }
    }

    private static async Task<(string Text, int StructuredBytes, bool IsError)> CallAsync(McpClient client)
    {
        var result = await client.CallToolAsync("summarize_failures", new Dictionary<string, object?> { ["since"] = "24h" });
        var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
        var structured = result.StructuredContent is { } s ? Encoding.UTF8.GetByteCount(s.GetRawText()) : 0;
        return (text, structured, result.IsError == true);
    }
}
