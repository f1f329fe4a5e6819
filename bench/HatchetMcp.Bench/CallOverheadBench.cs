using System.Diagnostics;
using System.Net.Http.Headers;

namespace HatchetMcp.Bench;

/// <summary>
/// Per-call time of list_runs and get_run through the MCP server (stdio, the real transport) beside the raw REST
/// call they make to the emulator. The difference is what the server adds: JSON-RPC, validation, shaping.
/// </summary>
internal static class CallOverheadBench
{
    public static async Task RunAsync(int calls)
    {
        await using var session = await StdioSession.StartAsync(ServerLocator.JitCommand());
        var emulator = session.Emulator;
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.Token);

        var since = Uri.EscapeDataString(emulator.Time.GetUtcNow().AddHours(-24).ToString("yyyy-MM-ddTHH:mm:ssZ"));
        var listPath = $"/api/v1/stable/tenants/{emulator.TenantId}/workflow-runs?since={since}&only_tasks=false&include_payloads=false&limit=50&offset=0";
        var runId = emulator.Facts.SampleDagRunId;
        var getPath = $"/api/v1/stable/workflow-runs/{runId}";

        var listArgs = new Dictionary<string, object?> { ["since"] = "24h", ["limit"] = 50 };
        var getArgs = new Dictionary<string, object?> { ["run_id"] = runId.ToString() };

        await ReportAsync("list_runs", calls,
            () => TimeAsync(() => http.GetStringAsync(listPath)),
            () => TimeAsync(() => session.Client.CallToolAsync("list_runs", listArgs).AsTask()));
        await ReportAsync("get_run", calls,
            () => TimeAsync(() => http.GetStringAsync(getPath)),
            () => TimeAsync(() => session.Client.CallToolAsync("get_run", getArgs).AsTask()));
    }

    private static async Task ReportAsync(string tool, int calls, Func<Task<double>> raw, Func<Task<double>> viaMcp)
    {
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
        Console.WriteLine($"{tool}: raw REST median {Stats.Ms(rawMedian)}, via MCP (stdio) median {Stats.Ms(mcpMedian)}, " +
                          $"overhead {Stats.Ms(mcpMedian - rawMedian)} ({calls} calls each, interleaved)");
    }

    private static async Task<double> TimeAsync(Func<Task> call)
    {
        var clock = Stopwatch.StartNew();
        await call();
        return clock.Elapsed.TotalMilliseconds;
    }
}
