using Xunit;

[assembly: AssemblyFixture(typeof(HatchetMcp.Emulator.Tests.Support.SharedEmulator))]

namespace HatchetMcp.Emulator.Tests.Support;

/// <summary>
/// One realistic emulator for the whole assembly, for tests that only read and never advance time; tests that
/// mutate, advance the clock or read the request log start their own <see cref="EmulatorHost"/>.
/// </summary>
public sealed class SharedEmulator : IAsyncLifetime
{
    private EmulatorHost? host;

    internal EmulatorHost Host => host ?? throw new InvalidOperationException("The shared emulator has not started.");

    public async ValueTask InitializeAsync() => host = await EmulatorHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
