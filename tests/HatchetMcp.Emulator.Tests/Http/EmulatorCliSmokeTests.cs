using Xunit;
namespace HatchetMcp.Emulator.Tests.Http;

/// <summary>The CLI refuses bad arguments with one stderr line and exit code 2, printing nothing on stdout.</summary>
public sealed class EmulatorCliSmokeTests
{
    [Theory]
    [InlineData("--port", "abc")]
    [InlineData("--port", "70000")]
    [InlineData("--scenario", "nope")]
    [InlineData("--frobnicate")]
    [InlineData("--seed")]
    public async Task Bad_arguments_exit_2_with_one_line_on_stderr(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int code = await EmulatorCli.RunAsync(args, stdout, stderr, TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.Equal("", stdout.ToString());
        Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_good_start_prints_exactly_the_two_environment_lines()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        Task<int> run = EmulatorCli.RunAsync(["--port", "0", "--scenario", "empty"], stdout, stderr, cts.Token);
        while (stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length < 2 && !run.IsCompleted)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await cts.CancelAsync();
        int code = await run;

        string[] lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, code);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("HATCHET_API_BASE=http://127.0.0.1:", lines[0]);
        Assert.StartsWith("HATCHET_CLIENT_TOKEN=ey", lines[1]);
    }
}
