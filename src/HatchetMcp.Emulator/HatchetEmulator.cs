using System.Net;
using HatchetMcp.Emulator.Auth;
using HatchetMcp.Emulator.Hooks;
using HatchetMcp.Emulator.Http;
using HatchetMcp.Emulator.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HatchetMcp.Emulator;

/// <summary>
/// A running Hatchet REST API emulator on 127.0.0.1: a seeded tenant kept alive by the engine, served by Kestrel
/// with Hatchet's paths, auth and error behaviour. Dispose to stop it.
/// </summary>
public sealed class HatchetEmulator : IAsyncDisposable
{
    /// <summary>Advances the engine this often when running on the system clock, so the tenant lives without requests.</summary>
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(250);

    private readonly WebApplication _app;
    private readonly EmulatorRuntime _runtime;
    private readonly CancellationTokenSource _stopTicking = new();
    private readonly Task _ticker;
    private int _disposed;

    private HatchetEmulator(WebApplication app, EmulatorRuntime runtime, Uri baseUrl, string token, ScenarioFacts facts, EmulatorTokens tokens)
    {
        _app = app;
        _runtime = runtime;
        BaseUrl = baseUrl;
        Token = token;
        Facts = facts;
        Tokens = tokens;
        _ticker = ReferenceEquals(runtime.Time, TimeProvider.System) ? TickAsync(_stopTicking.Token) : Task.CompletedTask;
    }

    /// <summary>"http://127.0.0.1:PORT"; also the tokens' server_url, iss and aud (without the trailing slash).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The default tenant.</summary>
    public Guid TenantId => Facts.TenantId;

    /// <summary>A valid API token (JWT) for the default tenant.</summary>
    public string Token { get; }

    /// <summary>Ids and names of the seeded scenario, with a token of the other tenant.</summary>
    public ScenarioFacts Facts { get; }

    /// <summary>Mints and revokes tokens of this emulator.</summary>
    public EmulatorTokens Tokens { get; }

    /// <summary>In-process request log and fault injection (the same state as the /_emulator/* routes).</summary>
    public EmulatorTestHooks Hooks => _runtime.Hooks;

    /// <summary>The emulator's clock.</summary>
    public TimeProvider Time => _runtime.Time;

    /// <summary>Seeds the scenario, starts Kestrel on 127.0.0.1 (port 0 = any free port) and mints the default token.</summary>
    public static async Task<HatchetEmulator> StartAsync(EmulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        TimeProvider time = options.Time ?? TimeProvider.System;
        SeededScenario seeded = ScenarioSeeder.Seed(options.Scenario, options.Seed, options.Scale, time.GetUtcNow());
        var runtime = new EmulatorRuntime(seeded.Store, seeded.Engine, time, new EmulatorTestHooks(), options.EnableTestHooks, options.AdvanceTime);

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(HatchetEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, options.Port);
        });

        WebApplication app = builder.Build();
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HatchetMcp.Emulator");
        EmulatorApp.Configure(app, runtime, new RequestPipeline(runtime, logger));

        await app.StartAsync(ct).ConfigureAwait(false);
        try
        {
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
                .Addresses.First().TrimEnd('/');
            var tokens = new EmulatorTokens(address, "127.0.0.1:7077", time);
            runtime.BaseUrl = address;
            string token = tokens.Mint(seeded.Facts.TenantId);
            ScenarioFacts facts = seeded.Facts.OtherTenantId == Guid.Empty
                ? seeded.Facts
                : seeded.Facts with { OtherTenantToken = tokens.Mint(seeded.Facts.OtherTenantId) };
            runtime.Facts = facts;
            runtime.Tokens = tokens; // last: requests are served from here on
            return new HatchetEmulator(app, runtime, new Uri(address), token, facts, tokens);
        }
        catch
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopTicking.CancelAsync().ConfigureAwait(false);
        try
        {
            await _ticker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Tokens.Dispose();
        _stopTicking.Dispose();
    }

    private async Task TickAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TickInterval);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            try
            {
                lock (_runtime.Store.Sync)
                {
                    _runtime.AdvanceLocked();
                }
            }
#pragma warning disable CA1031 // a failing tick must not stop the emulator; requests still advance it
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    /// <summary>No Ctrl+C handling and no "Application started" lines: the caller owns the process lifetime.</summary>
    private sealed class QuietHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
