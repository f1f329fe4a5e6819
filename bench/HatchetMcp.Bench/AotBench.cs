using System.Diagnostics;

namespace HatchetMcp.Bench;

/// <summary>
/// Publishes the server with Native AOT (40-60 s here), then measures its size and its cold start to the first
/// tools/list answer. Targets: under 150 ms and under 40 MB.
/// </summary>
internal static class AotBench
{
    public static async Task RunAsync(int runs)
    {
        var root = ServerLocator.RepositoryRoot();
        var output = Path.Combine(Path.GetTempPath(), "hatchet-mcp-aot");
        var publish = Process.Start(new ProcessStartInfo("dotnet",
            ["publish", Path.Combine(root, "src", "HatchetMcp"), "-c", "Release", "-r", "linux-x64",
             "-p:PublishAot=true", "-p:NativeDebugSymbols=false", "-o", output,
             "--artifacts-path", Path.Combine(Path.GetTempPath(), "hatchet-mcp-aot-build")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("could not start dotnet publish");
        var log = await publish.StandardOutput.ReadToEndAsync() + await publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
        {
            Console.WriteLine($"Native AOT publish failed (exit {publish.ExitCode}):");
            Console.WriteLine(string.Join('\n', log.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase) || l.Contains("warn", StringComparison.OrdinalIgnoreCase)).Take(40)));
            return;
        }
        var binary = Path.Combine(output, "hatchet-mcp");
        var warnings = log.Split('\n').Count(l => l.Contains("warning", StringComparison.OrdinalIgnoreCase));
        Console.WriteLine($"Native AOT binary: {new FileInfo(binary).Length / 1024.0 / 1024.0:F1} MB ({binary}); publish warnings: {warnings}");
        await ColdStartBench.RunAsync(new ServerCommand(binary, []), "Native AOT", runs);
    }
}
