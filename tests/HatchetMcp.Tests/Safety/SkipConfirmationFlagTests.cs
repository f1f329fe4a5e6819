using HatchetMcp.Emulator;
using HatchetMcp.Safety;
using HatchetMcp.Tests.Server;
using Xunit;

namespace HatchetMcp.Tests.Safety;

/// <summary>Turning confirmation off is announced on stderr at start, whichever way it is turned off.</summary>
public sealed class SkipConfirmationFlagTests
{
    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "off")]
    public async Task Confirmation_off_prints_a_warning_line_at_start(bool flag, string? variable)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scenario = "empty" }, ct);
        var environment = BuiltServer.Environment(new Dictionary<string, string?>
        {
            ["HATCHET_CLIENT_TOKEN"] = emulator.Token,
            ["HATCHET_API_BASE"] = emulator.BaseUrl.ToString(),
            [ConfirmationOptions.EnvironmentVariable] = variable,
        });
        await using var process = ServerProcess.Start(flag ? [ConfirmationOptions.SkipFlag] : [], environment);

        process.CloseStdin();

        Assert.Equal(0, await process.WaitForExitAsync(ct));
        Assert.Contains("warning: confirmation of writes is OFF", process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirmation_on_prints_no_such_warning()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scenario = "empty" }, ct);
        var environment = BuiltServer.Environment(new Dictionary<string, string?>
        {
            ["HATCHET_CLIENT_TOKEN"] = emulator.Token,
            ["HATCHET_API_BASE"] = emulator.BaseUrl.ToString(),
        });
        await using var process = ServerProcess.Start([], environment);

        process.CloseStdin();

        Assert.Equal(0, await process.WaitForExitAsync(ct));
        Assert.DoesNotContain("confirmation of writes is OFF", process.Stderr, StringComparison.Ordinal);
    }
}
