using System.Diagnostics;
using System.Net.Http.Headers;
using HatchetMcp.Emulator;
using HatchetMcp.Hatchet;

namespace HatchetMcp.Bench;

/// <summary>
/// Splits the per-call overhead: the typed client (resilience pipeline, source-generated parsing) against a plain
/// HttpClient reading the same answer as a string, in this process, with no MCP in between.
/// </summary>
internal static class ClientBench
{
    public static async Task RunAsync(int calls, int warmup)
    {
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions());
        var env = new Dictionary<string, string?>
        {
            ["HATCHET_CLIENT_TOKEN"] = emulator.Token,
            ["HATCHET_API_BASE"] = emulator.BaseUrl.ToString(),
        };
        var settings = HatchetSettings.FromEnvironment(env, TimeProvider.System).Settings
                       ?? throw new InvalidOperationException("the emulator's token did not make usable settings");
        using var typed = HatchetClient.Create(settings, new SocketsHttpHandler());
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.Token);

        var since = emulator.Time.GetUtcNow().AddHours(-24);
        var query = new RunListQuery { Since = since, Limit = 50 };
        var path = $"/api/v1/stable/tenants/{emulator.TenantId}/workflow-runs?since={Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"))}&only_tasks=false&include_payloads=false&limit=50&offset=0";

        var rawSamples = new List<double>();
        var typedSamples = new List<double>();
        for (var i = 0; i < calls + warmup; i++)
        {
            var raw = await TimeAsync(() => http.GetStringAsync(path));
            var viaClient = await TimeAsync(() => typed.ListRunsAsync(query, CancellationToken.None));
            if (i >= warmup)
            {
                rawSamples.Add(raw);
                typedSamples.Add(viaClient);
            }
        }
        Console.WriteLine($"runs list (50 rows) in-process: plain HttpClient string median {Stats.Ms(Stats.Median(rawSamples))}, " +
                          $"typed client (resilience + parsing) median {Stats.Ms(Stats.Median(typedSamples))} ({calls} calls each after {warmup} warm-up calls)");
    }

    private static async Task<double> TimeAsync(Func<Task> call)
    {
        var clock = Stopwatch.StartNew();
        await call();
        return clock.Elapsed.TotalMilliseconds;
    }
}
