using System.Diagnostics;
using System.Text;
using HatchetMcp.Emulator;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace HatchetMcp.Bench;

/// <summary>Seeding the emulator at scale: the issue's target is 100,000 runs in under 10 s and under 500 MB.</summary>
internal static class ScaleBench
{
    public static async Task RunAsync(ServerCommand server)
    {
        await SeedAsync();
        await StuckRunsAsync(server);
    }

    private static async Task SeedAsync()
    {
        const int runs = 100_000;
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scale = runs });
        var seconds = clock.Elapsed.TotalSeconds;
        var managedMb = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1024.0 / 1024.0;
        Console.WriteLine($"seed {runs:N0} runs: {seconds:F2} s to a listening emulator, " +
                          $"{managedMb:F0} MB managed heap retained, process working set {ProcessMemory.WorkingSetMb():F0} MB");
    }

    /// <summary>find_stuck_runs over 100,000 runs (target: 2 s), three calls on one server, each with its REST calls.</summary>
    private static async Task StuckRunsAsync(ServerCommand server)
    {
        const int runs = 100_000;
        await using var session = await StdioSession.StartAsync(server, new EmulatorOptions { Scale = runs, EnableTestHooks = true });
        var hooks = session.Emulator.Hooks;
        Console.WriteLine($"find_stuck_runs at {runs:N0} runs (server: {server.Command} {string.Join(' ', server.Arguments)}):");
        for (var i = 1; i <= 3; i++)
        {
            hooks.ClearRequests();
            var clock = Stopwatch.StartNew();
            var result = await session.Client.CallToolAsync("find_stuck_runs", new Dictionary<string, object?>());
            var ms = clock.Elapsed.TotalMilliseconds;
            var rest = hooks.Requests;
            var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
            Console.WriteLine($"  call {i}: {ms,7:F0} ms, {rest.Count} REST calls, {Encoding.UTF8.GetByteCount(text)} B text{(result.IsError == true ? " (tool error)" : "")}");
            Console.WriteLine("    " + string.Join(", ", rest.GroupBy(r => Kind(r.Path)).Select(g => $"{g.Key} x{g.Count()}")));
            if (i == 1)
            {
                Console.WriteLine("    " + text.Split('\n')[0]);
            }
        }
    }

    private static string Kind(string path)
    {
        var parts = path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('/', parts.Select(p => Guid.TryParse(p, out _) ? "{id}" : p).Skip(2));
    }
}
