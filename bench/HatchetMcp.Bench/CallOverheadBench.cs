using System.Diagnostics;
using System.Net.Http.Headers;
using HatchetMcp.Emulator;
using HatchetMcp.Emulator.Hooks;

namespace HatchetMcp.Bench;

/// <summary>
/// Per-call time of list_runs and get_run through the MCP server (stdio, the real transport) beside the raw REST
/// calls the tool itself makes (read from the emulator's request log), replayed one after another with a plain
/// HttpClient. The difference is what the server adds: JSON-RPC, validation, the client's resilience pipeline, shaping.
/// </summary>
internal static class CallOverheadBench
{
    public static async Task RunAsync(int calls)
    {
        await using var session = await StdioSession.StartAsync(ServerLocator.JitCommand(), new EmulatorOptions { EnableTestHooks = true });
        var emulator = session.Emulator;
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.Token);

        await PingAsync(session, calls);
        await CompareAsync(session, http, "list_runs", new() { ["since"] = "24h", ["limit"] = 50 }, calls);
        await CompareAsync(session, http, "get_run", new() { ["run_id"] = emulator.Facts.SampleDagRunId.ToString() }, calls);
    }

    private static async Task CompareAsync(StdioSession session, HttpClient http, string tool, Dictionary<string, object?> args, int calls)
    {
        var hooks = session.Emulator.Hooks;
        hooks.ClearRequests();
        await session.Client.CallToolAsync(tool, args);
        var made = hooks.Requests;
        if (made.Any(r => r.Method != "GET"))
        {
            throw new InvalidOperationException($"{tool} made a write request; the raw baseline replays reads only");
        }

        Func<Task<double>> raw = () => TimeAsync(async () =>
        {
            foreach (var request in made)
            {
                await http.GetStringAsync(request.Query.Length == 0 ? request.Path : $"{request.Path}?{request.Query}");
            }
        });
        Func<Task<double>> viaMcp = () => TimeAsync(() => session.Client.CallToolAsync(tool, args).AsTask());

        for (var i = 0; i < 20; i++)
        {
            await raw();
            await viaMcp();
        }
        var rawSamples = new List<double>();
        var mcpSamples = new List<double>();
        for (var i = 0; i < calls; i++)
        {
            rawSamples.Add(await raw());
            mcpSamples.Add(await viaMcp());
        }
        var rawMedian = Stats.Median(rawSamples);
        var mcpMedian = Stats.Median(mcpSamples);
        Console.WriteLine($"{tool}: makes {made.Count} REST call(s) ({Describe(made)}); raw median {Stats.Ms(rawMedian)}, " +
                          $"via MCP (stdio) median {Stats.Ms(mcpMedian)}, overhead {Stats.Ms(mcpMedian - rawMedian)} " +
                          $"({calls} calls each, interleaved)");
    }

    // The floor: a JSON-RPC round trip over stdio with no Hatchet call behind it (ping is gone in protocol 2026-07-28).
    private static async Task PingAsync(StdioSession session, int calls)
    {
        var samples = new List<double>();
        for (var i = 0; i < calls + 20; i++)
        {
            var ms = await TimeAsync(() => session.Client.ListToolsAsync().AsTask());
            if (i >= 20)
            {
                samples.Add(ms);
            }
        }
        Console.WriteLine($"tools/list (a JSON-RPC round trip over stdio with no Hatchet call behind it): median {Stats.Ms(Stats.Median(samples))}");
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
