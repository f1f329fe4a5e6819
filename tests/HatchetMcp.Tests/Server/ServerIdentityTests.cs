using System.Text.Json.Nodes;
using HatchetMcp.Server;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>What the server says about itself in initialize, and what its registry entry says about the package.</summary>
public sealed class ServerIdentityTests
{
    [Fact]
    public async Task Initialize_announces_hatchet_mcp_with_the_package_version_and_instructions_for_the_model()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await McpTestHarness.StartAsync(new Emulator.EmulatorOptions { Scenario = "empty" }, cancellationToken: ct);

        var info = Assert.IsType<ModelContextProtocol.Protocol.Implementation>(harness.Client.ServerInfo);
        Assert.Equal("hatchet-mcp", info.Name);
        Assert.Equal(ServerIdentity.Version, info.Version);
        Assert.Matches(@"^\d+\.\d+\.\d+", info.Version);
        var instructions = harness.Client.ServerInstructions ?? string.Empty;
        foreach (var tool in new[] { "whoami", "list_runs", "get_run", "get_run_logs", "list_workers", "get_queue_metrics" })
        {
            Assert.Contains(tool, instructions, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_registry_entry_describes_the_nuget_package_over_stdio()
    {
        // Its version is stamped at pack time (ServerJsonManifestTests; checked in the package by .ci/dnx_smoke.py).
        var json = ReadServerJson();

        var package = Assert.Single(json["packages"]!.AsArray())!;
        Assert.Equal("nuget", package["registryType"]?.GetValue<string>());
        Assert.Equal("HatchetMcp", package["identifier"]?.GetValue<string>());
        Assert.Equal("stdio", package["transport"]?["type"]?.GetValue<string>());
        Assert.True((json["description"]?.GetValue<string>()?.Length ?? 0) is > 0 and <= 100, "description: 1 to 100 characters");
    }

    // Its environment variables: ServerJsonManifestTests.
    private static JsonObject ReadServerJson() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(SourceTree.Root, "src", "HatchetMcp", ".mcp", "server.json")))!.AsObject();
}
