using HatchetMcp.Server;
using HatchetMcp.Tools;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// How the server reads its mode and toolsets: flags over variables, and any name it does not know stopping start-up with
/// one line that lists the names it accepts.
/// </summary>
public sealed class ToolSelectionTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    private static ToolSelection Read(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var selection = ToolSelection.Read(environment, arguments, out var error);
        Assert.True(selection is not null, error);
        return selection;
    }

    [Fact]
    public void Nothing_given_means_the_default_toolset_with_writes()
    {
        var selection = Read(NoEnvironment);

        Assert.False(selection.ReadOnly);
        Assert.Equal([Toolsets.Default], selection.Toolsets);
    }

    [Fact]
    public void Flags_win_over_their_variables_in_both_spellings()
    {
        var environment = new Dictionary<string, string?>
        {
            [ToolSelection.ToolsetsVariable] = "all", [ToolSelection.ExcludeToolsVariable] = "whoami", [ToolSelection.ReadOnlyVariable] = "false",
        };

        var selection = Read(environment, "--toolsets=runs,logs", "--exclude-tools", "get_run", "--read-only");

        Assert.Equal(["runs", "logs"], selection.Toolsets);
        Assert.Equal(["get_run"], selection.ExcludeTools);
        Assert.True(selection.ReadOnly);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("", false)]
    public void The_read_only_variable_takes_true_or_false(string value, bool readOnly)
    {
        Assert.Equal(readOnly, Read(new Dictionary<string, string?> { [ToolSelection.ReadOnlyVariable] = value }).ReadOnly);
    }

    [Fact]
    public void Every_area_has_tools_and_no_area_is_named_like_a_tool_or_a_keyword()
    {
        Assert.All(Toolsets.Areas, area => Assert.NotEmpty(Toolsets.ToolsOf(area)));
        Assert.Empty(Toolsets.Areas.Intersect(Toolsets.ToolNames));
        Assert.DoesNotContain(Toolsets.Default, Toolsets.Areas);
        Assert.DoesNotContain(Toolsets.All, Toolsets.Areas);
    }

    public static TheoryData<string[], string?, string?, string> UnknownNames() => new()
    {
        { ["--toolsets", "runs,pipelines"], null, null, "unknown toolset 'pipelines' in --toolsets; accepted toolsets: default, all, tenant, runs," },
        { [], ToolSelection.ToolsetsVariable, "everything", "unknown toolset 'everything' in HATCHET_MCP_TOOLSETS; accepted toolsets:" },
        { ["--tools", "get_runs"], null, null, "unknown tool 'get_runs' in --tools; accepted tools: whoami, list_runs," },
        { [], ToolSelection.ExcludeToolsVariable, "delete_everything", "unknown tool 'delete_everything' in HATCHET_MCP_EXCLUDE_TOOLS; accepted tools:" },
        { [], ToolSelection.ReadOnlyVariable, "maybe", "HATCHET_MCP_READ_ONLY must be true or false (or 1 or 0); got 'maybe'." },
        { ["--read-only", "--verbose"], null, null, "unknown option '--verbose'; the server takes --read-only," },
        { ["--toolsets"], null, null, "--toolsets needs a comma-separated list after it" },
    };

    [Theory]
    [MemberData(nameof(UnknownNames))]
    public async Task An_unknown_name_stops_the_server_with_one_line_naming_the_accepted_ones(
        string[] arguments, string? variable, string? value, string expected)
    {
        var environment = new Dictionary<string, string?> { ["HATCHET_CLIENT_TOKEN"] = "not-even-read" };
        if (variable is not null)
        {
            environment[variable] = value;
        }

        await using var process = ServerProcess.Start(arguments, BuiltServer.Environment(environment));

        Assert.Equal(2, await process.WaitForExitAsync(TestContext.Current.CancellationToken));
        Assert.Equal(string.Empty, process.Stdout);
        var line = Assert.Single(process.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("hatchet-mcp: " + expected, line, StringComparison.Ordinal);
    }
}
