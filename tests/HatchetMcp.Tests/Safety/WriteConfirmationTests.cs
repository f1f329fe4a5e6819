using System.Text.Json;
using HatchetMcp.Safety;
using HatchetMcp.Server;
using HatchetMcp.Tests.ToolTests;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace HatchetMcp.Tests.Safety;

/// <summary>
/// Every write is confirmed before anything is sent: by the human through elicitation when the client offers it, else
/// by a preview whose signed, single-use token binds the second call to exactly what was shown.
/// </summary>
public sealed class WriteConfirmationTests(ConfirmationFixture fixture) : IClassFixture<ConfirmationFixture>
{
    private Emulator.ScenarioFacts Facts => fixture.Emulator.Facts;

    private static string Str(string value) => JsonSerializer.Serialize(value, TestJson.Default.String);

    private static async Task<Guid> NewestAsync(InMemoryMcpServer server, string status)
    {
        var list = await server.CallAsync("list_runs", $$"""{"since":"7d","statuses":["{{status}}"],"limit":1}""");
        return list.Structured.GetProperty("runs")[0].GetProperty("id").GetGuid();
    }

    private static Dictionary<Guid, string> Outcomes(ToolAnswer answer) =>
        answer.Structured.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetGuid(), r => r.GetProperty("outcome").GetString()!);

    private static string Token(ToolAnswer preview)
    {
        Assert.Equal("preview", preview.Structured.GetProperty("confirmation").GetProperty("result").GetString());
        return preview.Structured.GetProperty("confirmation").GetProperty("token").GetString()!;
    }

    private static McpClientOptions Eliciting(Func<ElicitRequestParams?, CancellationToken, ValueTask<ElicitResult>> answer) => new()
    {
        Handlers = new McpClientHandlers { ElicitationHandler = answer },
    };

    [Fact]
    public async Task A_client_without_elicitation_gets_a_preview_and_nothing_is_sent()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);
        var queued = await fixture.NewQueuedRunAsync();
        var completed = await NewestAsync(server, "COMPLETED");

        var preview = await server.CallAsync("cancel_runs", $$"""{"run_ids":["{{queued}}","{{completed}}"]}""");

        Assert.False(preview.IsError, preview.Text);
        Assert.Empty(sent.Mutating);
        Assert.Equal("would_cancel", Outcomes(preview)[queued]);
        Assert.Equal("already_finished", Outcomes(preview)[completed]);
        Assert.Empty(preview.Structured.GetProperty("sent").EnumerateArray());
        Assert.Contains("nothing was sent", preview.Text, StringComparison.Ordinal);
        Assert.Contains(Token(preview), preview.Text, StringComparison.Ordinal);
        Assert.Contains("Undo: replay_runs", preview.Text, StringComparison.Ordinal);
        var run = await server.CallAsync("get_run", $$"""{"run_id":"{{queued}}"}""");
        Assert.Equal("QUEUED", run.Structured.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_token_sends_exactly_the_previewed_ids_once()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);
        var (a, b) = (await fixture.NewQueuedRunAsync(), await fixture.NewQueuedRunAsync());
        var completed = await NewestAsync(server, "COMPLETED");
        var args = $$"""["{{a}}","{{completed}}","{{b}}"]""";
        var preview = await server.CallAsync("cancel_runs", $$"""{"run_ids":{{args}}}""");

        var done = await server.CallAsync("cancel_runs", $$"""{"run_ids":{{args}},"confirmation_token":{{Str(Token(preview))}}}""");

        Assert.False(done.IsError, done.Text);
        var cancel = Assert.Single(sent.Mutating);
        Assert.EndsWith("/tasks/cancel", cancel.Path, StringComparison.Ordinal);
        var ids = JsonDocument.Parse(cancel.Body).RootElement.GetProperty("externalIds").EnumerateArray().Select(e => e.GetGuid()).Order().ToList();
        Assert.Equal(new[] { a, b }.Order(), ids);
        Assert.Equal("cancel_requested", Outcomes(done)[a]);
        Assert.Equal("token", done.Structured.GetProperty("confirmation").GetProperty("path").GetString());
        Assert.Contains($"replay_runs run_ids=[", done.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_used_token_is_refused_the_second_time()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);
        var failed = await NewestAsync(server, "FAILED");
        var args = $$"""["{{failed}}"]""";
        var token = Token(await server.CallAsync("replay_runs", $$"""{"run_ids":{{args}}}"""));
        Assert.False((await server.CallAsync("replay_runs", $$"""{"run_ids":{{args}},"confirmation_token":{{Str(token)}}}""")).IsError);
        var before = sent.Mutating.Count;

        var again = await server.CallAsync("replay_runs", $$"""{"run_ids":{{args}},"confirmation_token":{{Str(token)}}}""");

        Assert.True(again.IsError);
        Assert.Contains("already used", again.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", again.Text, StringComparison.Ordinal);
        Assert.Equal(before, sent.Mutating.Count);
    }

    public static TheoryData<string, string> Tamperings => new()
    {
        { "signature", "signature does not match" },
        { "targets", "signature does not match" },
        { "truncated", "malformed" },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task A_tampered_token_is_refused_and_nothing_is_sent(string part, string expected)
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);
        var args = $$"""["{{await fixture.NewQueuedRunAsync()}}"]""";
        var token = Token(await server.CallAsync("cancel_runs", $$"""{"run_ids":{{args}}}"""));
        var pieces = token.Split('.');
        var altered = part switch
        {
            "signature" => string.Join('.', pieces[..7]) + "." + Flip(pieces[7]),
            "targets" => string.Join('.', pieces[..4]) + "." + Flip(pieces[4]) + "." + string.Join('.', pieces[5..]),
            _ => string.Join('.', pieces[..6]),
        };

        var answer = await server.CallAsync("cancel_runs", $$"""{"run_ids":{{args}},"confirmation_token":{{Str(altered)}}}""");

        Assert.True(answer.IsError);
        Assert.Contains(expected, answer.Text, StringComparison.Ordinal);
        Assert.Empty(sent.Mutating);
    }

    private static string Flip(string text) => (text[0] == 'A' ? 'B' : 'A') + text[1..];

    [Fact]
    public async Task A_token_expires_after_five_minutes()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);
        var args = $$"""["{{await fixture.NewQueuedRunAsync()}}"]""";
        var token = Token(await server.CallAsync("cancel_runs", $$"""{"run_ids":{{args}}}"""));
        fixture.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var answer = await server.CallAsync("cancel_runs", $$"""{"run_ids":{{args}},"confirmation_token":{{Str(token)}}}""");

        Assert.True(answer.IsError);
        Assert.Contains("expired", answer.Text, StringComparison.Ordinal);
        Assert.Empty(sent.Mutating);
    }

    [Fact]
    public async Task A_token_is_refused_by_another_tool()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);
        var failed = await NewestAsync(server, "FAILED");
        var args = $$"""["{{failed}}"]""";
        var token = Token(await server.CallAsync("replay_runs", $$"""{"run_ids":{{args}}}"""));

        var answer = await server.CallAsync("cancel_runs", $$"""{"run_ids":{{args}},"confirmation_token":{{Str(token)}}}""");

        Assert.True(answer.IsError);
        Assert.Contains("issued for replay_runs, not cancel_runs", answer.Text, StringComparison.Ordinal);
        Assert.Empty(sent.Mutating);
    }

    [Fact]
    public async Task A_token_is_refused_for_another_set_of_ids()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);
        var (a, b) = (await fixture.NewQueuedRunAsync(), await fixture.NewQueuedRunAsync());
        var token = Token(await server.CallAsync("cancel_runs", $$"""{"run_ids":["{{a}}","{{b}}"]}"""));

        var fewer = await server.CallAsync("cancel_runs", $$"""{"run_ids":["{{a}}"],"confirmation_token":{{Str(token)}}}""");

        Assert.True(fewer.IsError);
        Assert.Contains("other targets", fewer.Text, StringComparison.Ordinal);
        Assert.Empty(sent.Mutating);
    }

    [Fact]
    public async Task A_trigger_token_is_refused_for_another_input_and_honoured_for_its_own()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent);
        var workflow = Str(Facts.SingleTaskWorkflowName);
        var preview = await server.CallAsync("trigger_workflow", $$"""{"workflow":{{workflow}},"input":{"to":"a@example.com","template":"welcome","customerId":"cus_1"} }""");
        Assert.Equal("awaiting_confirmation", preview.Structured.GetProperty("outcome").GetString());
        Assert.Contains("a@example.com", preview.Text, StringComparison.Ordinal);
        var token = Str(Token(preview));

        var other = await server.CallAsync("trigger_workflow", $$"""{"workflow":{{workflow}},"input":{"to":"b@example.com","template":"welcome","customerId":"cus_1"},"confirmation_token":{{token}}}""");
        Assert.True(other.IsError);
        Assert.Contains("another input", other.Text, StringComparison.Ordinal);
        Assert.Empty(sent.Mutating);

        var started = await server.CallAsync("trigger_workflow", $$"""{"workflow":{{workflow}},"input":{"to":"a@example.com","template":"welcome","customerId":"cus_1"},"confirmation_token":{{token}}}""");
        Assert.False(started.IsError, started.Text);
        var trigger = Assert.Single(sent.Mutating);
        Assert.Contains("a@example.com", trigger.Body, StringComparison.Ordinal);
        var runId = started.Structured.GetProperty("runId").GetGuid();
        Assert.Contains($"cancel_runs run_ids=[\"{runId}\"]", started.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approved_by_the_user_it_sends_after_showing_what_will_change_and_how_to_undo()
    {
        var sent = new SentRequests();
        ElicitRequestParams? asked = null;
        await using var server = await fixture.ConnectAsync(sent, client: Eliciting((request, _) =>
        {
            asked = request;
            return ValueTask.FromResult(new ElicitResult { Action = "accept" });
        }));
        var queued = await fixture.NewQueuedRunAsync();

        var answer = await server.CallAsync("cancel_runs", $$"""{"run_ids":["{{queued}}"]}""");

        Assert.False(answer.IsError, answer.Text);
        Assert.NotNull(asked);
        Assert.Contains(queued.ToString(), asked.Message, StringComparison.Ordinal);
        Assert.Contains("QUEUED", asked.Message, StringComparison.Ordinal);
        Assert.Contains("1 run or task of 1 id", asked.Message, StringComparison.Ordinal);
        Assert.Contains("Undo: replay_runs", asked.Message, StringComparison.Ordinal);
        var cancel = Assert.Single(sent.Mutating);
        Assert.Contains(queued.ToString(), cancel.Body, StringComparison.Ordinal);
        Assert.Equal("elicitation", answer.Structured.GetProperty("confirmation").GetProperty("path").GetString());
        Assert.Equal("cancel_requested", Outcomes(answer)[queued]);
    }

    [Theory]
    [InlineData("decline", "declined", "rejected")]
    [InlineData("cancel", "cancelled", "dismissed")]
    public async Task Rejected_or_dismissed_by_the_user_nothing_is_sent(string action, string result, string said)
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent, client: Eliciting((_, _) => ValueTask.FromResult(new ElicitResult { Action = action })));
        var queued = await fixture.NewQueuedRunAsync();

        var answer = await server.CallAsync("cancel_runs", $$"""{"run_ids":["{{queued}}"]}""");

        Assert.False(answer.IsError, answer.Text);
        Assert.Empty(sent.Mutating);
        Assert.Equal(result, answer.Structured.GetProperty("confirmation").GetProperty("result").GetString());
        Assert.Equal("not_confirmed", Outcomes(answer)[queued]);
        Assert.Contains(said, answer.Text, StringComparison.Ordinal);
        Assert.Contains("nothing was sent", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_later_than_the_bound_sends_nothing()
    {
        var sent = new SentRequests();
        var asked = new TaskCompletionSource();
        var pastTheBound = new TaskCompletionSource();
        // The user approves, but only after the server's wait has run out.
        await using var server = await fixture.ConnectAsync(sent, client: Eliciting(async (_, _) =>
        {
            asked.TrySetResult();
            await pastTheBound.Task;
            return new ElicitResult { Action = "accept" };
        }));
        var workflow = Str(Facts.SingleTaskWorkflowName);

        var call = server.CallAsync("trigger_workflow", $$"""{"workflow":{{workflow}},"input":{"to":"a@example.com","template":"welcome","customerId":"cus_1"} }""");
        await asked.Task.WaitAsync(TestContext.Current.CancellationToken);
        fixture.Time.Advance(new ConfirmationOptions().ElicitationTimeout + TimeSpan.FromSeconds(1));
        pastTheBound.SetResult();
        var answer = await call;

        Assert.False(answer.IsError, answer.Text);
        Assert.Equal("timed_out", answer.Structured.GetProperty("confirmation").GetProperty("result").GetString());
        Assert.Equal("not_confirmed", answer.Structured.GetProperty("outcome").GetString());
        Assert.Contains("nothing was sent", answer.Text, StringComparison.Ordinal);
        Assert.Empty(sent.Mutating);
    }

    [Fact]
    public async Task With_confirmation_off_a_write_acts_on_the_first_call_and_the_instructions_say_so()
    {
        var sent = new SentRequests();
        await using var server = await fixture.ConnectAsync(sent, ConfirmationOptions.Skipped);
        var queued = await fixture.NewQueuedRunAsync();

        var answer = await server.CallAsync("cancel_runs", $$"""{"run_ids":["{{queued}}"]}""");

        Assert.Single(sent.Mutating);
        Assert.Equal("skipped", answer.Structured.GetProperty("confirmation").GetProperty("result").GetString());
        Assert.Contains("confirmation is off", answer.Text, StringComparison.Ordinal);
        Assert.Contains("confirmation of writes is OFF", server.Client.ServerInstructions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_confirmation_on_the_instructions_say_how_writes_are_confirmed()
    {
        await using var server = await fixture.ConnectAsync(new SentRequests());

        Assert.Contains("confirmation_token", server.Client.ServerInstructions, StringComparison.Ordinal);
        Assert.DoesNotContain("OFF", server.Client.ServerInstructions, StringComparison.Ordinal);
    }
}
