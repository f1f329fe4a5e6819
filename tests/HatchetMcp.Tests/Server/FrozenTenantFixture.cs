using HatchetMcp.Emulator;
using HatchetMcp.Hatchet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Client;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// The default scenario on a clock that stands still, with the server over in-memory pipes: two reads of the same
/// run give the same text, so a resource can be compared with the tool it mirrors.
/// </summary>
public sealed class FrozenTenantFixture : IAsyncLifetime
{
    private McpTestHarness _harness = null!;

    public McpTestHarness Harness => _harness;

    public McpClient Client => _harness.Client;

    public ScenarioFacts Facts => _harness.Emulator.Facts;

    /// <summary>The scrubber the server uses: finds the token, whole or in part, in any text.</summary>
    public SecretScrubber Scrubber => _harness.Services.GetRequiredService<HatchetSettings>().Token.Scrubber;

    public async ValueTask InitializeAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        _harness = await McpTestHarness.StartAsync(
            new EmulatorOptions { EnableTestHooks = true, Time = time }, cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}
