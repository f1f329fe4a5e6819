using System.Text.Json;
using HatchetMcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// The tools build their structured answers themselves; the SDK must neither serialise them a second time (it does so
/// for every tool that declares an output schema) nor stop advertising the schemas.
/// </summary>
public sealed class PrebuiltResultToolTests
{
    [Fact]
    public void A_wrapped_tool_advertises_the_same_description_while_the_sdk_sees_no_output_schema()
    {
        var tool = SampleTool();
        var before = Describe(tool.ProtocolTool);

        var wrapped = PrebuiltResultTool.Wrap(tool);

        Assert.NotSame(tool, wrapped);
        Assert.Equal(before, Describe(wrapped.ProtocolTool));
        Assert.NotNull(wrapped.ProtocolTool.OutputSchema);
        Assert.Null(tool.ProtocolTool.OutputSchema);
    }

    [Fact]
    public void A_tool_without_an_output_schema_and_an_already_wrapped_tool_are_left_alone()
    {
        var plain = McpServerTool.Create(() => "hello", new McpServerToolCreateOptions { Name = "plain" });
        var wrapped = PrebuiltResultTool.Wrap(SampleTool());

        Assert.Same(plain, PrebuiltResultTool.Wrap(plain));
        Assert.Same(wrapped, PrebuiltResultTool.Wrap(wrapped));
    }

    [Fact]
    public async Task Every_tool_the_server_registers_with_an_output_schema_is_served_by_the_wrapper()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await McpTestHarness.StartAsync(new HatchetMcp.Emulator.EmulatorOptions { Scenario = "empty" }, cancellationToken: ct);

        var tools = harness.Services.GetRequiredService<IOptions<McpServerOptions>>().Value.ToolCollection!;

        Assert.Equal(ToolCatalog.ReadTools.Count + ToolCatalog.WriteTools.Count, tools.Count);
        Assert.All(tools, tool =>
        {
            Assert.NotNull(tool.ProtocolTool.OutputSchema);
            Assert.IsType<PrebuiltResultTool>(tool);
        });
    }

    private static McpServerTool SampleTool() => McpServerTool.Create(
        () => new CallToolResult
        {
            Content = [new TextContentBlock { Text = "one line for the model" }],
            StructuredContent = JsonDocument.Parse("""{"count":3}""").RootElement.Clone(),
        },
        new McpServerToolCreateOptions
        {
            Name = "sample",
            Title = "Sample",
            Description = "A sample tool.",
            ReadOnly = true,
            UseStructuredContent = true,
            OutputSchema = JsonDocument.Parse("""{"type":"object","properties":{"count":{"type":"integer"}}}""").RootElement.Clone(),
        });

    private static string Describe(Tool tool) =>
        JsonSerializer.Serialize(tool, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Tool)));
}
