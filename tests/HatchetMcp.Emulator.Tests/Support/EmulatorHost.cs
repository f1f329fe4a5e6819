using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Support;

/// <summary>
/// An in-process emulator on a FakeTimeProvider (time moves only when a test advances it), with test hooks on
/// and a <see cref="HatchetApi"/> bound to the default tenant's token.
/// </summary>
internal sealed class EmulatorHost : IAsyncDisposable
{
    /// <summary>The fake clock's start: the seeded history lies in the 48 hours before it.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 8, 22, 12, 0, 0, TimeSpan.Zero);

    private EmulatorHost(HatchetEmulator emulator, FakeTimeProvider clock, HttpClient http)
    {
        Emulator = emulator;
        Clock = clock;
        Http = http;
        Api = new HatchetApi(http, emulator.Token);
    }

    public HatchetEmulator Emulator { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Http { get; }

    public HatchetApi Api { get; }

    public ScenarioFacts Facts => Emulator.Facts;

    public Guid Tenant => Emulator.TenantId;

    /// <summary>A window start safely before all seeded runs.</summary>
    public DateTimeOffset LongAgo => Clock.GetUtcNow().AddDays(-7);

    public static async Task<EmulatorHost> StartAsync(string scenario = "realistic", int seed = 1, int? scale = null)
    {
        var clock = new FakeTimeProvider(Epoch);
        var emulator = await HatchetEmulator.StartAsync(
            new EmulatorOptions { Scenario = scenario, Seed = seed, Scale = scale, Time = clock, AdvanceTime = clock.Advance, EnableTestHooks = true },
            TestContext.Current.CancellationToken);
        var http = new HttpClient { BaseAddress = emulator.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        return new EmulatorHost(emulator, clock, http);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}
