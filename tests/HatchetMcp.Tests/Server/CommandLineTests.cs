using HatchetMcp.Server;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>The verbs of the built program, as a person or a script runs them.</summary>
public sealed class CommandLineTests
{
    private static readonly Dictionary<string, string?> NoServerEnvironment = BuiltServer.Environment([]);

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_prints_the_usage_on_stdout_and_exits_0(string option)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var process = ServerProcess.Start([option], NoServerEnvironment);

        Assert.Equal(0, await process.WaitForExitAsync(ct));
        Assert.Contains("Usage:", process.Stdout, StringComparison.Ordinal);
        foreach (var verb in new[] { "demo", "emulator", "--version", "HATCHET_CLIENT_TOKEN" })
        {
            Assert.Contains(verb, process.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal(string.Empty, process.Stderr);
    }

    [Fact]
    public async Task Version_prints_the_name_and_version_and_exits_0()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var process = ServerProcess.Start(["--version"], NoServerEnvironment);

        Assert.Equal(0, await process.WaitForExitAsync(ct));
        Assert.Equal($"hatchet-mcp {ServerIdentity.Version}\n", process.Stdout);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("--verbose")]
    public async Task An_unknown_verb_prints_the_usage_on_stderr_and_exits_2(string verb)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var process = ServerProcess.Start([verb], NoServerEnvironment);

        Assert.Equal(2, await process.WaitForExitAsync(ct));
        Assert.Equal(string.Empty, process.Stdout);
        Assert.Contains(verb, process.Stderr, StringComparison.Ordinal);
        Assert.Contains("Usage:", process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_prints_exactly_the_two_variable_lines_and_stops_cleanly_on_sigterm()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var process = ServerProcess.Start(["emulator", "--port", "0"], NoServerEnvironment);

        var first = await process.ReadLineAsync(ct);
        var second = await process.ReadLineAsync(ct);
        process.Terminate();

        Assert.Equal(0, await process.WaitForExitAsync(ct));
        Assert.StartsWith("HATCHET_API_BASE=http://127.0.0.1:", first, StringComparison.Ordinal);
        Assert.StartsWith("HATCHET_CLIENT_TOKEN=ey", second, StringComparison.Ordinal);
        Assert.Equal($"{first}\n{second}\n", process.Stdout);
    }

    [Fact]
    public async Task Emulator_with_a_bad_argument_exits_2()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var process = ServerProcess.Start(["emulator", "--port", "not-a-port"], NoServerEnvironment);

        Assert.Equal(2, await process.WaitForExitAsync(ct));
        Assert.Equal(string.Empty, process.Stdout);
        Assert.NotEqual(string.Empty, process.Stderr.Trim());
    }

    [Fact]
    public async Task Demo_walks_the_debugging_flow_against_the_emulator_and_exits_0()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var process = ServerProcess.Start(["demo"], NoServerEnvironment);

        var exitCode = await process.WaitForExitAsync(ct);

        Assert.True(exitCode == 0, $"demo exited {exitCode}; stderr: {process.Stderr}");
        var position = 0;
        foreach (var tool in new[] { "whoami", "list_runs", "get_run", "get_run_logs", "list_workers", "get_queue_metrics", "replay_runs", "get_run" })
        {
            var next = process.Stdout.IndexOf(tool, position, StringComparison.Ordinal);
            Assert.True(next >= 0, $"the demo did not call {tool} after position {position}:\n{process.Stdout}");
            position = next + tool.Length;
        }
    }
}
