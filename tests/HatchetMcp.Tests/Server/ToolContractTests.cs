using System.Text.Json.Nodes;
using HatchetMcp.Emulator;
using ModelContextProtocol.Protocol;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>What every tool promises a client before it is ever called: names, descriptions, annotations, schemas.</summary>
public sealed class ToolContractTests
{
    [Fact]
    public async Task The_server_offers_exactly_the_ten_operator_tools()
    {
        var tools = await ListToolsAsync();

        Assert.Equal(
            ToolCatalog.ReadTools.Concat(ToolCatalog.WriteTools).Order(StringComparer.Ordinal),
            tools.Select(tool => tool.Name));
    }

    [Fact]
    public async Task Every_write_tool_description_starts_with_the_live_state_warning()
    {
        var tools = await ListToolsAsync();

        foreach (var name in ToolCatalog.WriteTools)
        {
            var tool = Assert.Single(tools, tool => tool.Name == name);
            Assert.StartsWith("MUTATES LIVE STATE.", tool.Description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task No_read_tool_carries_the_live_state_warning()
    {
        var tools = await ListToolsAsync();

        foreach (var name in ToolCatalog.ReadTools)
        {
            var tool = Assert.Single(tools, tool => tool.Name == name);
            Assert.DoesNotContain("MUTATES LIVE STATE", tool.Description ?? string.Empty, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Read_tools_are_annotated_read_only_idempotent_and_open_world()
    {
        var tools = await ListToolsAsync();

        foreach (var name in ToolCatalog.ReadTools)
        {
            var annotations = AnnotationsOf(tools, name);
            Assert.True(annotations.ReadOnlyHint, $"{name}: readOnlyHint");
            Assert.True(annotations.DestructiveHint == false, $"{name}: destructiveHint must be false");
            Assert.True(annotations.IdempotentHint, $"{name}: idempotentHint");
            Assert.True(annotations.OpenWorldHint, $"{name}: openWorldHint (it talks to Hatchet)");
        }
    }

    [Fact]
    public async Task Trigger_is_a_write_that_destroys_nothing_and_is_not_idempotent()
    {
        var annotations = AnnotationsOf(await ListToolsAsync(), "trigger_workflow");

        Assert.True(annotations.ReadOnlyHint == false, "readOnlyHint must be false");
        Assert.True(annotations.DestructiveHint == false, "destructiveHint must be false");
        Assert.True(annotations.IdempotentHint == false, "idempotentHint must be false: every call starts a new run");
        Assert.True(annotations.OpenWorldHint, "openWorldHint");
    }

    [Theory]
    [InlineData("cancel_runs")]
    [InlineData("replay_runs")]
    public async Task Cancel_and_replay_are_destructive_writes(string name)
    {
        var annotations = AnnotationsOf(await ListToolsAsync(), name);

        Assert.True(annotations.ReadOnlyHint == false, $"{name}: readOnlyHint must be false");
        Assert.True(annotations.DestructiveHint, $"{name}: destructiveHint");
        Assert.True(annotations.OpenWorldHint, $"{name}: openWorldHint");
    }

    [Fact]
    public async Task Every_tool_has_a_title_and_a_description()
    {
        foreach (var tool in await ListToolsAsync())
        {
            Assert.False(string.IsNullOrWhiteSpace(tool.Title), $"{tool.Name} has no title");
            Assert.False(string.IsNullOrWhiteSpace(tool.Description), $"{tool.Name} has no description");
        }
    }

    [Fact]
    public async Task Every_parameter_of_every_tool_has_a_description()
    {
        foreach (var tool in await ListToolsAsync())
        {
            var json = ToolCatalog.ToJson(tool);
            var properties = json["inputSchema"]?["properties"] as JsonObject ?? [];
            foreach (var (parameter, schema) in properties)
            {
                var description = schema?["description"]?.GetValue<string>();
                Assert.False(string.IsNullOrWhiteSpace(description), $"{tool.Name}.{parameter} has no description");
            }
        }
    }

    [Fact]
    public async Task Every_tool_declares_an_object_output_schema_for_its_structured_content()
    {
        foreach (var tool in await ListToolsAsync())
        {
            var json = ToolCatalog.ToJson(tool);
            Assert.True(json["outputSchema"] is JsonObject, $"{tool.Name} has no output schema");
            Assert.Equal("object", json["outputSchema"]?["type"]?.GetValue<string>());
        }
    }

    private static ToolAnnotations AnnotationsOf(IReadOnlyList<Tool> tools, string name)
    {
        var tool = Assert.Single(tools, tool => tool.Name == name);
        return tool.Annotations ?? throw new Xunit.Sdk.XunitException($"{name} has no annotations");
    }

    private static async Task<IReadOnlyList<Tool>> ListToolsAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await McpTestHarness.StartAsync(new EmulatorOptions { Scenario = "empty" }, cancellationToken: ct);
        return await ToolCatalog.ListAsync(harness.Client, ct);
    }
}
