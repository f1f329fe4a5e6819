using System.Text.Json;
using HatchetMcp.Emulator;
using HatchetMcp.Server;
using HatchetMcp.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// Read-only mode and toolsets, seen by a real MCP client: what tools/list shows, what a call by name does, what the
/// instructions and prompts say. Each harness is configured through the environment, as the server is in production.
/// </summary>
public sealed class ModesAndToolsetsTests
{
    private const int DefaultListBudget = 24_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<McpTestHarness> StartAsync(params (string Name, string? Value)[] environment) =>
        McpTestHarness.StartAsync(new McpTestHarnessOptions
        {
            Emulator = new EmulatorOptions { Scenario = "empty", EnableTestHooks = true },
            Environment = environment.ToDictionary(pair => pair.Name, pair => pair.Value),
        }, Ct);

    private static async Task<List<string>> ListedAsync(McpTestHarness harness) =>
        [.. (await ToolCatalog.ListAsync(harness.Client, Ct)).Select(tool => tool.Name).Order(StringComparer.Ordinal)];

    private static List<string> Sorted(IEnumerable<string> names) => [.. names.Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Without_a_choice_the_default_toolset_is_listed_with_the_writes_and_fits_24_KB()
    {
        await using var harness = await StartAsync((ToolSelection.ToolsetsVariable, null));

        var tools = await ToolCatalog.ListAsync(harness.Client, Ct);

        Assert.Equal(Sorted(Toolsets.Table.Where(row => row.InDefault).Select(row => row.Tool)), Sorted(tools.Select(t => t.Name)));
        // The run writes are in the default; pause and resume are one --toolsets actions away.
        Assert.Superset(new HashSet<string>(["trigger_workflow", "cancel_runs", "replay_runs"]), new HashSet<string>(tools.Select(t => t.Name)));
        Assert.DoesNotContain("pause_worker", tools.Select(t => t.Name));
        var answer = JsonSerializer.SerializeToUtf8Bytes(
            new ListToolsResult { Tools = [.. tools] }, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ListToolsResult)));
        Assert.True(answer.Length <= DefaultListBudget, $"the default tools/list answer is {answer.Length} bytes, over {DefaultListBudget}");
    }

    [Theory]
    [InlineData(null, null, "8 tools listed, 3 writes (trigger_workflow, cancel_runs, replay_runs)")]
    [InlineData("all", null, "25 tools listed, 7 writes (")]
    [InlineData("all", "true", "18 tools listed, 0 writes; read-only: no write is listed or runs")]
    public async Task Whoami_says_what_this_server_lists_and_which_writes_it_runs(string? toolsets, string? readOnly, string expected)
    {
        await using var harness = await StartAsync((ToolSelection.ToolsetsVariable, toolsets), (ToolSelection.ReadOnlyVariable, readOnly));

        var answer = await harness.Client.CallToolAsync("whoami", new Dictionary<string, object?>(), cancellationToken: Ct);

        var text = string.Join("\n", answer.Content.OfType<TextContentBlock>().Select(block => block.Text));
        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_lists_every_tool_and_every_tool_has_exactly_one_area()
    {
        await using var harness = await StartAsync((ToolSelection.ToolsetsVariable, "all"));

        var listed = await ListedAsync(harness);

        Assert.Equal(Sorted(ToolCatalog.ReadTools.Concat(ToolCatalog.WriteTools)), listed);
        Assert.Equal(Sorted(Toolsets.Table.Select(row => row.Tool)), listed);
        Assert.Equal(Toolsets.Table.Count, Toolsets.Table.Select(row => row.Tool).Distinct().Count());
    }

    [Fact]
    public async Task Toolsets_list_the_tools_of_their_areas_only()
    {
        await using var harness = await StartAsync((ToolSelection.ToolsetsVariable, "runs, logs"));

        Assert.Equal(["get_run", "get_run_logs", "list_runs", "search_logs"], await ListedAsync(harness));
    }

    [Fact]
    public async Task Tools_named_with_toolsets_are_listed_besides_them()
    {
        await using var harness = await StartAsync((ToolSelection.ToolsetsVariable, "default"), (ToolSelection.ToolsVariable, "get_worker,list_events"));

        var listed = await ListedAsync(harness);

        Assert.Equal(Sorted(Toolsets.ToolsOf("default").Append("get_worker").Append("list_events")), listed);
    }

    [Fact]
    public async Task Tools_named_without_toolsets_are_the_only_ones_listed()
    {
        await using var harness = await StartAsync((ToolSelection.ToolsetsVariable, null), (ToolSelection.ToolsVariable, "whoami,get_run"));

        Assert.Equal(["get_run", "whoami"], await ListedAsync(harness));
    }

    [Fact]
    public async Task An_excluded_tool_is_not_listed_even_when_its_toolset_and_its_name_are_given()
    {
        await using var harness = await StartAsync(
            (ToolSelection.ToolsetsVariable, "runs"), (ToolSelection.ToolsVariable, "get_run,whoami"), (ToolSelection.ExcludeToolsVariable, "get_run"));

        Assert.Equal(["list_runs", "whoami"], await ListedAsync(harness));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("all")]
    public async Task Read_only_mode_lists_no_tool_that_changes_live_state(string? toolsets)
    {
        await using var harness = await StartAsync((ToolSelection.ToolsetsVariable, toolsets), (ToolSelection.ReadOnlyVariable, "true"));

        var tools = await ToolCatalog.ListAsync(harness.Client, Ct);

        Assert.NotEmpty(tools);
        Assert.All(tools, tool => Assert.True(tool.Annotations?.ReadOnlyHint == true, $"{tool.Name} is listed in read-only mode"));
        var expected = toolsets is null ? Toolsets.ToolsOf("default") : Toolsets.ToolNames;
        Assert.Equal(Sorted(expected.Except(ToolCatalog.WriteTools)), Sorted(tools.Select(tool => tool.Name)));
    }

    public static TheoryData<string> Writes() => [.. ToolCatalog.WriteTools];

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task In_read_only_mode_a_write_called_by_name_is_a_tool_error_and_nothing_reaches_Hatchet(string tool)
    {
        // Named with --tools as well: read-only mode still wins.
        await using var harness = await StartAsync(
            (ToolSelection.ToolsetsVariable, "all"), (ToolSelection.ToolsVariable, tool), (ToolSelection.ReadOnlyVariable, "true"));
        var facts = harness.Emulator.Facts;
        harness.Emulator.Hooks.ClearRequests();

        var arguments = tool switch
        {
            "trigger_workflow" => new Dictionary<string, object?> { ["workflow"] = facts.SingleTaskWorkflowName, ["input"] = new Dictionary<string, object?>() },
            "pause_worker" or "resume_worker" => new Dictionary<string, object?> { ["worker_id"] = facts.SaturatedWorkerId.ToString() },
            "pause_workflow" or "resume_workflow" => new Dictionary<string, object?> { ["workflow"] = facts.SingleTaskWorkflowName },
            _ => new Dictionary<string, object?> { ["run_ids"] = new[] { Guid.NewGuid().ToString() } },
        };
        var result = await harness.Client.CallToolAsync(tool, arguments, cancellationToken: Ct);

        Assert.True(result.IsError, $"{tool} ran in read-only mode");
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Contains($"'{tool}' is not available", text, StringComparison.Ordinal);
        Assert.Contains("read-only", text, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent to Hatchet", text, StringComparison.Ordinal);
        Assert.Empty(harness.Emulator.Hooks.Requests);
    }

    [Fact]
    public async Task A_read_tool_left_out_by_the_toolsets_is_refused_by_name_with_how_to_list_it()
    {
        await using var harness = await StartAsync((ToolSelection.ToolsetsVariable, "findings"), (ToolSelection.ExcludeToolsVariable, "compare_runs"));
        harness.Emulator.Hooks.ClearRequests();

        var leftOut = await harness.Client.CallToolAsync("list_workers", new Dictionary<string, object?>(), cancellationToken: Ct);
        var excluded = await harness.Client.CallToolAsync(
            "compare_runs", new Dictionary<string, object?> { ["run_id"] = Guid.NewGuid().ToString() }, cancellationToken: Ct);

        Assert.True(leftOut.IsError);
        Assert.Contains("--toolsets all or --tools list_workers", Assert.IsType<TextContentBlock>(Assert.Single(leftOut.Content)).Text, StringComparison.Ordinal);
        Assert.True(excluded.IsError);
        Assert.Contains("--exclude-tools compare_runs", Assert.IsType<TextContentBlock>(Assert.Single(excluded.Content)).Text, StringComparison.Ordinal);
        Assert.Empty(harness.Emulator.Hooks.Requests);
    }

    [Fact]
    public async Task The_instructions_state_read_only_mode_and_the_writes_it_holds_back()
    {
        await using var harness = await StartAsync((ToolSelection.ToolsetsVariable, "all"), (ToolSelection.ReadOnlyVariable, "1"));

        var instructions = harness.Client.ServerInstructions ?? string.Empty;

        Assert.Contains("Mode: read-only. trigger_workflow, cancel_runs, replay_runs, pause_worker, resume_worker, pause_workflow, resume_workflow are not available", instructions, StringComparison.Ordinal);
        Assert.DoesNotContain("Not listed on this server", instructions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_instructions_state_that_writes_are_available_and_which_tools_the_toolsets_leave_out()
    {
        await using var harness = await StartAsync((ToolSelection.ToolsetsVariable, null));

        var instructions = harness.Client.ServerInstructions ?? string.Empty;

        Assert.Contains("Mode: writes available.", instructions, StringComparison.Ordinal);
        var notListed = Toolsets.Table.Where(row => !row.InDefault).Select(row => row.Tool);
        Assert.Contains($"Not listed on this server (--toolsets default): {string.Join(", ", notListed)};", instructions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prompt_naming_held_back_tools_says_they_are_unavailable()
    {
        await using var harness = await StartAsync((ToolSelection.ToolsetsVariable, "all"), (ToolSelection.ReadOnlyVariable, "true"));

        var prompt = await harness.Client.GetPromptAsync(
            "debug_run", new Dictionary<string, object?> { ["run_id"] = Guid.NewGuid().ToString() }, cancellationToken: Ct);

        var text = Assert.IsType<TextContentBlock>(prompt.Messages[^1].Content).Text;
        Assert.EndsWith(
            "Not available on this server (the server runs read-only): replay_runs, cancel_runs, trigger_workflow. Skip those steps and say what you could not check or do.",
            text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prompt_whose_tools_are_all_listed_is_unchanged()
    {
        await using var harness = await StartAsync((ToolSelection.ToolsetsVariable, "all"));

        var prompt = await harness.Client.GetPromptAsync("tenant_health", cancellationToken: Ct);

        Assert.DoesNotContain("Not available", Assert.IsType<TextContentBlock>(prompt.Messages[^1].Content).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("default", null, "tools-list-default.json")]
    [InlineData("default", "true", "tools-list-read-only.json")]
    public async Task Tools_list_per_mode_matches_its_golden_snapshot(string toolsets, string? readOnly, string golden)
    {
        // The `all` mode's snapshot is tools-list.json (ToolsListGoldenTests), the one every tool change updates.
        await using var harness = await StartAsync((ToolSelection.ToolsetsVariable, toolsets), (ToolSelection.ReadOnlyVariable, readOnly));

        var tools = await ToolCatalog.ListAsync(harness.Client, Ct);

        GoldenFile.AssertMatches(Path.Combine("Golden", golden), ToolCatalog.Snapshot(tools));
    }
}
