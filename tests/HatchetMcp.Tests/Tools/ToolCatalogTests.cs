using System.Text.Json;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>What tools/list tells a client: names, titles, descriptions, annotations and schemas.</summary>
public sealed class ToolCatalogTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>
{
    private static readonly string[] Reads = ["whoami", "list_workflows", "get_workflow", "list_runs", "get_run", "get_run_logs", "search_logs", "list_workers", "get_worker", "get_queue_metrics", "list_rate_limits", "list_crons", "list_scheduled_runs", "list_events", "find_stuck_runs", "summarize_failures", "diagnose_run", "compare_runs"];
    private static readonly string[] Writes = ["trigger_workflow", "cancel_runs", "replay_runs", "pause_worker", "resume_worker", "pause_workflow", "resume_workflow"];

    private async Task<IList<ModelContextProtocol.Client.McpClientTool>> ToolsAsync() =>
        await fixture.Server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task Exactly_the_operator_tools_are_listed()
    {
        var names = (await ToolsAsync()).Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Reads.Concat(Writes).Order(StringComparer.Ordinal).ToArray(), names);
    }

    [Fact]
    public async Task Every_tool_has_a_title_a_description_and_a_description_on_every_parameter()
    {
        foreach (var tool in await ToolsAsync())
        {
            var protocol = tool.ProtocolTool;
            Assert.False(string.IsNullOrWhiteSpace(protocol.Title), tool.Name);
            Assert.True((protocol.Description?.Length ?? 0) > 80, tool.Name);
            if (protocol.InputSchema.TryGetProperty("properties", out var properties))
            {
                foreach (var parameter in properties.EnumerateObject())
                {
                    Assert.True(parameter.Value.TryGetProperty("description", out var d) && d.GetString()!.Length > 10,
                        $"{tool.Name}.{parameter.Name} has no description");
                }
            }
        }
    }

    [Fact]
    public async Task Reads_are_read_only_and_writes_say_they_mutate_live_state()
    {
        foreach (var tool in await ToolsAsync())
        {
            var a = tool.ProtocolTool.Annotations;
            Assert.NotNull(a);
            Assert.True(a.OpenWorldHint, tool.Name);
            if (Reads.Contains(tool.Name))
            {
                Assert.True(a.ReadOnlyHint, tool.Name);
                Assert.False(a.DestructiveHint, tool.Name);
                Assert.DoesNotContain("MUTATES", tool.Description, StringComparison.Ordinal);
            }
            else
            {
                Assert.False(a.ReadOnlyHint, tool.Name);
                Assert.StartsWith("MUTATES LIVE STATE.", tool.Description, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Trigger_is_neither_destructive_nor_idempotent_while_cancel_and_replay_are_destructive()
    {
        var tools = (await ToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool.Annotations!);
        Assert.False(tools["trigger_workflow"].DestructiveHint);
        Assert.False(tools["trigger_workflow"].IdempotentHint);
        Assert.True(tools["cancel_runs"].DestructiveHint);
        Assert.True(tools["replay_runs"].DestructiveHint);
        Assert.False(tools["replay_runs"].IdempotentHint);
    }

    [Theory]
    [InlineData("pause_worker", true)]
    [InlineData("pause_workflow", true)]
    [InlineData("resume_worker", false)]
    [InlineData("resume_workflow", false)]
    public async Task A_pause_is_destructive_a_resume_is_not_and_both_are_idempotent(string tool, bool destructive)
    {
        var annotations = (await ToolsAsync()).Single(t => t.Name == tool).ProtocolTool.Annotations!;
        Assert.Equal(destructive, annotations.DestructiveHint);
        Assert.True(annotations.IdempotentHint);
        Assert.False(annotations.ReadOnlyHint);
    }

    [Fact]
    public async Task Every_tool_declares_an_object_output_schema()
    {
        foreach (var tool in await ToolsAsync())
        {
            Assert.True(tool.ProtocolTool.OutputSchema is { } schema && schema.GetProperty("type").GetString() == "object", tool.Name);
            Assert.True(tool.ProtocolTool.OutputSchema!.Value.GetProperty("properties").EnumerateObject().Any(), tool.Name);
        }
    }

    [Fact]
    public async Task Ids_are_asked_for_by_name_and_required_where_a_tool_cannot_work_without_them()
    {
        var tools = (await ToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool.InputSchema);
        Assert.Equal(["run_id"], Required(tools["get_run"]));
        Assert.Equal(["run_id"], Required(tools["get_run_logs"]));
        Assert.Equal(["text"], Required(tools["search_logs"]));
        // run_ids or a filter: the tool says which when neither is given.
        Assert.Empty(Required(tools["cancel_runs"]));
        Assert.Empty(Required(tools["replay_runs"]));
        Assert.Equal(["input", "workflow"], Required(tools["trigger_workflow"]).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["workflow"], Required(tools["get_workflow"]));
        Assert.Equal(["worker_id"], Required(tools["pause_worker"]));
        Assert.Equal(["worker_id"], Required(tools["resume_worker"]));
        Assert.Equal(["workflow"], Required(tools["pause_workflow"]));
        Assert.Equal(["workflow"], Required(tools["resume_workflow"]));
        Assert.Empty(Required(tools["list_runs"]));
    }

    private static string[] Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
}
