using HatchetMcp.Emulator;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// tools/list is the server's contract with every model that uses it: any change to a name, title, description, schema
/// or annotation must be deliberate, reviewed in the golden file's diff.
/// </summary>
public sealed class ToolsListGoldenTests
{
    [Fact]
    public async Task Tools_list_matches_the_checked_in_golden_snapshot()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await McpTestHarness.StartAsync(new EmulatorOptions { Scenario = "empty" }, cancellationToken: ct);

        var tools = await ToolCatalog.ListAsync(harness.Client, ct);

        GoldenFile.AssertMatches(Path.Combine("Golden", "tools-list.json"), ToolCatalog.Snapshot(tools));
    }
}
