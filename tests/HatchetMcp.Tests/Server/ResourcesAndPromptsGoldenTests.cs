using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using HatchetMcp.Emulator;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// prompts/list and the resource lists are a contract with clients as tools/list is: a change to a name, description,
/// argument or URI must be deliberate, reviewed in the golden file's diff (UPDATE_GOLDEN=1 rewrites them).
/// </summary>
public sealed class ResourcesAndPromptsGoldenTests
{
    [Fact]
    public async Task Prompts_list_matches_the_checked_in_golden_snapshot()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await McpTestHarness.StartAsync(new EmulatorOptions { Scenario = "empty" }, cancellationToken: ct);

        var prompts = await harness.Client.ListPromptsAsync(cancellationToken: ct);

        var array = new JsonArray([.. prompts.Select(p => p.ProtocolPrompt).OrderBy(p => p.Name, StringComparer.Ordinal).Select(ToJson)]);
        GoldenFile.AssertMatches(Path.Combine("Golden", "prompts-list.json"), Write(new JsonObject { ["prompts"] = array }));
    }

    [Fact]
    public async Task Resources_list_and_resource_templates_list_match_the_checked_in_golden_snapshot()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await McpTestHarness.StartAsync(new EmulatorOptions { Scenario = "empty" }, cancellationToken: ct);

        var resources = await harness.Client.ListResourcesAsync(cancellationToken: ct);
        var templates = await harness.Client.ListResourceTemplatesAsync(cancellationToken: ct);

        var snapshot = new JsonObject
        {
            ["resources"] = new JsonArray([.. resources.Select(r => r.ProtocolResource).OrderBy(r => r.Uri, StringComparer.Ordinal).Select(ToJson)]),
            ["resourceTemplates"] = new JsonArray([.. templates.Select(t => t.ProtocolResourceTemplate)
                .OrderBy(t => t.UriTemplate, StringComparer.Ordinal).Select(ToJson)]),
        };
        GoldenFile.AssertMatches(Path.Combine("Golden", "resources-list.json"), Write(snapshot));
    }

    private static JsonNode ToJson<T>(T value) =>
        JsonSerializer.SerializeToNode(value, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(T)))!;

    private static string Write(JsonObject snapshot) => snapshot.ToJsonString(new JsonSerializerOptions(McpJsonUtilities.DefaultOptions)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
