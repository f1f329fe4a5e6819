using System.Diagnostics;
using System.Text.Json.Nodes;
using HatchetMcp.Emulator;

namespace HatchetMcp.Bench;

/// <summary>
/// Time from process start to the answer of the first tools/list, speaking JSON-RPC lines over stdio
/// exactly as a client does (initialize, notifications/initialized, tools/list).
/// </summary>
internal static class ColdStartBench
{
    public static async Task RunAsync(ServerCommand server, string label, int runs)
    {
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scenario = "empty" });
        var samples = new List<double>();
        var toolCount = 0;
        await MeasureOnceAsync(server, emulator); // warm the disk cache; not counted
        for (var i = 0; i < runs; i++)
        {
            var (ms, tools, _) = await MeasureOnceAsync(server, emulator);
            samples.Add(ms);
            toolCount = tools;
        }
        Console.WriteLine($"cold start to first tools/list answer, {label}: median {Stats.Ms(Stats.Median(samples))}, " +
                          $"p90 {Stats.Ms(Stats.Percentile(samples, 0.9))}, {runs} runs, {toolCount} tools listed");
    }

    /// <param name="serverMarker">Text in the server process's command line, to find it under a launcher (dnx) and read its
    /// peak RSS once it has answered; null reads nothing.</param>
    public static async Task<(double Ms, int Tools, double? PeakRssMib)> MeasureOnceAsync(ServerCommand server, HatchetEmulator emulator, string? serverMarker = null)
    {
        var psi = new ProcessStartInfo(server.Command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in server.Arguments)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["HATCHET_CLIENT_TOKEN"] = emulator.Token;
        psi.Environment["HATCHET_API_BASE"] = emulator.BaseUrl.ToString();

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the server");
        _ = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteLineAsync(
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}""");
        await process.StandardInput.FlushAsync();
        await ReadAnswerAsync(process, 1);
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");
        await process.StandardInput.FlushAsync();
        var answer = await ReadAnswerAsync(process, 2);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var serverPid = serverMarker is null ? null : ServerProcesses.FindServer(process.Id, serverMarker);
        var peakRss = serverPid is { } pid ? ServerProcesses.PeakRssMib(pid) : null;
        process.StandardInput.Close();
        if (!process.WaitForExit(10_000))
        {
            process.Kill(entireProcessTree: true);
        }
        return (elapsed, answer["result"]?["tools"]?.AsArray().Count ?? 0, peakRss);
    }

    private static async Task<JsonNode> ReadAnswerAsync(Process process, int id)
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            var node = JsonNode.Parse(line) ?? throw new InvalidOperationException("empty line on stdout");
            if (node["id"]?.GetValue<int>() == id)
            {
                return node;
            }
        }
        throw new InvalidOperationException($"the server closed stdout before answering request {id}");
    }
}
