// Benchmarks for hatchet-mcp, run on demand (never in CI: the machines are noisy).
//   dotnet run -c Release --project bench/HatchetMcp.Bench -- [all|answers|startup|coldstart|calls|client|scale|failures|aot|http] [--runs N]
//   failures: summarize_failures on the default scenario (text bytes) and at --scale N runs (default 100,000): time,
//   server peak working set and REST calls, --runs N times (default 3), each on a fresh server.
//   answers: REST calls, text bytes and structured bytes per tool call, tools/list bytes per tool; takes --server PATH.
//   startup: cold start and peak RSS of what 'dotnet dnx HatchetMcp' runs on linux-x64 (the packed Native AOT binary,
//   alone and through dnx) beside a TypeScript MCP server (bench/HatchetMcp.Bench/ts-standin, after npm ci there) and
//   the JIT build, alternated; --feed DIR reuses packages 'dotnet pack' made, otherwise it packs first (minutes).
//   coldstart and calls take --server PATH; client takes --warmup N (default 1000); calls also takes --warmup N (calls per tool on the fresh server before timing, default 20), --client-warmup N
//   (rounds that warm this measuring process against a throw-away server first, default 1000) and --server PATH (a
//   published binary, e.g. the Native AOT one the aot section leaves in /tmp/hatchet-mcp-aot/hatchet-mcp; default the
//   JIT build), and --page-sizes 1,10,25 (extra list_runs probes with those limits, to see the overhead grow with the
//   answer).
//   http: serve-http under load (issue 11's targets): an emulator process and two serve-http replicas on loopback, MCP
//   clients over Streamable HTTP from this process with a fixed mix of reads; one client alone, then --clients N (default
//   32) on one replica, then on two (each client's requests alternating between them); --seconds N per phase (default
//   30), --warmup-seconds N per replica first (default 5); takes --server PATH. Prints calls/s, p50/p99, errors, peak
//   working set per replica, CPU per process, and a verdict per target.
// Every figure is printed with how it was obtained; medians over repeated runs.
using System.Diagnostics;
using HatchetMcp.Bench;

var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var runs = BenchArgs.IntOption(args, "--runs", 20);

var sections = new Dictionary<string, Func<Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["coldstart"] = () => ColdStartBench.RunAsync(ServerLocator.FromArgs(args), args.Contains("--server") ? "the given binary" : "JIT (dotnet hatchet-mcp.dll)", runs),
    ["calls"] = () => CallOverheadBench.RunAsync(ServerLocator.FromArgs(args), runs * 10, BenchArgs.IntOption(args, "--warmup", 20), BenchArgs.IntOption(args, "--client-warmup", 1000), BenchArgs.IntListOption(args, "--page-sizes")),
    ["client"] = () => ClientBench.RunAsync(runs * 10, BenchArgs.IntOption(args, "--warmup", 1000)),
    ["answers"] = () => AnswersBench.RunAsync(ServerLocator.FromArgs(args)),
    ["bytes"] = () => AnswersBench.RunAsync(ServerLocator.FromArgs(args)),
    ["startup"] = () => StartupBench.RunAsync(BenchArgs.StringOption(args, "--feed"), runs),
    ["scale"] = () => ScaleBench.RunAsync(ServerLocator.FromArgs(args)),
    ["failures"] = () => FailuresBench.RunAsync(ServerLocator.FromArgs(args), BenchArgs.IntOption(args, "--runs", 3), BenchArgs.IntOption(args, "--scale", 100_000)),
    ["aot"] = () => AotBench.RunAsync(runs),
    ["http"] = () => HttpLoadBench.RunAsync(ServerLocator.FromArgs(args), BenchArgs.IntOption(args, "--seconds", 30),
        BenchArgs.IntOption(args, "--clients", 32), BenchArgs.IntOption(args, "--warmup-seconds", 5)),
};

if (what == "all")
{
    foreach (var name in new[] { "answers", "coldstart", "calls", "client", "scale" })
    {
        await sections[name]();
    }
    Console.WriteLine("(the Native AOT figures need a pack or publish of a minute or more: run 'startup' or 'aot' on its own)");
    return 0;
}

if (!sections.TryGetValue(what, out var section))
{
    Console.Error.WriteLine($"unknown section '{what}'; use one of: all, {string.Join(", ", sections.Keys)}");
    return 2;
}

var total = Stopwatch.StartNew();
await section();
Console.Error.WriteLine($"({what} took {total.Elapsed.TotalSeconds:F1} s)");
return 0;
