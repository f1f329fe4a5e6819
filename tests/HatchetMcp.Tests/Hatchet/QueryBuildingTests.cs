using System.Net;
using System.Text.Json;
using HatchetMcp.Hatchet;
using Xunit;

namespace HatchetMcp.Tests.Hatchet;

/// <summary>What goes on the wire: the parameters the real server needs, repeated keys for arrays, everything escaped.</summary>
public sealed class QueryBuildingTests
{
    private static readonly DateTimeOffset Since = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static async Task<SeenRequest> OneRequest(Func<IHatchetClient, Task> call, string json)
    {
        var stub = new StubHatchetHandler().ThenJson(HttpStatusCode.OK, json);
        using var client = HatchetClient.Create(TestTokens.Settings(), stub);
        await call(client);
        return Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_run_list_always_sends_since_only_tasks_and_include_payloads()
    {
        var seen = await OneRequest(c => c.ListRunsAsync(new RunListQuery { Since = Since }, TestContext.Current.CancellationToken), Samples.EmptyRunList);

        Assert.Equal(HttpMethod.Get, seen.Method);
        Assert.Equal($"/api/v1/stable/tenants/{TestTokens.Tenant}/workflow-runs", seen.Uri.AbsolutePath);
        Assert.Equal(["2026-11-23T12:00:00Z"], seen.Query("since"));
        Assert.Equal(["false"], seen.Query("only_tasks"));
        Assert.Equal(["false"], seen.Query("include_payloads"));
        Assert.Empty(seen.Query("limit"));
        Assert.Empty(seen.Query("statuses"));
    }

    [Fact]
    public async Task Run_list_filters_go_out_as_repeated_keys()
    {
        var wf1 = Guid.Parse("11111111-1111-4111-8111-111111111111");
        var wf2 = Guid.Parse("22222222-2222-4222-8222-222222222222");
        var query = new RunListQuery
        {
            Since = Since,
            Until = Since.AddHours(6),
            Statuses = [V1TaskStatuses.Failed, V1TaskStatuses.Cancelled],
            WorkflowIds = [wf1, wf2],
            AdditionalMetadata = [new("customer", "c-1"), new("region", "eu")],
            AdditionalMetadataOperator = "AND",
            OnlyTasks = true,
            IncludePayloads = true,
            Limit = 25,
            Offset = 50,
        };

        var seen = await OneRequest(c => c.ListRunsAsync(query, TestContext.Current.CancellationToken), Samples.EmptyRunList);

        Assert.Equal(["FAILED", "CANCELLED"], seen.Query("statuses"));
        Assert.Equal([wf1.ToString(), wf2.ToString()], seen.Query("workflow_ids"));
        Assert.Equal(["customer:c-1", "region:eu"], seen.Query("additional_metadata"));
        Assert.Equal(["AND"], seen.Query("additional_metadata_operator"));
        Assert.Equal(["true"], seen.Query("only_tasks"));
        Assert.Equal(["true"], seen.Query("include_payloads"));
        Assert.Equal(["25"], seen.Query("limit"));
        Assert.Equal(["50"], seen.Query("offset"));
        Assert.Equal(["2026-11-23T18:00:00Z"], seen.Query("until"));
    }

    [Fact]
    public async Task Times_with_an_offset_are_sent_in_UTC_so_no_plus_sign_reaches_the_server()
    {
        var local = new DateTimeOffset(2026, 11, 23, 14, 30, 15, 250, TimeSpan.FromHours(2));

        var seen = await OneRequest(c => c.ListRunsAsync(new RunListQuery { Since = local }, TestContext.Current.CancellationToken), Samples.EmptyRunList);

        Assert.Equal(["2026-11-23T12:30:15.25Z"], seen.Query("since"));
        Assert.DoesNotContain("+", seen.Uri.Query);
    }

    [Fact]
    public async Task Metadata_values_with_reserved_characters_are_escaped()
    {
        var query = new RunListQuery { Since = Since, AdditionalMetadata = [new("note", "a b&c=d/e?f#g+h:i")] };

        var seen = await OneRequest(c => c.ListRunsAsync(query, TestContext.Current.CancellationToken), Samples.EmptyRunList);

        Assert.Equal(["note:a b&c=d/e?f#g+h:i"], seen.Query("additional_metadata"));
        Assert.DoesNotContain("#", seen.Uri.OriginalString);
        Assert.Contains("a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%3Ai", seen.Uri.OriginalString);
    }

    [Fact]
    public async Task A_metadata_key_with_a_colon_is_rejected_before_any_request()
    {
        var stub = new StubHatchetHandler().ThenJson(HttpStatusCode.OK, Samples.EmptyRunList);
        using var client = HatchetClient.Create(TestTokens.Settings(), stub);

        await Assert.ThrowsAsync<ArgumentException>(() => client.ListRunsAsync(
            new RunListQuery { Since = Since, AdditionalMetadata = [new("a:b", "c")] }, TestContext.Current.CancellationToken));
        Assert.Empty(stub.Requests);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task A_run_list_limit_below_one_is_rejected_before_any_request(int limit)
    {
        var stub = new StubHatchetHandler().ThenJson(HttpStatusCode.OK, Samples.EmptyRunList);
        using var client = HatchetClient.Create(TestTokens.Settings(), stub);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ListRunsAsync(
            new RunListQuery { Since = Since, Limit = limit }, TestContext.Current.CancellationToken));
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task Task_metrics_always_send_since()
    {
        var wf = Guid.Parse("11111111-1111-4111-8111-111111111111");
        var seen = await OneRequest(c => c.GetTaskMetricsAsync(Since, null, [wf], TestContext.Current.CancellationToken),
            """[{"status":"CANCELLED","count":1},{"status":"RUNNING","count":2,"runningDetailCount":{"evicted":0,"onWorker":2}}]""");

        Assert.Equal($"/api/v1/stable/tenants/{TestTokens.Tenant}/task-metrics", seen.Uri.AbsolutePath);
        Assert.Equal(["2026-11-23T12:00:00Z"], seen.Query("since"));
        Assert.Equal([wf.ToString()], seen.Query("workflow_ids"));
    }

    [Fact]
    public async Task Tenant_logs_send_each_task_and_level_as_repeated_keys()
    {
        var t1 = Guid.Parse(Samples.TaskId);
        var t2 = Guid.Parse(Samples.RunId);
        var query = new LogQuery
        {
            Limit = 200, Since = Since, Search = "timeout & 50%", Levels = [V1LogLineLevels.Error, V1LogLineLevels.Warn],
            NewestFirst = true, Attempt = 2,
        };

        var seen = await OneRequest(c => c.ListLogsAsync([t1, t2], query, TestContext.Current.CancellationToken), Samples.EmptyLogs);

        Assert.Equal($"/api/v1/stable/tenants/{TestTokens.Tenant}/logs", seen.Uri.AbsolutePath);
        Assert.Equal([t1.ToString(), t2.ToString()], seen.Query("taskExternalIds"));
        Assert.Equal(["ERROR", "WARN"], seen.Query("levels"));
        Assert.Equal(["timeout & 50%"], seen.Query("search"));
        Assert.Equal(["DESC"], seen.Query("order_by_direction"));
        Assert.Equal(["200"], seen.Query("limit"));
        Assert.Equal(["2"], seen.Query("attempt"));
    }

    [Fact]
    public async Task Tenant_wide_log_search_sends_workflow_ids_and_no_task_ids()
    {
        var wf = Guid.Parse("11111111-1111-4111-8111-111111111111");
        var query = new LogQuery { Limit = 1000, Since = Since, Search = LogSearchText.Literal(@"50%_a\b"), WorkflowIds = [wf], NewestFirst = true };

        var seen = await OneRequest(c => c.ListLogsAsync([], query, TestContext.Current.CancellationToken), Samples.EmptyLogs);

        Assert.Equal($"/api/v1/stable/tenants/{TestTokens.Tenant}/logs", seen.Uri.AbsolutePath);
        Assert.Empty(seen.Query("taskExternalIds"));
        Assert.Equal([wf.ToString()], seen.Query("workflow_ids"));
        Assert.Equal([@"50\%\_a\\b"], seen.Query("search"));
        Assert.Equal(["2026-11-23T12:00:00Z"], seen.Query("since"));
    }

    [Fact]
    public async Task Workflow_ids_are_refused_for_the_task_log_endpoint_which_ignores_them()
    {
        var query = new LogQuery { WorkflowIds = [Guid.Parse("11111111-1111-4111-8111-111111111111")] };

        await Assert.ThrowsAsync<ArgumentException>(() => OneRequest(c => c.ListTaskLogsAsync(Guid.Parse(Samples.TaskId), query, TestContext.Current.CancellationToken), Samples.EmptyLogs));
    }

    [Fact]
    public async Task Task_logs_go_to_the_task_endpoint()
    {
        var seen = await OneRequest(c => c.ListTaskLogsAsync(Guid.Parse(Samples.TaskId), new LogQuery(), TestContext.Current.CancellationToken), Samples.EmptyLogs);

        Assert.Equal($"/api/v1/stable/tasks/{Samples.TaskId}/logs", seen.Uri.AbsolutePath);
        Assert.Equal("", seen.Uri.Query);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public async Task A_log_limit_outside_1_to_10000_is_rejected_before_any_request(int limit)
    {
        var stub = new StubHatchetHandler().ThenJson(HttpStatusCode.OK, Samples.EmptyLogs);
        using var client = HatchetClient.Create(TestTokens.Settings(), stub);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ListTaskLogsAsync(
            Guid.Parse(Samples.TaskId), new LogQuery { Limit = limit }, TestContext.Current.CancellationToken));
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task Workflow_name_search_is_escaped()
    {
        var seen = await OneRequest(c => c.ListWorkflowsAsync("orders & refunds", 10, 0, TestContext.Current.CancellationToken),
            """{"rows":[],"pagination":{"current_page":1,"next_page":2,"num_pages":0}}""");

        Assert.Equal($"/api/v1/tenants/{TestTokens.Tenant}/workflows", seen.Uri.AbsolutePath);
        Assert.Equal(["orders & refunds"], seen.Query("name"));
        Assert.Equal(["10"], seen.Query("limit"));
    }

    [Fact]
    public async Task Every_request_carries_the_bearer_token_and_asks_for_json()
    {
        var token = TestTokens.Mint();
        var stub = new StubHatchetHandler().ThenJson(HttpStatusCode.OK, Samples.TenantJson);
        using var client = HatchetClient.Create(TestTokens.Settings(token), stub);

        var tenant = await client.GetTenantAsync(TestContext.Current.CancellationToken);

        Assert.Equal("Acme", tenant.Name);
        var seen = Assert.Single(stub.Requests);
        Assert.Equal($"Bearer {token.Jwt}", seen.Authorization);
        Assert.Equal($"/api/v1/tenants/{TestTokens.Tenant}", seen.Uri.AbsolutePath);
    }

    [Fact]
    public async Task Trigger_posts_the_documented_body()
    {
        using var input = JsonDocument.Parse("""{"order":42,"items":["a"]}""");
        var request = new TriggerRequest
        {
            WorkflowName = "orders", Input = input.RootElement, Priority = 3, ReturnOnlyId = true,
            AdditionalMetadata = new Dictionary<string, string> { ["source"] = "mcp" },
        };

        var seen = await OneRequest(c => c.TriggerAsync(request, TestContext.Current.CancellationToken), Samples.RunDetailsJson);

        Assert.Equal(HttpMethod.Post, seen.Method);
        Assert.Equal($"/api/v1/stable/tenants/{TestTokens.Tenant}/workflow-runs/trigger", seen.Uri.AbsolutePath);
        using var body = JsonDocument.Parse(seen.Body!);
        Assert.Equal("orders", body.RootElement.GetProperty("workflowName").GetString());
        Assert.Equal(42, body.RootElement.GetProperty("input").GetProperty("order").GetInt32());
        Assert.Equal(3, body.RootElement.GetProperty("priority").GetInt32());
        Assert.True(body.RootElement.GetProperty("return_only_id").GetBoolean());
        Assert.Equal("mcp", body.RootElement.GetProperty("additionalMetadata").GetProperty("source").GetString());
    }

    public static TheoryData<string> Writes => ["trigger", "cancel", "replay"];

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_bodies_go_out_with_a_content_length_and_a_plain_json_type(string write)
    {
        // Not chunked, no charset parameter: a server that reads Content-Length or compares the media type exactly
        // must still see the body.
        using var input = JsonDocument.Parse("""{"order":42}""");
        Func<IHatchetClient, Task> call = write switch
        {
            "trigger" => c => c.TriggerAsync(new TriggerRequest { WorkflowName = "orders", Input = input.RootElement }, TestContext.Current.CancellationToken),
            "cancel" => c => c.CancelAsync([Guid.Parse(Samples.TaskId)], TestContext.Current.CancellationToken),
            _ => c => c.ReplayAsync([Guid.Parse(Samples.TaskId)], TestContext.Current.CancellationToken),
        };

        var seen = await OneRequest(call, write == "trigger" ? Samples.RunDetailsJson : """{"ids":[]}""");

        Assert.Equal(HttpMethod.Post, seen.Method);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(seen.Body!), seen.ContentLength);
        Assert.Equal("application/json", seen.ContentType);
    }

    [Theory]
    [InlineData("[1,2]", null)]
    [InlineData("\"text\"", null)]
    [InlineData("{}", 0)]
    [InlineData("{}", 4)]
    public async Task Trigger_rejects_non_object_input_and_priority_outside_1_to_3_before_any_request(string input, int? priority)
    {
        var stub = new StubHatchetHandler().ThenJson(HttpStatusCode.OK, Samples.RunDetailsJson);
        using var client = HatchetClient.Create(TestTokens.Settings(), stub);
        using var doc = JsonDocument.Parse(input);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.TriggerAsync(
            new TriggerRequest { WorkflowName = "orders", Input = doc.RootElement, Priority = priority }, TestContext.Current.CancellationToken));
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task Cancel_and_replay_post_external_ids()
    {
        var id = Guid.Parse(Samples.RunId);
        var stub = new StubHatchetHandler().ThenJson(HttpStatusCode.OK, $$"""{"ids":["{{id}}"]}""");
        using var client = HatchetClient.Create(TestTokens.Settings(), stub);

        var cancelled = await client.CancelAsync([id, id], TestContext.Current.CancellationToken);
        var replayed = await client.ReplayAsync([id], TestContext.Current.CancellationToken);

        Assert.Equal([id], cancelled.Ids);
        Assert.Equal([id], replayed.Ids);
        Assert.Equal($"/api/v1/stable/tenants/{TestTokens.Tenant}/tasks/cancel", stub.Requests[0].Uri.AbsolutePath);
        Assert.Equal($"/api/v1/stable/tenants/{TestTokens.Tenant}/tasks/replay", stub.Requests[1].Uri.AbsolutePath);
        Assert.Equal($$"""{"externalIds":["{{id}}"]}""", stub.Requests[0].Body);
    }

    [Fact]
    public async Task A_base_url_with_a_path_prefix_is_kept_in_front_of_every_path()
    {
        var stub = new StubHatchetHandler().ThenJson(HttpStatusCode.OK, """{"version":"v0.104.7"}""");
        using var client = HatchetClient.Create(TestTokens.Settings() with { ApiBase = new Uri("https://proxy.example/hatchet") }, stub);

        Assert.Equal("v0.104.7", await client.GetVersionAsync(TestContext.Current.CancellationToken));
        Assert.Equal("https://proxy.example/hatchet/api/v1/version", Assert.Single(stub.Requests).Uri.AbsoluteUri);
    }
}
