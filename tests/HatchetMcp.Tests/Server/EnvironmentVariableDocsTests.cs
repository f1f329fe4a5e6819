using System.Text.RegularExpressions;
using HatchetMcp.Server;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// Every environment variable the server reads is listed by <c>--help</c>, and the README's one table lists the same
/// set, so the three cannot drift apart.
/// </summary>
public sealed partial class EnvironmentVariableDocsTests
{
    [Fact]
    public async Task Help_lists_every_variable_the_server_reads()
    {
        var listed = await HelpVariablesAsync();

        Assert.Equal(Sorted(ServerConfiguration.EnvironmentVariables), Sorted(listed));
    }

    [Fact]
    public async Task The_readme_table_lists_the_same_variables_as_help()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(SourceTree.Root, "README.md"), TestContext.Current.CancellationToken);

        var tableRows = ReadmeTableVariable().Matches(readme).Select(match => match.Groups[1].Value).ToList();

        Assert.Equal(tableRows.Count, tableRows.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Sorted(await HelpVariablesAsync()), Sorted(tableRows));
    }

    private static async Task<List<string>> HelpVariablesAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var process = ServerProcess.Start(["--help"], BuiltServer.Environment([]));
        Assert.Equal(0, await process.WaitForExitAsync(ct));

        var section = process.Stdout.Split("Environment", 2);
        Assert.True(section.Length == 2, $"--help has no Environment section:\n{process.Stdout}");
        return HelpVariable().Matches(section[1]).Select(match => match.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
    }

    private static string[] Sorted(IEnumerable<string> names) => [.. names.Order(StringComparer.Ordinal)];

    // A variable named at the start of an indented help line.
    [GeneratedRegex(@"^\s+(HATCHET_[A-Z_]+)\b", RegexOptions.Multiline)]
    private static partial Regex HelpVariable();

    // A README table row whose first cell is a variable: | `HATCHET_...` | ...
    [GeneratedRegex(@"^\|\s*`(HATCHET_[A-Z_]+)`\s*\|", RegexOptions.Multiline)]
    private static partial Regex ReadmeTableVariable();
}
