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
        AuditLogOptions? audit = null, TextWriter? log = null)
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
            ConfigureServices = services => services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(sent.Handler)),
        }, TestContext.Current.CancellationToken);
    }
}
