using HatchetMcp.Emulator;
using HatchetMcp.Hatchet;
using Xunit;

namespace HatchetMcp.Tests.Hatchet.EndToEnd;

/// <summary>One emulator (default scenario, test hooks on) shared by the client's end-to-end tests.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public HatchetEmulator Emulator { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { EnableTestHooks = true }, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Emulator is not null) await Emulator.DisposeAsync();
    }

    /// <summary>Settings read from the environment exactly as the server reads them.</summary>
    public HatchetSettings Settings(string? token = null, Guid? tenant = null)
    {
        var env = new Dictionary<string, string?>
        {
            [HatchetEnvironmentVariables.Token] = token ?? Emulator.Token,
            [HatchetEnvironmentVariables.ApiBase] = Emulator.BaseUrl + "/",
            [HatchetEnvironmentVariables.TenantId] = tenant?.ToString(),
        };
        var result = HatchetSettings.FromEnvironment(env, TimeProvider.System);
        Assert.True(result.IsSuccess, result.Error);
        return result.Settings!;
    }

    public HatchetClient Client(string? token = null, Guid? tenant = null) =>
        HatchetClient.Create(Settings(token, tenant), new SocketsHttpHandler());
}
