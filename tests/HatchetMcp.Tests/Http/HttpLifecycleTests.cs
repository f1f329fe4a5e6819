using HatchetMcp.Emulator;
using HatchetMcp.Emulator.Hooks;
using HatchetMcp.Tests.Server;
using Xunit;

namespace HatchetMcp.Tests.Http;

/// <summary>Stopping drains the calls in flight; being stateless, any replica answers any request of a client.</summary>
public sealed class HttpLifecycleTests
{
    [Fact]
    public async Task A_call_in_flight_when_the_server_is_asked_to_stop_is_answered()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { EnableTestHooks = true }, ct);
        await using var server = await HttpTestServers.StartAsync(emulator);
        await using var client = await HttpTestServers.ConnectAsync(server.McpUrl);
        emulator.Hooks.InjectFault(new FaultSpec("GET", "/api/v1/tenants/*/workflows", 1, FaultKind.Delay) { DelayMs = 1500 });

        var call = client.CallAsync("list_workflows");
        await Eventually.WaitUntilAsync(() => emulator.Hooks.FaultUsesLeft == 0);
        Assert.Equal(0, emulator.Hooks.FaultUsesLeft);
        var stopping = server.StopAsync();

        var answer = await call;
        await stopping;
        Assert.False(answer.IsError, answer.Text);
        Assert.Contains("workflows", answer.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Two_replicas_answer_alternate_requests_of_one_client()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions(), ct);
        await using var first = await HttpTestServers.StartAsync(emulator);
        await using var second = await HttpTestServers.StartAsync(emulator);
        var alternate = new AlternatingHandler(first.McpUrl, second.McpUrl);
        using var http = new HttpClient(alternate);
        await using var client = await HttpTestServers.ConnectAsync(first.McpUrl, http);

        var tools = await ToolCatalog.ListAsync(client, ct);
        var whoami = await client.CallAsync("whoami");
        var runs = await client.CallAsync("list_runs");

        Assert.Equal(ToolCatalog.ReadTools.Count + ToolCatalog.WriteTools.Count, tools.Count);
        Assert.False(whoami.IsError, whoami.Text);
        Assert.False(runs.IsError, runs.Text);
        Assert.Contains(first.McpUrl.Port, alternate.PortsUsed);
        Assert.Contains(second.McpUrl.Port, alternate.PortsUsed);
    }

    /// <summary>A load balancer without affinity: each request goes to the other replica than the one before.</summary>
    private sealed class AlternatingHandler(Uri first, Uri second) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _count;

        public System.Collections.Concurrent.ConcurrentBag<int> PortsUsed { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = Interlocked.Increment(ref _count) % 2 == 0 ? second : first;
            request.RequestUri = new UriBuilder(request.RequestUri!) { Port = target.Port }.Uri;
            PortsUsed.Add(target.Port);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
