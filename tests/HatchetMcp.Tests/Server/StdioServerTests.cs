using HatchetMcp.Emulator;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>The built program driven by the SDK's own stdio client, exactly as an MCP host launches it.</summary>
public sealed class StdioServerTests
{
    [Fact]
    public async Task A_stdio_client_initialises_lists_the_tools_and_gets_a_whoami_answer_from_the_emulator()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scenario = "empty" }, ct);
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "hatchet-mcp",
            Command = "dotnet",
            // The server's own options reach it through a real launch: every tool, over the default toolset.
            Arguments = [BuiltServer.DllPath, "--toolsets", "all"],
            WorkingDirectory = AppContext.BaseDirectory,
            EnvironmentVariables = BuiltServer.Environment(
            [
                new("HATCHET_CLIENT_TOKEN", emulator.Token),
                new("HATCHET_API_BASE", emulator.BaseUrl.ToString()),
            ]),
        });

        await using var client = await McpClient.CreateAsync(transport, cancellationToken: ct);
        var tools = await client.ListToolsAsync(cancellationToken: ct);
        var whoami = await client.CallToolAsync("whoami", cancellationToken: ct);

        Assert.Equal("hatchet-mcp", client.ServerInfo?.Name);
        Assert.Equal(ToolCatalog.ReadTools.Count + ToolCatalog.WriteTools.Count, tools.Count);
        Assert.NotEqual(true, whoami.IsError);
        var text = string.Concat(whoami.Content.OfType<TextContentBlock>().Select(block => block.Text));
        Assert.Contains(emulator.TenantId.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(emulator.BaseUrl.Authority, text, StringComparison.Ordinal);
    }
}
