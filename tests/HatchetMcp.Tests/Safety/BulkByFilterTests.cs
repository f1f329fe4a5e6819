using System.Text.Json;
using HatchetMcp.Safety;
using HatchetMcp.Server;
using HatchetMcp.Tests.ToolTests;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace HatchetMcp.Tests.Safety;

/// <summary>
/// cancel_runs and replay_runs by filter: the filter is resolved to run ids at the preview (reads only), the execution
/// acts on exactly those pinned ids and never resolves the filter again, and a filter matching more than the cap is
/// refused with nothing sent.
/// </summary>
public sealed class BulkByFilterTests(ConfirmationFixture fixture) : IClassFixture<ConfirmationFixture>
{
    private static string Str(string value) => JsonSerializer.Serialize(value, TestJson.Default.String);

    private static string NewBatch() => Guid.NewGuid().ToString("N")[..12];

    private static string Token(ToolAnswer preview)
    {
        Assert.Equal("preview", preview.Structured.GetProperty("confirmation").GetProperty("result").GetString());
        return preview.Structured.GetProperty("confirmation").GetProperty("token").GetString()!;
    }

    private static Dictionary<Guid, string> Outcomes(ToolAnswer answer) =>
        answer.Structured.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetGuid(), r => r.GetProperty("outcome").GetString()!);

    private static List<Guid> SentIds((string Method, string Path, string Body) request)
    {
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.False(body.TryGetProperty("filter", out _), "a bulk action must send pinned ids, never Hatchet's filter");
        return [.. body.GetProperty("externalIds").EnumerateArray().Select(e => e.GetGuid()).Order()];
    }

    private async Task<string> FilterAsync(string batch, string extra = "") =>
        $$"""{"workflow":{{Str(await fixture.NoWorkerWorkflowAsync())}},"metadata":["batch={{batch}}"]{{extra}}}""";

    private static string WithToken(string filter, string token) => filter[..^1] + $$""","confirmation_token":{{Str(token)}}}""";

    [Fact]
    public async Task A_filter_preview_resolves_the_matching_runs_and_sends_nothing()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);
        var batch = NewBatch();
        var (a, b) = (await fixture.NewQueuedRunAsync(batch), await fixture.NewQueuedRunAsync(batch));

        var preview = await server.CallAsync("cancel_runs", await FilterAsync(batch));

        Assert.False(preview.IsError, preview.Text);
        Assert.Empty(sent.Mutating);
        Assert.Equal(new[] { a, b }.Order(), Outcomes(preview).Keys.Order());
        Assert.All(Outcomes(preview).Values, o => Assert.Equal("would_cancel", o));
        Assert.Contains("2 runs matched", preview.Text, StringComparison.Ordinal);
        Assert.Contains($"batch=", preview.Text, StringComparison.Ordinal);
        Assert.Contains("QUEUED ×2", preview.Text, StringComparison.Ordinal);
        Assert.Contains("exactly these", preview.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_acts_on_the_previewed_ids_only_even_when_more_runs_match_by_then()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);
        var batch = NewBatch();
        var (a, b) = (await fixture.NewQueuedRunAsync(batch), await fixture.NewQueuedRunAsync(batch));
        var filter = await FilterAsync(batch);
        var preview = await server.CallAsync("cancel_runs", filter);
        var late = await fixture.NewQueuedRunAsync(batch);
        var listsBefore = sent.All.Count(r => r.Path.EndsWith("/workflow-runs", StringComparison.Ordinal));

        var done = await server.CallAsync("cancel_runs", WithToken(filter, Token(preview)));

        Assert.False(done.IsError, done.Text);
        var cancel = Assert.Single(sent.Mutating);
        Assert.EndsWith("/tasks/cancel", cancel.Path, StringComparison.Ordinal);
        Assert.Equal(new[] { a, b }.Order(), SentIds(cancel));
        Assert.Equal(listsBefore, sent.All.Count(r => r.Path.EndsWith("/workflow-runs", StringComparison.Ordinal)));
        Assert.Equal("cancel_requested", Outcomes(done)[a]);
        Assert.DoesNotContain(late, Outcomes(done).Keys);
        Assert.Contains("replay_runs run_ids=[", done.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_by_filter_defaults_to_failed_and_cancelled_runs_and_sends_the_pinned_ids()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);
        var batch = NewBatch();
        var (a, b) = (await fixture.NewQueuedRunAsync(batch), await fixture.NewQueuedRunAsync(batch));
        await fixture.CancelNowAsync(a, b);
        await fixture.NewQueuedRunAsync(batch);
        var filter = await FilterAsync(batch);

        var preview = await server.CallAsync("replay_runs", filter);
        Assert.Empty(sent.Mutating);
        Assert.Equal(new[] { a, b }.Order(), Outcomes(preview).Keys.Order());
        var done = await server.CallAsync("replay_runs", WithToken(filter, Token(preview)));

        Assert.False(done.IsError, done.Text);
        var replay = Assert.Single(sent.Mutating);
        Assert.EndsWith("/tasks/replay", replay.Path, StringComparison.Ordinal);
        Assert.Equal(new[] { a, b }.Order(), SentIds(replay));
        Assert.Equal("queued_for_replay", Outcomes(done)[b]);
    }

    [Fact]
    public async Task Approved_by_the_user_the_same_call_acts_on_the_runs_it_showed()
    {
        var sent = new SentRequests();
        ElicitRequestParams? asked = null;
        await using var server = await fixture.ConnectAsync(sent, client: new McpClientOptions
        {
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (request, _) =>
                {
                    asked = request;
                    return ValueTask.FromResult(new ElicitResult { Action = "accept" });
                },
            },
        });
        var batch = NewBatch();
        var (a, b) = (await fixture.NewQueuedRunAsync(batch), await fixture.NewQueuedRunAsync(batch));

        var done = await server.CallAsync("cancel_runs", await FilterAsync(batch));

        Assert.False(done.IsError, done.Text);
        Assert.NotNull(asked);
        Assert.Contains(a.ToString(), asked!.Message, StringComparison.Ordinal);
        Assert.Contains("2 runs matched", asked.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { a, b }.Order(), SentIds(Assert.Single(sent.Mutating)));
        Assert.Equal("elicitation", done.Structured.GetProperty("confirmation").GetProperty("path").GetString());
    }

    [Fact]
    public async Task More_matches_than_the_cap_are_refused_with_how_to_narrow_and_nothing_sent()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent, bulkCap: 2);
        var batch = NewBatch();
        for (var i = 0; i < 3; i++)
        {
            await fixture.NewQueuedRunAsync(batch);
        }

        var answer = await server.CallAsync("cancel_runs", await FilterAsync(batch));

        Assert.True(answer.IsError);
        Assert.Contains("3 runs match", answer.Text, StringComparison.Ordinal);
        Assert.Contains("cap of 2", answer.Text, StringComparison.Ordinal);
        Assert.Contains("shorter", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", answer.Text, StringComparison.Ordinal);
        Assert.Empty(sent.Mutating);
    }

    public static TheoryData<string, string, string> BadFilters => new()
    {
        { "cancel_runs", """{"run_ids":["0b4f7a5e-2c1d-4e8f-9a3b-5d6c7e8f9a0b"],"statuses":["QUEUED"]}""", "either run_ids or a filter" },
        { "cancel_runs", "{}", "run_ids or a filter" },
        { "cancel_runs", """{"statuses":["FAILED"]}""", "QUEUED, RUNNING" },
        { "replay_runs", """{"statuses":["RUNNING"]}""", "FAILED, CANCELLED, COMPLETED" },
        { "replay_runs", """{"since":"yesterday-ish"}""", "since" },
        { "cancel_runs", """{"metadata":["nokey"]}""", "key=value" },
    };

    [Theory]
    [MemberData(nameof(BadFilters))]
    public async Task A_bad_filter_is_a_tool_error_naming_the_argument_and_nothing_is_sent(string tool, string arguments, string said)
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);

        var answer = await server.CallAsync(tool, arguments);

        Assert.True(answer.IsError);
        Assert.Contains(said, answer.Text, StringComparison.Ordinal);
        Assert.Empty(sent.Mutating);
    }

    [Fact]
    public async Task A_token_presented_with_another_filter_is_refused()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);
        var batch = NewBatch();
        await fixture.NewQueuedRunAsync(batch);
        var token = Token(await server.CallAsync("cancel_runs", await FilterAsync(batch)));

        var answer = await server.CallAsync("cancel_runs", WithToken(await FilterAsync(batch, ""","statuses":["QUEUED"]"""), token));

        Assert.True(answer.IsError);
        Assert.Contains("Nothing was sent", answer.Text, StringComparison.Ordinal);
        Assert.Empty(sent.Mutating);
    }

    [Fact]
    public async Task A_token_from_a_preview_by_ids_is_refused_with_a_filter()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);
        var batch = NewBatch();
        var run = await fixture.NewQueuedRunAsync(batch);
        var token = Token(await server.CallAsync("cancel_runs", $$"""{"run_ids":["{{run}}"]}"""));

        var answer = await server.CallAsync("cancel_runs", WithToken(await FilterAsync(batch), token));

        Assert.True(answer.IsError);
        Assert.Contains("Nothing was sent", answer.Text, StringComparison.Ordinal);
        Assert.Empty(sent.Mutating);
    }
}
