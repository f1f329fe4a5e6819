using System.Text.Json;
using HatchetMcp.Emulator;
using HatchetMcp.Profiles;
using HatchetMcp.Server;
using HatchetMcp.Tests.Server;
using ModelContextProtocol.Protocol;
using Xunit;

namespace HatchetMcp.Tests.Profiles;

/// <summary>
/// Several Hatchet connections in one server (a profiles file), seen by a real MCP client: each call goes to the tenant
/// of the profile it names, a read-only profile runs no write, and nothing names a token.
/// </summary>
public sealed class ProfileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>prod: the emulator's tenant, read-only. staging: the other tenant, writes available (the default).</summary>
    private static Task<McpTestHarness> StartTwoTenantsAsync(string confirm = "on") =>
        McpTestHarness.StartAsync(new McpTestHarnessOptions
        {
            Emulator = new EmulatorOptions { EnableTestHooks = true },
            Environment = new Dictionary<string, string?> { ["HATCHET_MCP_CONFIRM"] = confirm },
            EnvironmentFor = emulator => ProfilesFile(emulator, "staging",
                ("prod", "PROD_TOKEN", emulator.Token, emulator.TenantId, true),
                ("staging", "STAGING_TOKEN", emulator.Facts.OtherTenantToken, emulator.Facts.OtherTenantId, false)),
        }, Ct);

    private static Dictionary<string, string?> ProfilesFile(HatchetEmulator emulator, string? defaultProfile,
        params (string Name, string Variable, string Token, Guid Tenant, bool ReadOnly)[] profiles)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hatchet-mcp-profiles-{Guid.NewGuid():N}.json");
        var entries = profiles.Select(p =>
            $$"""{"name":"{{p.Name}}","token_env":"{{p.Variable}}","api_base":"{{emulator.BaseUrl}}","tenant_id":"{{p.Tenant}}","read_only":{{(p.ReadOnly ? "true" : "false")}}}""");
        File.WriteAllText(path, $$"""{{{(defaultProfile is null ? string.Empty : $"\"default\":\"{defaultProfile}\",")}}"profiles":[{{string.Join(",", entries)}}]}""");
        var environment = new Dictionary<string, string?> { [ServerProfiles.EnvironmentVariable] = path };
        foreach (var profile in profiles)
        {
            environment[profile.Variable] = profile.Token;
        }

        return environment;
    }

    private static async Task<CallToolResult> CallAsync(McpTestHarness harness, string tool, string arguments)
    {
        using var document = JsonDocument.Parse(arguments);
        return await harness.Client.CallToolAsync(new CallToolRequestParams
        {
            Name = tool,
            Arguments = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
        }, Ct);
    }

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    private static IReadOnlyList<string> Paths(McpTestHarness harness) => [.. harness.Emulator.Hooks.Requests.Select(r => r.Path)];

    [Fact]
    public async Task Each_call_goes_to_the_tenant_of_the_profile_it_names()
    {
        await using var harness = await StartTwoTenantsAsync();
        var prod = harness.Emulator.TenantId.ToString();
        var staging = harness.Emulator.Facts.OtherTenantId.ToString();

        harness.Emulator.Hooks.ClearRequests();
        var onProd = await CallAsync(harness, "list_runs", """{"profile":"prod","since":"7d","limit":5}""");
        var prodPaths = Paths(harness);
        harness.Emulator.Hooks.ClearRequests();
        var onStaging = await CallAsync(harness, "list_runs", """{"profile":"staging","since":"7d","limit":5}""");
        var stagingPaths = Paths(harness);
        harness.Emulator.Hooks.ClearRequests();
        _ = await CallAsync(harness, "list_runs", """{"since":"7d","limit":5}""");
        var defaultPaths = Paths(harness);

        Assert.False(onProd.IsError ?? false, Text(onProd));
        Assert.False(onStaging.IsError ?? false, Text(onStaging));
        Assert.NotEmpty(prodPaths);
        Assert.All(prodPaths.Where(p => p.Contains("/tenants/", StringComparison.Ordinal)), p => Assert.Contains(prod, p, StringComparison.Ordinal));
        Assert.Contains(prodPaths, p => p.Contains(prod, StringComparison.Ordinal));
        Assert.Contains(stagingPaths, p => p.Contains(staging, StringComparison.Ordinal));
        Assert.DoesNotContain(stagingPaths, p => p.Contains(prod, StringComparison.Ordinal));
        // The default (staging) answers a call that names no profile.
        Assert.Contains(defaultPaths, p => p.Contains(staging, StringComparison.Ordinal));
        Assert.DoesNotContain(defaultPaths, p => p.Contains(prod, StringComparison.Ordinal));
        Assert.NotEqual(Text(onProd), Text(onStaging));
    }

    [Theory]
    [InlineData("trigger_workflow", """{"workflow":"any-workflow","input":{}}""")]
    [InlineData("cancel_runs", """{"run_ids":["6f1c2a9e-0d1b-4c3a-9e8f-7a6b5c4d3e2f"]}""")]
    [InlineData("replay_runs", """{"run_ids":["6f1c2a9e-0d1b-4c3a-9e8f-7a6b5c4d3e2f"]}""")]
    public async Task A_read_only_profile_refuses_every_write_called_by_name_and_sends_nothing(string tool, string arguments)
    {
        // Confirmation off: on a writable profile the write would be sent at once, so only the profile holds it back.
        await using var harness = await StartTwoTenantsAsync(confirm: "off");
        harness.Emulator.Hooks.ClearRequests();

        var refused = await CallAsync(harness, tool, arguments.Insert(1, "\"profile\":\"prod\","));

        Assert.True(refused.IsError, Text(refused));
        Assert.Contains("profile 'prod'", Text(refused), StringComparison.Ordinal);
        Assert.Contains("read-only", Text(refused), StringComparison.Ordinal);
        Assert.Empty(harness.Emulator.Hooks.Requests);

        var tools = await harness.Client.ListToolsAsync(cancellationToken: Ct);
        Assert.Contains(tools, t => t.Name == tool);
        var accepted = await CallAsync(harness, tool, arguments.Insert(1, "\"profile\":\"staging\","));
        Assert.DoesNotContain("read-only", Text(accepted), StringComparison.Ordinal);
        Assert.NotEmpty(harness.Emulator.Hooks.Requests);
    }

    [Fact]
    public async Task An_unknown_profile_is_a_tool_error_naming_the_profiles()
    {
        await using var harness = await StartTwoTenantsAsync();
        harness.Emulator.Hooks.ClearRequests();

        var answer = await CallAsync(harness, "list_runs", """{"profile":"production"}""");

        Assert.True(answer.IsError);
        Assert.Contains("prod", Text(answer), StringComparison.Ordinal);
        Assert.Contains("staging", Text(answer), StringComparison.Ordinal);
        Assert.Empty(harness.Emulator.Hooks.Requests);
    }

    [Fact]
    public async Task With_several_profiles_every_tool_takes_profile_as_an_enum_of_their_names()
    {
        await using var harness = await StartTwoTenantsAsync();

        var tools = await harness.Client.ListToolsAsync(cancellationToken: Ct);

        Assert.All(tools, tool =>
        {
            var profile = tool.ProtocolTool.InputSchema.GetProperty("properties").GetProperty("profile");
            Assert.Equal(["prod", "staging"], profile.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!));
            Assert.Contains("default staging", profile.GetProperty("description").GetString(), StringComparison.Ordinal);
        });
        Assert.Contains("prod (read-only)", harness.Client.ServerInstructions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_one_profile_in_the_file_no_tool_takes_profile()
    {
        await using var harness = await McpTestHarness.StartAsync(new McpTestHarnessOptions
        {
            EnvironmentFor = emulator => ProfilesFile(emulator, null, ("only", "ONLY_TOKEN", emulator.Token, emulator.TenantId, false)),
        }, Ct);

        var tools = await harness.Client.ListToolsAsync(cancellationToken: Ct);

        Assert.All(tools, tool => Assert.False(
            tool.ProtocolTool.InputSchema.TryGetProperty("properties", out var properties) && properties.TryGetProperty("profile", out _), tool.Name));
        Assert.False((await CallAsync(harness, "whoami", "{}")).IsError ?? false);
    }

    [Fact]
    public async Task A_single_read_only_profile_makes_the_server_read_only()
    {
        await using var harness = await McpTestHarness.StartAsync(new McpTestHarnessOptions
        {
            EnvironmentFor = emulator => ProfilesFile(emulator, null, ("prod", "ONLY_TOKEN", emulator.Token, emulator.TenantId, true)),
        }, Ct);
        harness.Emulator.Hooks.ClearRequests();

        var tools = await harness.Client.ListToolsAsync(cancellationToken: Ct);
        var refused = await CallAsync(harness, "cancel_runs", """{"run_ids":["6f1c2a9e-0d1b-4c3a-9e8f-7a6b5c4d3e2f"]}""");

        Assert.DoesNotContain(tools, t => t.Name == "cancel_runs");
        Assert.True(refused.IsError);
        Assert.Empty(harness.Emulator.Hooks.Requests);
    }

    [Fact]
    public async Task Whoami_lists_the_profiles_and_which_answered_without_any_token()
    {
        await using var harness = await StartTwoTenantsAsync();

        var answer = await CallAsync(harness, "whoami", """{"profile":"prod"}""");

        var text = Text(answer);
        var structured = answer.StructuredContent!.Value;
        Assert.Equal("prod", structured.GetProperty("profile").GetString());
        Assert.Equal(harness.Emulator.TenantId, structured.GetProperty("tenantId").GetGuid());
        var profiles = structured.GetProperty("profiles").EnumerateArray().ToList();
        Assert.Equal(["prod", "staging"], profiles.Select(p => p.GetProperty("name").GetString()!));
        Assert.True(profiles[0].GetProperty("readOnly").GetBoolean());
        Assert.True(profiles[1].GetProperty("isDefault").GetBoolean());
        Assert.Equal(harness.Emulator.Facts.OtherTenantId, profiles[1].GetProperty("tenantId").GetGuid());
        Assert.Contains("staging (default)", text, StringComparison.Ordinal);
        _ = await CallAsync(harness, "whoami", """{"profile":"staging"}""");
        var whole = text + answer.StructuredContent.Value.GetRawText() + harness.ServerLog;
        foreach (var token in new[] { harness.Emulator.Token, harness.Emulator.Facts.OtherTenantToken })
        {
            foreach (var secret in TestJwt.SecretParts(token))
            {
                Assert.DoesNotContain(secret, whole, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task The_audit_line_names_the_profile()
    {
        await using var harness = await StartTwoTenantsAsync();

        _ = await CallAsync(harness, "cancel_runs", """{"profile":"staging","run_ids":["6f1c2a9e-0d1b-4c3a-9e8f-7a6b5c4d3e2f"]}""");

        var audit = Assert.Single(harness.ServerLog.Split('\n'), line => line.Contains("\"tool\":\"cancel_runs\"", StringComparison.Ordinal));
        Assert.Contains("\"profile\":\"staging\"", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmation_token_previewed_on_one_profile_is_refused_on_another()
    {
        // Two profiles on the same tenant: the calls differ in nothing but the profile.
        await using var harness = await McpTestHarness.StartAsync(new McpTestHarnessOptions
        {
            EnvironmentFor = emulator => ProfilesFile(emulator, null,
                ("blue", "BLUE_TOKEN", emulator.Token, emulator.TenantId, false),
                ("green", "GREEN_TOKEN", emulator.Token, emulator.TenantId, false)),
        }, Ct);
        var run = harness.Emulator.Facts.NoWorkerRunIds[0];
        var preview = await CallAsync(harness, "cancel_runs", $$"""{"profile":"blue","run_ids":["{{run}}"]}""");
        var token = preview.StructuredContent!.Value.GetProperty("confirmation").GetProperty("token").GetString()!;
        // The human approving the preview sees which connection it is for.
        Assert.StartsWith("Profile: blue\nPreview: nothing was sent.", Text(preview), StringComparison.Ordinal);
        harness.Emulator.Hooks.ClearRequests();

        var refused = await CallAsync(harness, "cancel_runs", $$"""{"profile":"green","run_ids":["{{run}}"],"confirmation_token":"{{token}}"}""");

        Assert.True(refused.IsError, Text(refused));
        Assert.Contains("profile 'blue'", Text(refused), StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Emulator.Hooks.Requests, r => r.Method != "GET");
    }
}
