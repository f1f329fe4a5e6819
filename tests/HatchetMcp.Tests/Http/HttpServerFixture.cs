using HatchetMcp.Emulator;
using HatchetMcp.Server.Http;
using Xunit;

namespace HatchetMcp.Tests.Http;

/// <summary>One emulator (test hooks on) and one HTTP server against it, shared by a class's tests.</summary>
public sealed class HttpServerFixture : IAsyncLifetime
{
    public HatchetEmulator Emulator { get; private set; } = null!;

    public StreamableHttpServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { EnableTestHooks = true }, TestContext.Current.CancellationToken);
        Server = await HttpTestServers.StartAsync(Emulator);
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
    }
}
