using HatchetMcp.Emulator;
using HatchetMcp.Hatchet;
using HatchetMcp.Safety;
using HatchetMcp.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Client;
using HatchetMcp.Tests.ToolTests;
using Xunit;

namespace HatchetMcp.Tests.Safety;

/// <summary>The default scenario on a clock that stands still (moved only by tests), shared by the confirmation tests.</summary>
public sealed class ConfirmationFixture : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    public HatchetEmulator Emulator { get; private set; } = null!;

    /// <summary>A server with confirmation off, for setting the scene (its requests are not any test's witness).</summary>
    private InMemoryMcpServer _setup = null!;

    public async ValueTask InitializeAsync()
    {
        Emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { EnableTestHooks = true, Time = Time }, TestContext.Current.CancellationToken);
        _setup = await ConnectAsync(new SentRequests(), ConfirmationOptions.Skipped);
    }

    /// <summary>A fresh run that stays QUEUED: its workflow's action has no worker.</summary>
    public async Task<Guid> NewQueuedRunAsync()
    {
        var held = await _setup.CallAsync("get_run", $$"""{"run_id":"{{Emulator.Facts.NoWorkerRunIds[0]}}"}""");
        var workflow = System.Text.Json.JsonSerializer.Serialize(held.Structured.GetProperty("workflowName").GetString()!, HatchetMcp.Tests.ToolTests.TestJson.Default.String);
        var started = await _setup.CallAsync("trigger_workflow", $$"""{"workflow":{{workflow}},"input":{"day":"today"} }""");
        return started.Structured.GetProperty("runId").GetGuid();
    }

    /// <summary>A fresh QUEUED run (its workflow has no worker) carrying metadata batch=<paramref name="batch"/>.</summary>
    public async Task<Guid> NewQueuedRunAsync(string batch)
    {
        var workflow = System.Text.Json.JsonSerializer.Serialize(await NoWorkerWorkflowAsync(), HatchetMcp.Tests.ToolTests.TestJson.Default.String);
        var started = await _setup.CallAsync("trigger_workflow", $$"""{"workflow":{{workflow}},"input":{},"metadata":{"batch":"{{batch}}"} }""");
        Assert.False(started.IsError, started.Text);
        return started.Structured.GetProperty("runId").GetGuid();
    }

    /// <summary>The name of the workflow whose runs stay QUEUED (no worker serves it).</summary>
    public async Task<string> NoWorkerWorkflowAsync()
    {
        var held = await _setup.CallAsync("get_run", $$"""{"run_id":"{{Emulator.Facts.NoWorkerRunIds[0]}}"}""");
        return held.Structured.GetProperty("workflowName").GetString()!;
    }

    /// <summary>Cancels <paramref name="ids"/> unconfirmed and lets the emulator apply it (its clock moves a second).</summary>
    public async Task CancelNowAsync(params Guid[] ids)
    {
        var list = string.Join(",", ids.Select(id => $"\"{id}\""));
        var answer = await _setup.CallAsync("cancel_runs", $$"""{"run_ids":[{{list}}]}""");
        Assert.False(answer.IsError, answer.Text);
        Time.Advance(TimeSpan.FromSeconds(1));
        foreach (var id in ids)
        {
            var run = await _setup.CallAsync("get_run", $$"""{"run_id":"{{id}}"}""");
            Assert.Equal("CANCELLED", run.Structured.GetProperty("status").GetString());
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_setup is not null)
        {
            await _setup.DisposeAsync();
        }

        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
    }

    /// <summary>A server (confirmation on unless given) whose outgoing requests land in <paramref name="sent"/>.</summary>
    public Task<InMemoryMcpServer> ConnectAsync(SentRequests sent, ConfirmationOptions? confirmation = null, McpClientOptions? client = null,
        AuditLogOptions? audit = null, TextWriter? log = null, int? bulkCap = null)
    {
        var env = new Dictionary<string, string?>
        {
            [HatchetEnvironmentVariables.Token] = Emulator.Token,
            [HatchetEnvironmentVariables.ApiBase] = Emulator.BaseUrl.ToString(),
        };
        var settings = HatchetSettings.FromEnvironment(env, Time);
        Assert.True(settings.IsSuccess, settings.Error);
        return InMemoryMcpServer.StartAsync(settings.Settings!, new InMemoryMcpServerOptions
        {
            Time = Time,
            Confirmation = confirmation,
            Audit = audit,
            Log = log,
            LogLevel = log is null ? LogLevel.Warning : LogLevel.Information,
            ClientOptions = client,
            ConfigureServices = services =>
            {
                services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(sent.Handler));
                if (bulkCap is { } cap)
                {
                    services.AddSingleton(new BulkCap(cap));
                }
            },
        }, TestContext.Current.CancellationToken);
    }
}
