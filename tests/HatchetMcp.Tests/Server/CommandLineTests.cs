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
    public async Task Version_prints_the_name_the_version_and_the_commit_it_was_built_from_and_exits_0()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var process = ServerProcess.Start(["--version"], NoServerEnvironment);

        Assert.Equal(0, await process.WaitForExitAsync(ct));
        if (!Path.Exists(Path.Combine(SourceTree.Root, ".git")))
        {
            // Built from a source archive: there is no commit to name, and the version says so.
            Assert.Equal($"hatchet-mcp {ServerIdentity.Version} (commit unknown: built outside a git checkout)\n", process.Stdout);
            return;
        }

        var match = System.Text.RegularExpressions.Regex.Match(
            process.Stdout, $"^hatchet-mcp {System.Text.RegularExpressions.Regex.Escape(ServerIdentity.Version)} \\(commit ([0-9a-f]{{40}})\\)\n$");
        Assert.True(match.Success, $"unexpected --version output: {process.Stdout}");
        // Built from this checkout, so the commit is one git knows here (it may be older than HEAD if nothing was rebuilt).
        Assert.True(GitKnowsCommit(match.Groups[1].Value), $"git does not know commit {match.Groups[1].Value}");
    }

    [Theory]
    [InlineData("emulator", "--help")]
    [InlineData("emulator", "-h")]
    [InlineData("demo", "--help")]
    [InlineData("demo", "-h")]
    public async Task A_verbs_help_prints_its_usage_on_stdout_and_exits_0_without_starting_anything(string verb, string option)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var process = ServerProcess.Start([verb, option], NoServerEnvironment);

        Assert.Equal(0, await process.WaitForExitAsync(ct));
        Assert.Contains($"hatchet-mcp {verb}", process.Stdout, StringComparison.Ordinal);
        Assert.Contains("Usage:", process.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("HATCHET_CLIENT_TOKEN=ey", process.Stdout, StringComparison.Ordinal); // no emulator started
        Assert.DoesNotContain("> whoami", process.Stdout, StringComparison.Ordinal); // no demo call made
        Assert.Equal(string.Empty, process.Stderr);
    }

    [Fact]
    public async Task The_emulators_help_says_what_each_scenario_contains()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var process = ServerProcess.Start(["emulator", "--help"], NoServerEnvironment);

        Assert.Equal(0, await process.WaitForExitAsync(ct));
        Assert.Contains("realistic", process.Stdout, StringComparison.Ordinal);
        Assert.Contains("empty", process.Stdout, StringComparison.Ordinal);
        Assert.Contains("no runs", process.Stdout, StringComparison.Ordinal);
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
        await using var sameScenario = await HatchetMcp.Emulator.HatchetEmulator.StartAsync(new HatchetMcp.Emulator.EmulatorOptions(), ct);
        var facts = sameScenario.Facts;

        var exitCode = await process.WaitForExitAsync(ct);

        Assert.True(exitCode == 0, $"demo exited {exitCode}; stderr: {process.Stderr}");
        var position = 0;
        foreach (var tool in new[] { "whoami", "summarize_failures", "diagnose_run", "find_stuck_runs", "replay_runs", "replay_runs", "get_run" })
        {
            var next = process.Stdout.IndexOf(tool, position, StringComparison.Ordinal);
            Assert.True(next >= 0, $"the demo did not call {tool} after position {position}:\n{process.Stdout}");
            position = next + tool.Length;
        }

        // The closing conclusion puts the tools' findings side by side: the scenario's failing workflow, its error, its onset.
        var conclusion = process.Stdout[position..];
        Assert.Contains("The demo's reading", conclusion, StringComparison.Ordinal);
        Assert.Contains($"Failing: {facts.FailingWorkflowName}", conclusion, StringComparison.Ordinal);
        Assert.Contains(facts.FailingErrorSignature, conclusion, StringComparison.Ordinal);
        Assert.Contains("Replay: will not help until the cause is fixed", conclusion, StringComparison.Ordinal);
        // The first failure it dates lies after the scenario's bad deploy (this emulator started a moment after the
        // demo's, so its clock is a little ahead) and before the deploy's first hour was out.
        var since = System.Text.RegularExpressions.Regex.Match(conclusion, @"Since: (\S+ \S+), its first failure after its last successful run");
        Assert.True(since.Success, $"no dated first failure in:\n{conclusion}");
        var firstFailure = DateTimeOffset.Parse(since.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(firstFailure, facts.FailingSince - TimeSpan.FromMinutes(5), facts.FailingSince + TimeSpan.FromHours(1));
        Assert.Contains("Capacity:", conclusion, StringComparison.Ordinal);
    }

    private static bool GitKnowsCommit(string commit)
    {
        var info = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = SourceTree.Root, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "cat-file", "-e", commit + "^{commit}" })
        {
            info.ArgumentList.Add(argument);
        }

        using var git = System.Diagnostics.Process.Start(info)!;
        git.WaitForExit();
        return git.ExitCode == 0;
    }
}
