using System.Diagnostics;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace HatchetMcp.Bench;

/// <summary>
/// Hosted mode under load (issue 11's targets): serve-http replicas as separate processes against an emulator process,
/// all on loopback, driven by MCP clients over Streamable HTTP (the SDK's HttpClientTransport) from this process.
/// Phases, after a warm-up of each replica: one client alone (the p50 baseline), N clients on one replica, the same N
/// clients spread over two replicas (each client's requests alternate between the two URLs, no affinity). Each phase
/// runs for a fixed time; every call has a timeout, so the bench is bounded in time and therefore in count.
/// CPU time of every process (from /proc) says which one is the bottleneck.
/// </summary>
internal static partial class HttpLoadBench
{
    private const double CallTimeoutSeconds = 10;

    private sealed record Call(string Tool, Dictionary<string, object?> Arguments);

    private sealed record Replica(ChildProcess Process, Uri Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }

    private sealed record PhaseResult(
        string Name, int Clients, int Replicas, int Calls, int Errors, string? FirstError, List<double> LatenciesMs, Dictionary<string, List<double>> ByTool,
        double Seconds, double ReplicaCpu, double EmulatorCpu, double BenchCpu, double MachineCpu, IReadOnlyList<double> PeakMib)
    {
        public double CallsPerSecond => Calls / Seconds;
        public double P50 => Stats.Percentile(LatenciesMs, 0.50);
        public double P99 => Stats.Percentile(LatenciesMs, 0.99);
        public double OtherCpu => Math.Max(0, MachineCpu - ReplicaCpu - EmulatorCpu - BenchCpu);
    }

    public static async Task RunAsync(ServerCommand server, int seconds, int clients, int warmupSeconds)
    {
        var cores = Environment.ProcessorCount;
        Console.WriteLine($"http: serve-http replicas ({server.Command} {string.Join(' ', server.Arguments)}) and an emulator process " +
                          $"on loopback; {cores} cores; {seconds} s per phase, {warmupSeconds} s warm-up per replica, {CallTimeoutSeconds} s per-call timeout");
        await using var emulator = ChildProcess.Start(server, ["emulator", "--port", "0"], new Dictionary<string, string>());
        var apiBase = await emulator.ReadValueAsync("HATCHET_API_BASE=", TimeSpan.FromSeconds(60));
        var token = await emulator.ReadValueAsync("HATCHET_CLIENT_TOKEN=", TimeSpan.FromSeconds(10));
        var environment = new Dictionary<string, string>
        {
            ["HATCHET_CLIENT_TOKEN"] = token,
            ["HATCHET_API_BASE"] = apiBase,
            ["HATCHET_MCP_TOOLSETS"] = "all",
            // The default (300 requests a minute per client address) would answer 429 within a second: every bench
            // client comes from 127.0.0.1. The limit is raised for these replicas only.
            ["HATCHET_MCP_RATE_LIMIT"] = "1000000",
            ["HATCHET_MCP_LOG_LEVEL"] = "Warning",
        };
        // BENCH_SERVER_ENV (KEY=VALUE;...) tries runtime knobs on the replicas, as in the stdio sections.
        foreach (var pair in (Environment.GetEnvironmentVariable("BENCH_SERVER_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            environment[parts[0]] = parts.Length == 2 ? parts[1] : "";
        }
        await using var replicaA = await StartReplicaAsync(server, environment);
        await using var replicaB = await StartReplicaAsync(server, environment);
        Console.WriteLine($"emulator pid {emulator.Pid} at {apiBase}; replica A pid {replicaA.Process.Pid} at {replicaA.Url}, " +
                          $"replica B pid {replicaB.Process.Pid} at {replicaB.Url}; HATCHET_MCP_RATE_LIMIT=1000000 on both");

        var mix = await WorkloadAsync(replicaA.Url);
        Console.WriteLine($"mix, in this order from a different start per client: {string.Join(", ", mix.Select(c => c.Tool))}");

        foreach (var replica in new[] { replicaA, replicaB })
        {
            await RunPhaseAsync("warm-up", [replica], clients, warmupSeconds, mix, emulator.Pid);
        }

        var results = new List<PhaseResult>
        {
            await RunPhaseAsync("1 client, 1 replica", [replicaA], 1, seconds, mix, emulator.Pid),
            await RunPhaseAsync($"{clients} clients, 1 replica", [replicaA], clients, seconds, mix, emulator.Pid),
            await RunPhaseAsync($"{clients} clients, 2 replicas", [replicaA, replicaB], clients, seconds, mix, emulator.Pid),
        };
        Report(results, cores);
    }

    private static async Task<Replica> StartReplicaAsync(ServerCommand server, IReadOnlyDictionary<string, string> environment)
    {
        var process = ChildProcess.Start(server, ["serve-http", "--urls", "http://127.0.0.1:0", "--allow-anonymous-loopback"], environment);
        try
        {
            return new Replica(process, new Uri(await process.ReadValueAsync("MCP_URL=", TimeSpan.FromSeconds(60))));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>The fixed read mix; get_run needs a run id, taken from a list_runs answer.</summary>
    private static async Task<Call[]> WorkloadAsync(Uri url)
    {
        await using var client = await ConnectAsync([url]);
        var runs = await client.CallToolAsync("list_runs", new Dictionary<string, object?> { ["since"] = "24h", ["limit"] = 1 });
        var text = string.Concat(runs.Content.OfType<TextContentBlock>().Select(t => t.Text)) + runs.StructuredContent;
        var runId = Uuid().Match(text) is { Success: true } match ? match.Value : throw new InvalidOperationException("list_runs named no run: " + text);
        return
        [
            new("whoami", []),
            new("list_runs", new() { ["since"] = "24h", ["limit"] = 20 }),
            new("get_run", new() { ["run_id"] = runId }),
            new("list_workers", []),
            new("get_queue_metrics", []),
            new("summarize_failures", []),
        ];
    }

    private static async Task<McpClient> ConnectAsync(IReadOnlyList<Uri> urls)
    {
        var http = new HttpClient(new AlternatingHandler(urls) { InnerHandler = new SocketsHttpHandler() });
        var options = new HttpClientTransportOptions { Endpoint = urls[0], TransportMode = HttpTransportMode.StreamableHttp };
        return await McpClient.CreateAsync(new HttpClientTransport(options, http, ownsHttpClient: true));
    }

    private static async Task<PhaseResult> RunPhaseAsync(string name, Replica[] replicas, int clients, int seconds, Call[] mix, int emulatorPid)
    {
        var connected = new List<McpClient>();
        try
        {
            for (var i = 0; i < clients; i++)
            {
                connected.Add(await ConnectAsync([.. replicas.Select(r => r.Url)]));
            }
            var replicaCpu0 = replicas.Sum(r => ProcCpu.ProcessSeconds(r.Process.Pid));
            var emulatorCpu0 = ProcCpu.ProcessSeconds(emulatorPid);
            var benchCpu0 = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            var machine0 = ProcCpu.MachineBusySeconds();
            var clock = Stopwatch.StartNew();
            var until = TimeSpan.FromSeconds(seconds);
            var perClient = await Task.WhenAll(connected.Select((client, i) => Task.Run(() => DriveAsync(client, mix, i, clock, until))));
            var elapsed = clock.Elapsed.TotalSeconds;
            var result = new PhaseResult(
                name, clients, replicas.Length,
                perClient.Sum(c => c.Latencies.Values.Sum(l => l.Count)), perClient.Sum(c => c.Errors), perClient.Select(c => c.FirstError).FirstOrDefault(e => e is not null),
                [.. perClient.SelectMany(c => c.Latencies.Values.SelectMany(l => l))],
                mix.Select(c => c.Tool).Distinct().ToDictionary(t => t, t => perClient.SelectMany(c => c.Latencies[t]).ToList()),
                elapsed,
                replicas.Sum(r => ProcCpu.ProcessSeconds(r.Process.Pid)) - replicaCpu0,
                ProcCpu.ProcessSeconds(emulatorPid) - emulatorCpu0,
                Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - benchCpu0,
                ProcCpu.MachineBusySeconds() - machine0,
                [.. replicas.Select(r => ProcCpu.MemoryMib(r.Process.Pid, "VmHWM"))]);
            Console.Error.WriteLine($"  {name}: {result.Calls} calls in {elapsed:F1} s, {result.Errors} errors");
            return result;
        }
        finally
        {
            foreach (var client in connected)
            {
                await client.DisposeAsync();
            }
        }
    }

    private sealed record ClientTally(Dictionary<string, List<double>> Latencies, int Errors, string? FirstError);

    /// <summary>One client: the mix in a loop from its own starting point, one call at a time, until the phase ends.</summary>
    private static async Task<ClientTally> DriveAsync(McpClient client, Call[] mix, int index, Stopwatch clock, TimeSpan until)
    {
        var latencies = mix.Select(c => c.Tool).Distinct().ToDictionary(t => t, _ => new List<double>(capacity: 1024));
        var errors = 0;
        string? firstError = null;
        for (var n = index; clock.Elapsed < until; n++)
        {
            var call = mix[n % mix.Length];
            var started = clock.Elapsed;
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(CallTimeoutSeconds));
                var result = await client.CallToolAsync(call.Tool, call.Arguments, cancellationToken: timeout.Token);
                if (result.IsError == true)
                {
                    errors++;
                    firstError ??= $"{call.Tool}: tool error: " + string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
                    continue;
                }
                latencies[call.Tool].Add((clock.Elapsed - started).TotalMilliseconds);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                errors++;
                firstError ??= $"{call.Tool}: {e.GetType().Name}: {e.Message}";
            }
        }
        return new ClientTally(latencies, errors, firstError);
    }

    private static void Report(List<PhaseResult> results, int cores)
    {
        Console.WriteLine();
        Console.WriteLine("phase                    calls/s   p50 ms   p99 ms  errors  peak WS MiB (VmHWM)  CPU cores used: replicas emulator clients other  CPU ms/call: replicas emulator clients");
        foreach (var r in results)
        {
            Console.WriteLine($"{r.Name,-22} {r.CallsPerSecond,9:F0} {r.P50,8:F1} {r.P99,8:F1} {r.Errors,7}  {string.Join(" / ", r.PeakMib.Select(m => m.ToString("F1"))),-19}" +
                              $"  {r.ReplicaCpu / r.Seconds,24:F2} {r.EmulatorCpu / r.Seconds,8:F2} {r.BenchCpu / r.Seconds,7:F2} {r.OtherCpu / r.Seconds,5:F2}" +
                              $"  {PerCall(r.ReplicaCpu, r),21:F2} {PerCall(r.EmulatorCpu, r),8:F2} {PerCall(r.BenchCpu, r),7:F2}");
        }
        foreach (var r in results)
        {
            Console.WriteLine($"  {r.Name}, per tool p50/p99 ms: " +
                              string.Join(", ", r.ByTool.Select(t => $"{t.Key} {Stats.Percentile(t.Value, 0.5):F1}/{Stats.Percentile(t.Value, 0.99):F1}")));
        }
        Console.WriteLine("(peak WS: VmHWM of each replica, the peak since it started, warm-up included; CPU cores used: CPU seconds " +
                          "over wall seconds, from /proc; 'other' is the rest of the machine's busy time: other users of this machine)");

        var single = results[0];
        var one = results[1];
        var two = results[2];
        Console.WriteLine();
        var errors = results.Sum(r => r.Errors);
        Console.WriteLine($"target 0 errors: {(errors == 0 ? "met" : $"NOT MET ({errors} errors; first: {results.Select(r => r.FirstError).First(e => e is not null)})")}");
        foreach (var loaded in new[] { one, two })
        {
            var ratio = loaded.P99 / single.P50;
            Console.WriteLine($"target p99 < 10x the single-client p50 ({loaded.Name}): p99 {loaded.P99:F1} ms = {ratio:F1}x of {single.P50:F1} ms: {(ratio < 10 ? "met" : "NOT MET")}");
            // Each client waits for its answer before the next call (a closed loop), so the mean latency is the client
            // count over the throughput (Little's law) whatever the server does: the target needs this much throughput.
            var ceiling = cores / ((loaded.ReplicaCpu + loaded.EmulatorCpu + loaded.BenchCpu) / loaded.Calls);
            Console.WriteLine($"  ({loaded.Clients} clients, one call each in flight, at {loaded.CallsPerSecond:F0} calls/s: mean latency " +
                              $"{loaded.Clients * 1000 / loaded.CallsPerSecond:F0} ms by Little's law; a p99 of 10x {single.P50:F1} ms needs well over " +
                              $"{loaded.Clients * 1000 / (10 * single.P50):F0} calls/s, and at this phase's CPU per call all {cores} cores to ourselves " +
                              $"would give about {ceiling:F0} calls/s, a mean of {loaded.Clients * 1000 / ceiling:F0} ms)");
        }

        var scaling = two.CallsPerSecond / one.CallsPerSecond;
        var busyOne = one.MachineCpu / one.Seconds / cores;
        var busyTwo = two.MachineCpu / two.Seconds / cores;
        var emulatorCores = two.EmulatorCpu / two.Seconds;
        Console.Write($"target two replicas >= 1.6x the calls/s of one: {scaling:F2}x; machine busy {busyOne:P0} (one replica) and {busyTwo:P0} (two) of {cores} cores; ");
        var perCall = (one.ReplicaCpu + one.EmulatorCpu + one.BenchCpu) / one.Calls;
        if (Math.Max(busyOne, busyTwo) >= 0.9)
        {
            // Replicas, emulator and clients share the machine's cores: a second replica adds a process, not cores, and
            // what the other users of the machine take moves the ratio either way.
            Console.WriteLine($"not assessable here: the machine's CPU is the bottleneck, not a replica (replicas, emulator and clients share " +
                              $"{cores} cores, and other processes took {one.OtherCpu / one.Seconds:F2} and {two.OtherCpu / two.Seconds:F2} cores; " +
                              $"a call costs {perCall * 1000:F2} ms of CPU across our processes, of which the emulator {PerCall(one.EmulatorCpu, one):F2} ms, " +
                              $"so {cores} cores top out near {cores / perCall:F0} calls/s whatever the replica count; with the replicas on cores of their own, " +
                              $"the one emulator would cap near {1 / (one.EmulatorCpu / one.Calls):F0} calls/s per core it gets){(emulatorCores >= 0.9 ? $"; the emulator used {emulatorCores:F2} cores" : "")}");
        }
        else if (emulatorCores >= 0.9)
        {
            Console.WriteLine($"not assessable: the emulator is the bottleneck (it used {emulatorCores:F2} cores)");
        }
        else
        {
            Console.WriteLine(scaling >= 1.6 ? "met" : "NOT MET (the CPU was not saturated and the emulator was not the bottleneck)");
        }
    }

    private static double PerCall(double cpuSeconds, PhaseResult r) => cpuSeconds * 1000 / r.Calls;

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Uuid();
}

/// <summary>Sends each request of one client to the next of the given endpoints in turn: no affinity, as a round-robin
/// load balancer in front of stateless replicas would.</summary>
internal sealed class AlternatingHandler(IReadOnlyList<Uri> endpoints) : DelegatingHandler
{
    private int _next;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (endpoints.Count > 1 && request.RequestUri is { } uri)
        {
            var target = endpoints[(Interlocked.Increment(ref _next) & int.MaxValue) % endpoints.Count];
            request.RequestUri = new UriBuilder(uri) { Host = target.Host, Port = target.Port }.Uri;
        }
        return base.SendAsync(request, cancellationToken);
    }
}
