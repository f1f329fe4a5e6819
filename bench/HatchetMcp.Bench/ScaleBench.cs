using System.Diagnostics;
using HatchetMcp.Emulator;

namespace HatchetMcp.Bench;

/// <summary>Seeding the emulator at scale: the target is 100,000 runs in under 10 s and under 500 MB.</summary>
internal static class ScaleBench
{
    public static async Task RunAsync()
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
}
