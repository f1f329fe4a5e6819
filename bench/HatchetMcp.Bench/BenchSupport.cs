using System.Diagnostics;
using HatchetMcp.Emulator;
using ModelContextProtocol.Client;

namespace HatchetMcp.Bench;

internal static class BenchArgs
{
    public static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) && v > 0 ? v : fallback;
    }

    /// <summary>A path option, made absolute; null when absent.</summary>
    public static string? StringOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? Path.GetFullPath(args[i + 1]) : null;
    }

    /// <summary>A comma-separated list of positive numbers ("1,10,25"); empty when the option is absent.</summary>
    public static IReadOnlyList<int> IntListOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length
            ? args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).Where(v => v > 0).ToList()
            : [];
    }
}

/// <summary>How to start the built server: the JIT build copied beside this program, or a published binary.</summary>
internal sealed record ServerCommand(string Command, IReadOnlyList<string> Arguments);

internal static class ServerLocator
{
    public static ServerCommand JitCommand() =>
        new("dotnet", [Path.Combine(AppContext.BaseDirectory, "hatchet-mcp.dll")]);

    /// <summary>--server PATH: a published server binary; otherwise the JIT build.</summary>
    public static ServerCommand FromArgs(string[] args)
    {
        var i = Array.IndexOf(args, "--server");
        if (i < 0 || i + 1 >= args.Length)
        {
            return JitCommand();
        }
        var path = Path.GetFullPath(args[i + 1]);
        return File.Exists(path) ? new ServerCommand(path, []) : throw new FileNotFoundException($"no server binary at {path}");
    }

    public static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "HatchetMcp.slnx")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("run the benchmarks from inside the repository");
    }
}

internal static class Stats
{
    public static double Median(List<double> values)
    {
        values.Sort();
        var n = values.Count;
        return n == 0 ? double.NaN : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    public static double Percentile(List<double> values, double p)
    {
        values.Sort();
        return values.Count == 0 ? double.NaN : values[Math.Min(values.Count - 1, (int)Math.Ceiling(p * values.Count) - 1)];
    }

    public static string Ms(double ms) => $"{ms:F3} ms";
}

/// <summary>An emulator plus an MCP client connected over stdio to the built server.</summary>
internal sealed class StdioSession : IAsyncDisposable
{
    private readonly bool _ownsEmulator;

    private StdioSession(HatchetEmulator emulator, McpClient client, bool ownsEmulator)
    {
        Emulator = emulator;
        Client = client;
        _ownsEmulator = ownsEmulator;
    }

    public HatchetEmulator Emulator { get; }
    public McpClient Client { get; }

    public static async Task<StdioSession> StartAsync(ServerCommand server, EmulatorOptions? options = null) =>
        await ConnectAsync(server, await HatchetEmulator.StartAsync(options ?? new EmulatorOptions()), ownsEmulator: true);

    /// <summary>A server process against an emulator the caller keeps (and disposes).</summary>
    /// <param name="server">The server to start.</param>
    /// <param name="emulator">The emulator it talks to.</param>
    /// <param name="environment">More environment for the server (a mode, toolsets), over the defaults.</param>
    public static Task<StdioSession> StartAsync(ServerCommand server, HatchetEmulator emulator, IReadOnlyDictionary<string, string?>? environment = null) =>
        ConnectAsync(server, emulator, ownsEmulator: false, environment);

    private static async Task<StdioSession> ConnectAsync(
        ServerCommand server, HatchetEmulator emulator, bool ownsEmulator, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var environment = ServerEnvironment(emulator);
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "hatchet-mcp",
            Command = server.Command,
            Arguments = [.. server.Arguments],
            EnvironmentVariables = environment,
            StandardErrorLines = _ => { },
        });
        var client = await McpClient.CreateAsync(transport);
        return new StdioSession(emulator, client, ownsEmulator);
    }

    /// <summary>The emulator's coordinates, every tool listed (benches call them all), plus any KEY=VALUE pairs in BENCH_SERVER_ENV (';'-separated) to try runtime knobs.</summary>
    private static Dictionary<string, string?> ServerEnvironment(HatchetEmulator emulator)
    {
        var environment = new Dictionary<string, string?>
        {
            ["HATCHET_CLIENT_TOKEN"] = emulator.Token,
            ["HATCHET_API_BASE"] = emulator.BaseUrl.ToString(),
            ["HATCHET_MCP_TOOLSETS"] = "all",
        };
        foreach (var pair in (Environment.GetEnvironmentVariable("BENCH_SERVER_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            environment[parts[0]] = parts.Length == 2 ? parts[1] : "";
        }
        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        if (_ownsEmulator)
        {
            await Emulator.DisposeAsync();
        }
    }
}

internal static class ProcessMemory
{
    public static double WorkingSetMb()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.WorkingSet64 / 1024.0 / 1024.0;
    }
}
