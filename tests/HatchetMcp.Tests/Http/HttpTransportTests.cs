using System.Text.Json;
using HatchetMcp.Server.Http;
using HatchetMcp.Tests.Server;
using HatchetMcp.Tests.ToolTests;
using Xunit;

namespace HatchetMcp.Tests.Http;

/// <summary>
/// Over Streamable HTTP, through the SDK's own HTTP client, the server is the same server as over stdio: the same tools,
/// every read answering, writes confirmed by a preview and its token.
/// </summary>
public sealed class HttpTransportTests(HttpServerFixture fixture) : IClassFixture<HttpServerFixture>
{
    private Emulator.ScenarioFacts Facts => fixture.Emulator.Facts;

    public static TheoryData<string> ReadTools => [.. ToolCatalog.ReadTools];

    [Fact]
    public async Task Tools_list_over_http_is_the_same_as_over_the_stream_transport()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await McpTestHarness.StartAsync(cancellationToken: ct);
        await using var client = await HttpTestServers.ConnectAsync(fixture.Server.McpUrl);

        var overHttp = await ToolCatalog.ListAsync(client, ct);

        Assert.Equal(ToolCatalog.Snapshot(await ToolCatalog.ListAsync(harness.Client, ct)), ToolCatalog.Snapshot(overHttp));
    }

    [Theory]
    [MemberData(nameof(ReadTools))]
    public async Task Every_read_tool_answers_over_http(string tool)
    {
        await using var client = await HttpTestServers.ConnectAsync(fixture.Server.McpUrl);

        var answer = await client.CallAsync(tool, MinimalArguments(tool));

        Assert.False(answer.IsError, answer.Text);
        Assert.NotNull(answer.Result.StructuredContent);
    }

    [Fact]
    public async Task Whoami_says_the_server_is_served_over_stateless_http()
    {
        await using var client = await HttpTestServers.ConnectAsync(fixture.Server.McpUrl);

        var answer = await client.CallAsync("whoami");

        Assert.Contains(StreamableHttpServer.ServerMode, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_over_http_is_previewed_then_sent_once_with_its_confirmation_token()
    {
        await using var client = await HttpTestServers.ConnectAsync(fixture.Server.McpUrl);
        // A workflow whose action no worker serves: the run it starts stays put.
        var held = await client.CallAsync("get_run", $$"""{"run_id":"{{Facts.NoWorkerRunIds[0]}}"}""");
        var workflowName = held.Structured.GetProperty("workflowName").GetString()!;
        var workflow = JsonSerializer.Serialize(workflowName, TestJson.Default.String);
        var args = $$"""{"workflow":{{workflow}},"input":{"day":"today"} }""";
        fixture.Emulator.Hooks.ClearRequests();

        var preview = await client.CallAsync("trigger_workflow", args);

        Assert.Equal("preview", preview.Structured.GetProperty("confirmation").GetProperty("result").GetString());
        Assert.DoesNotContain(fixture.Emulator.Hooks.Requests, request => request.Method == "POST");
        var token = JsonSerializer.Serialize(preview.Structured.GetProperty("confirmation").GetProperty("token").GetString()!, TestJson.Default.String);

        var done = await client.CallAsync("trigger_workflow", args.TrimEnd()[..^1] + ",\"confirmation_token\":" + token + "}");

        Assert.False(done.IsError, done.Text);
        Assert.Equal(1, fixture.Emulator.Hooks.Requests.Count(request => request.Method == "POST"));
        var run = await client.CallAsync("get_run", $$"""{"run_id":"{{done.Structured.GetProperty("runId").GetGuid()}}"}""");
        Assert.Equal(workflowName, run.Structured.GetProperty("workflowName").GetString());
    }

    private string MinimalArguments(string tool) => tool switch
    {
        "get_workflow" => $$"""{"workflow":{{JsonSerializer.Serialize(Facts.FailingWorkflowName, TestJson.Default.String)}}}""",
        "get_run" or "get_run_logs" or "diagnose_run" or "compare_runs" => $$"""{"run_id":"{{Facts.SampleDagRunId}}"}""",
        "get_worker" => $$"""{"worker_id":"{{Facts.SaturatedWorkerId}}"}""",
        "search_logs" => """{"text":"starting","since":"7d"}""",
        _ => "{}",
    };
}
