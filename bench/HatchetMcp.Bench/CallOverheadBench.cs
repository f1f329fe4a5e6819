using System.Diagnostics;
using System.Net.Http.Headers;
using HatchetMcp.Emulator;
using HatchetMcp.Emulator.Hooks;

namespace HatchetMcp.Bench;

/// <summary>
/// Per-call time of list_runs and get_run through the MCP server over stdio (the real transport) beside the raw REST
/// calls the tool itself makes (read from the emulator's request log), replayed with a plain HttpClient.
///
/// This process is the measuring side (MCP client, raw HttpClient, emulator) and runs on the JIT too, so it is first
/// warmed against a throw-away server process; otherwise its own tier-0 code (parsing the answers) would be counted as
/// the server's overhead. Then a fresh server process is started and measured: its first call of each tool, and the
/// median over many calls after a short warm-up, interleaved with the raw calls so noise hits both alike.
/// </summary>
internal static class CallOverheadBench
{
    private sealed record Probe(string Tool, Dictionary<string, object?> Arguments, string? Name = null)
    {
        public string Label => Name ?? Tool;
    }

    /// <param name="pageSizes">Extra list_runs probes with these limits, to see how the overhead grows with the answer.</param>
    public static async Task RunAsync(ServerCommand server, int calls, int warmup, int clientWarmup, IReadOnlyList<int> pageSizes)
    {
        Console.WriteLine($"server: {server.Command} {string.Join(' ', server.Arguments)}");
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { EnableTestHooks = true });
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.Token);
        Probe[] probes =
        [
            new("list_runs", new() { ["since"] = "24h", ["limit"] = 50 }),
            new("get_run", new() { ["run_id"] = emulator.Facts.SampleDagRunId.ToString() }),
            .. pageSizes.Select(size => new Probe("list_runs", new() { ["since"] = "24h", ["limit"] = size }, $"list_runs limit={size}")),
        ];
        // A tools/call the server answers without calling Hatchet (the argument check fails): the JSON-RPC floor.
        var floor = new Probe("get_run", new() { ["run_id"] = "not-a-uuid" });

        var replays = new Dictionary<string, Func<Task>>();
        await using (var throwaway = await StdioSession.StartAsync(server, emulator))
        {
            foreach (var probe in probes)
            {
                replays[probe.Label] = await RawReplayAsync(throwaway, http, probe);
            }
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < clientWarmup; i++)
            {
                foreach (var probe in probes)
                {
                    await replays[probe.Label]();
                    await throwaway.Client.CallToolAsync(probe.Tool, probe.Arguments);
                }
                await throwaway.Client.CallToolAsync(floor.Tool, floor.Arguments);
            }
            Console.WriteLine($"measuring side warmed with {clientWarmup} rounds against a throw-away server ({clock.Elapsed.TotalSeconds:F1} s)");
        }

        await using var session = await StdioSession.StartAsync(server, emulator);
        Console.WriteLine($"fresh server process; {warmup} warm-up calls per tool, then {calls} timed calls each");
        foreach (var probe in probes.Append(floor))
        {
            var first = await TimeAsync(() => session.Client.CallToolAsync(probe.Tool, probe.Arguments).AsTask());
            var label = probe == floor ? "tools/call answered without Hatchet (bad run_id)" : probe.Label;
            Console.WriteLine($"{label}: first call on the fresh server {Stats.Ms(first)}");
        }

        await MeasureFloorAsync(session, floor, calls, warmup);
        foreach (var probe in probes)
        {
            await CompareAsync(session, replays[probe.Label], probe, calls, warmup);
        }
    }

    /// <summary>Runs the tool once and returns a replay of the exact REST calls it made (reads only).</summary>
    private static async Task<Func<Task>> RawReplayAsync(StdioSession session, HttpClient http, Probe probe)
    {
        var hooks = session.Emulator.Hooks;
        hooks.ClearRequests();
        await session.Client.CallToolAsync(probe.Tool, probe.Arguments);
        var made = hooks.Requests;
        if (made.Any(r => r.Method != "GET"))
        {
            throw new InvalidOperationException($"{probe.Tool} made a write request; the raw baseline replays reads only");
        }
        Console.WriteLine($"{probe.Label} makes {made.Count} REST call(s): {Describe(made)}");
        var paths = made.Select(r => r.Query.Length == 0 ? r.Path : $"{r.Path}?{r.Query}").ToList();
        return async () =>
        {
            foreach (var path in paths)
            {
                await http.GetStringAsync(path);
            }
        };
    }

    private static async Task CompareAsync(StdioSession session, Func<Task> raw, Probe probe, int calls, int warmup)
    {
        Func<Task> viaMcp = () => session.Client.CallToolAsync(probe.Tool, probe.Arguments).AsTask();
        for (var i = 0; i < warmup; i++)
        {
            await raw();
            await viaMcp();
        }
        var rawSamples = new List<double>();
        var mcpSamples = new List<double>();
        for (var i = 0; i < calls; i++)
        {
            rawSamples.Add(await TimeAsync(raw));
            mcpSamples.Add(await TimeAsync(viaMcp));
        }
        var rawMedian = Stats.Median(rawSamples);
        var mcpMedian = Stats.Median(mcpSamples);
        Console.WriteLine($"{probe.Label}: raw REST median {Stats.Ms(rawMedian)}, via MCP (stdio) median {Stats.Ms(mcpMedian)}, " +
                          $"overhead {Stats.Ms(mcpMedian - rawMedian)}; p90 raw {Stats.Ms(Stats.Percentile(rawSamples, 0.9))}, " +
                          $"via MCP {Stats.Ms(Stats.Percentile(mcpSamples, 0.9))} ({calls} calls each, interleaved)");
    }

    private static async Task MeasureFloorAsync(StdioSession session, Probe floor, int calls, int warmup)
    {
        var samples = new List<double>();
        for (var i = 0; i < calls + warmup; i++)
        {
            var ms = await TimeAsync(() => session.Client.CallToolAsync(floor.Tool, floor.Arguments).AsTask());
            if (i >= warmup)
            {
                samples.Add(ms);
            }
        }
        Console.WriteLine($"tools/call answered without Hatchet (the JSON-RPC round trip over stdio): median {Stats.Ms(Stats.Median(samples))}");
    }

    private static string Describe(IReadOnlyList<RecordedRequest> made) =>
        string.Join(", ", made.Select(r => $"{r.Method} {r.Path}"));

    private static async Task<double> TimeAsync(Func<Task> call)
    {
        var clock = Stopwatch.StartNew();
        await call();
        return clock.Elapsed.TotalMilliseconds;
    }
}
