using System.Diagnostics;
using System.IO.Compression;
using HatchetMcp.Emulator;

namespace HatchetMcp.Bench;

/// <summary>
/// Cold start to the first tools/list answer, and the server's peak RSS at that moment, of what users actually launch:
/// the Native AOT binary of the HatchetMcp.linux-x64 package (alone, and through 'dotnet dnx', which also queries its
/// feeds on every launch), beside a TypeScript MCP server on node and the JIT build. Runs are alternated across the
/// servers so machine noise hits all alike; each server gets one uncounted warm-up run (disk cache, dnx's extraction).
/// </summary>
internal static class StartupBench
{
    private sealed record Contender(string Label, ServerCommand Command, string Marker);

    /// <param name="feed">A folder with the packages 'dotnet pack' made; null packs them now (several minutes).</param>
    public static async Task RunAsync(string? feed, int runs)
    {
        if (!OperatingSystem.IsLinux())
        {
            Console.WriteLine("startup: the native package is linux-x64 only; run this section on linux-x64");
            return;
        }
        var root = ServerLocator.RepositoryRoot();
        feed ??= await PackAsync(root);
        var version = PackageVersion(feed);
        var native = ExtractNativeBinary(feed, version);
        var contenders = new List<Contender>
        {
            new("native binary from HatchetMcp.linux-x64", new ServerCommand(native, []), native),
            new("dotnet dnx HatchetMcp (linux-x64 package)",
                new ServerCommand("dotnet", ["dnx", "--add-source", feed, $"HatchetMcp@{version}", "--yes"]), "tools/any/linux-x64/hatchet-mcp"),
        };
        var standIn = Path.Combine(root, "bench", "HatchetMcp.Bench", "ts-standin");
        if (Directory.Exists(Path.Combine(standIn, "node_modules")))
        {
            contenders.Add(new("TypeScript stand-in (node, official TS SDK, 10 tools)",
                new ServerCommand("node", [Path.Combine(standIn, "server.mjs")]), "server.mjs"));
        }
        else
        {
            Console.WriteLine($"TypeScript stand-in not installed: run 'npm ci --prefix {standIn}' to compare with it");
        }
        var jit = ServerLocator.JitCommand();
        contenders.Add(new("JIT build (dotnet hatchet-mcp.dll)", jit, jit.Arguments[^1]));

        Console.WriteLine($"packages: {feed} (version {version}); {runs} runs per server, alternated");
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scenario = "empty" });
        var samples = contenders.ToDictionary(c => c, _ => new List<double>());
        var rss = contenders.ToDictionary(c => c, _ => new List<double>());
        foreach (var contender in contenders)
        {
            await ColdStartBench.MeasureOnceAsync(contender.Command, emulator, contender.Marker);
        }
        for (var i = 0; i < runs; i++)
        {
            foreach (var contender in contenders)
            {
                var (ms, _, peak) = await ColdStartBench.MeasureOnceAsync(contender.Command, emulator, contender.Marker);
                samples[contender].Add(ms);
                if (peak is { } mib)
                {
                    rss[contender].Add(mib);
                }
            }
        }

        Console.WriteLine("cold start to the first tools/list answer (process start to answer), and the server's peak RSS then:");
        var typeScript = contenders.FirstOrDefault(c => c.Label.StartsWith("TypeScript", StringComparison.Ordinal));
        var tsMedian = typeScript is null ? double.NaN : Stats.Median([.. samples[typeScript]]);
        foreach (var contender in contenders)
        {
            var ms = samples[contender];
            var median = Stats.Median([.. ms]);
            var ratio = typeScript is null || contender == typeScript ? "" : $", {median / tsMedian:F2}x the TypeScript server's median";
            var memory = rss[contender].Count == 0 ? "peak RSS not read" : $"peak RSS {rss[contender].Min():F1}-{rss[contender].Max():F1} MiB";
            Console.WriteLine($"  {contender.Label}: median {median:F0} ms, range {ms.Min():F0}-{ms.Max():F0} ms, p90 {Stats.Percentile([.. ms], 0.9):F0} ms{ratio}; {memory}");
        }
    }

    private static async Task<string> PackAsync(string root)
    {
        var version = $"0.1.0-bench.{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}";
        var feed = Path.Combine(Path.GetTempPath(), "hatchet-mcp-bench-feed", version);
        Console.WriteLine($"packing {version} into {feed} (the Native AOT compile takes a minute or more)...");
        var pack = Process.Start(new ProcessStartInfo("dotnet",
            ["pack", Path.Combine(root, "src", "HatchetMcp"), "-c", "Release", "-o", feed, $"-p:Version={version}",
             "--artifacts-path", Path.Combine(Path.GetTempPath(), "hatchet-mcp-bench-pack")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("could not start dotnet pack");
        var log = await pack.StandardOutput.ReadToEndAsync() + await pack.StandardError.ReadToEndAsync();
        await pack.WaitForExitAsync();
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack failed (exit {pack.ExitCode}):\n{log}");
        }
        return feed;
    }

    /// <summary>The version of the top-level HatchetMcp package in the feed (the newest when there are several).</summary>
    private static string PackageVersion(string feed)
    {
        var versions = Directory.EnumerateFiles(feed, "HatchetMcp.linux-x64.*.nupkg")
            .OrderBy(File.GetLastWriteTimeUtc)
            .Select(p => Path.GetFileNameWithoutExtension(p)["HatchetMcp.linux-x64.".Length..])
            .ToList();
        return versions.Count > 0 ? versions[^1] : throw new InvalidOperationException($"no HatchetMcp.linux-x64 package in {feed}");
    }

    /// <summary>The binary dnx would run, taken out of the linux-x64 package.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static string ExtractNativeBinary(string feed, string version)
    {
        var target = Path.Combine(Path.GetTempPath(), "hatchet-mcp-bench-native", version, "hatchet-mcp");
        if (!File.Exists(target))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var package = ZipFile.OpenRead(Path.Combine(feed, $"HatchetMcp.linux-x64.{version}.nupkg"));
            var entry = package.GetEntry("tools/any/linux-x64/hatchet-mcp") ?? throw new InvalidOperationException("the linux-x64 package has no native binary");
            entry.ExtractToFile(target);
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return target;
    }
}
