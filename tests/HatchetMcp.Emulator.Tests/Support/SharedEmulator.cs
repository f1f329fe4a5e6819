using Xunit;

[assembly: AssemblyFixture(typeof(HatchetMcp.Emulator.Tests.Support.SharedEmulator))]

namespace HatchetMcp.Emulator.Tests.Support;

/// <summary>
/// One realistic emulator for the whole assembly, for tests that only read and never advance time; tests that
/// mutate, advance the clock or read the request log start their own <see cref="EmulatorHost"/>. Started on first
/// use, so a broken emulator fails the tests that need it, not the contract machinery's own tests.
/// </summary>
public sealed class SharedEmulator : IAsyncDisposable
{
    private readonly Lazy<Task<EmulatorHost>> host = new(() => EmulatorHost.StartAsync(), LazyThreadSafetyMode.ExecutionAndPublication);

    internal EmulatorHost Host => host.Value.GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (host.IsValueCreated && host.Value.IsCompletedSuccessfully)
        {
            await host.Value.Result.DisposeAsync();
        }
    }
}
