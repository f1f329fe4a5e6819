using System.Collections.Concurrent;
using System.Text.Json;
using HatchetMcp.Emulator.Hooks;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>
/// trigger_workflow checks the input against the workflow version's inputJsonSchema before anything is sent, and with
/// wait=true follows the new run to its final status, reporting progress, honouring cancellation and bounded in time.
/// </summary>
public sealed class TriggerInputAndWaitTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>, IDisposable
{
    private const string SendEmail = "send-email";
    /// <summary>No worker registers export-orders' action: its runs stay QUEUED.</summary>
    private const string ExportOrders = "export-orders";
    private const string ValidEmail = """{"to":"ops@example.com","template":"welcome","customerId":"cus_1"}""";

    public void Dispose()
    {
        fixture.Emulator.Hooks.ClearFaults();
        fixture.Emulator.Hooks.ClearRequests();
    }

    private Task<ToolAnswer> Trigger(string workflow, string input, string more = "") =>
        fixture.Server.CallAsync("trigger_workflow", $$"""{"workflow":"{{workflow}}","input":{{input}}{{more}}}""");

    private IReadOnlyList<RecordedRequest> Mutating => fixture.Emulator.Hooks.Requests.Where(r => r.Method != "GET").ToList();

    private static Dictionary<string, object?> Arguments(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
    }

    [Fact]
    public async Task An_input_that_breaks_the_schema_is_refused_naming_each_violation_and_nothing_is_sent()
    {
        fixture.Emulator.Hooks.ClearRequests();

        var answer = await Trigger(SendEmail, """{"to":"ops@example.com","template":"newsletter"}""");

        Assert.True(answer.IsError);
        Assert.Contains("$.template (enum)", answer.Text, StringComparison.Ordinal);
        Assert.Contains("\"order-confirmation\"", answer.Text, StringComparison.Ordinal);
        Assert.Contains("$.customerId (required)", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", answer.Text, StringComparison.Ordinal);
        Assert.Contains("type, required, properties", answer.Text, StringComparison.Ordinal);
        Assert.Empty(Mutating);
        Assert.NotEmpty(fixture.Requests("/versions", "GET"));
    }

    [Fact]
    public async Task A_valid_input_is_checked_against_the_current_version_and_started()
    {
        var answer = await Trigger(SendEmail, ValidEmail);

        Assert.False(answer.IsError, answer.Text);
        Assert.Equal("started", answer.Structured.GetProperty("outcome").GetString());
        Assert.Matches("Input checked against version \\S+ inputJsonSchema", answer.Text);
    }

    [Fact]
    public async Task A_workflow_without_a_schema_is_triggered_saying_the_input_was_not_checked()
    {
        var answer = await Trigger(ExportOrders, """{"day":"today"}""");

        Assert.False(answer.IsError, answer.Text);
        Assert.Contains("Input not checked: ", answer.Text, StringComparison.Ordinal);
        Assert.Contains("no inputJsonSchema", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schema_that_cannot_be_read_does_not_block_the_trigger_and_the_answer_says_so()
    {
        fixture.Emulator.Hooks.InjectFault(new FaultSpec("GET", "/api/v1/workflows/*/versions", 10, FaultKind.Status) { Status = 500, Body = """{"message":"down"}""" });

        var answer = await Trigger(SendEmail, """{"to":"ops@example.com"}""");

        Assert.False(answer.IsError, answer.Text);
        Assert.Equal("started", answer.Structured.GetProperty("outcome").GetString());
        Assert.Contains("Input not checked: ", answer.Text, StringComparison.Ordinal);
        Assert.Contains("could not be read", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_keyword_the_check_does_not_understand_is_named_as_not_checked_and_does_not_block()
    {
        // A version as an SDK might register it, with keywords beyond the check's (format, if).
        fixture.Emulator.Hooks.InjectFault(new FaultSpec("GET", "/api/v1/workflows/*/versions", 1, FaultKind.Status)
        {
            Status = 200,
            Body = """{"version":"v9","inputJsonSchema":{"type":"object","required":["to"],"properties":{"to":{"type":"string","format":"email"}},"if":{"required":["cc"]}}}""",
        });

        var answer = await Trigger(SendEmail, ValidEmail);

        Assert.False(answer.IsError, answer.Text);
        Assert.Equal("started", answer.Structured.GetProperty("outcome").GetString());
        Assert.Contains("Input checked against version v9 inputJsonSchema. Not checked (not understood): format, if.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preview_shows_the_check_and_sends_nothing()
    {
        await using var confirming = await fixture.ConnectAsync(confirmation: new HatchetMcp.Safety.ConfirmationOptions());
        fixture.Emulator.Hooks.ClearRequests();

        var preview = await confirming.CallAsync("trigger_workflow", $$"""{"workflow":"{{SendEmail}}","input":{{ValidEmail}}}""");

        Assert.False(preview.IsError, preview.Text);
        Assert.Equal("awaiting_confirmation", preview.Structured.GetProperty("outcome").GetString());
        Assert.Matches("Input checked against version \\S+ inputJsonSchema", preview.Text);
        Assert.Empty(Mutating);
    }

    [Fact]
    public async Task Waiting_answers_the_final_status_with_the_output_summarised_as_workflow_data()
    {
        var answer = await Trigger(SendEmail, ValidEmail, ""","wait":true,"wait_seconds":60""");

        Assert.False(answer.IsError, answer.Text);
        var runId = answer.Structured.GetProperty("runId").GetGuid();
        Assert.Equal("COMPLETED", answer.Structured.GetProperty("status").GetString());
        Assert.True(answer.Structured.GetProperty("waited").GetInt32() >= 0);
        Assert.Contains("messageId", answer.Structured.GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.Contains("Output: ⟦", answer.Text, StringComparison.Ordinal);
        var run = await fixture.Server.CallAsync("get_run", $$"""{"run_id":"{{runId}}"}""");
        Assert.Equal("COMPLETED", run.Structured.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Waiting_on_a_run_that_fails_answers_its_error_and_the_diagnosis_to_run_next()
    {
        var answer = await Trigger("charge-payment", """{"orderId":"A-1"}""", ""","wait":true,"wait_seconds":120""");

        Assert.False(answer.IsError, answer.Text);
        var runId = answer.Structured.GetProperty("runId").GetGuid();
        Assert.Equal("FAILED", answer.Structured.GetProperty("status").GetString());
        Assert.Contains("Error: ⟦", answer.Text, StringComparison.Ordinal);
        Assert.Contains($"Next: diagnose_run run_id={runId}", answer.Text, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(answer.Structured.GetProperty("result").GetString()));
    }

    [Fact]
    public async Task Waiting_reports_progress_to_a_client_that_asked_for_it()
    {
        var progress = new ProgressLog();

        // order-pipeline's five tasks take seconds, so the wait polls at least once (a run already final is not waited on).
        var result = await fixture.Server.Client.CallToolAsync("trigger_workflow",
            Arguments("""{"workflow":"order-pipeline","input":{"orderId":"A-1"},"wait":true,"wait_seconds":120}"""),
            progress, cancellationToken: TestContext.Current.CancellationToken);

        var answer = new ToolAnswer(result);
        var runId = answer.Structured.GetProperty("runId").GetGuid();
        // Notifications may be handled after the answer: wait for them, not on time.
        await Eventually.WaitUntilAsync(() => progress.Messages.Any(m => m.Contains(" of 5 tasks done)", StringComparison.Ordinal)));
        Assert.Contains(progress.Messages, m => m.Contains(" of 5 tasks done)", StringComparison.Ordinal));
        Assert.All(progress.Messages, m => Assert.StartsWith($"run {runId}: ", m, StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_time_runs_out_the_answer_is_the_run_id_to_follow_not_an_error()
    {
        var answer = await Trigger(ExportOrders, """{"day":"today"}""", ""","wait":true,"wait_seconds":2""");

        Assert.False(answer.IsError, answer.Text);
        var runId = answer.Structured.GetProperty("runId").GetGuid();
        Assert.Equal("QUEUED", answer.Structured.GetProperty("status").GetString());
        Assert.Contains($"still QUEUED after 2 s; follow with get_run run_id={runId}", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_call_stops_the_wait_and_leaves_the_run_going()
    {
        var log = new LogWriter();
        await using var server = await fixture.ConnectAsync(log: log);
        var progress = new ProgressLog();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var call = server.Client.CallToolAsync("trigger_workflow",
            Arguments($$"""{"workflow":"{{ExportOrders}}","input":{"day":"today"},"wait":true,"wait_seconds":300}"""),
            progress, cancellationToken: cancel.Token).AsTask();
        await Eventually.WaitUntilAsync(() => !progress.Messages.IsEmpty);
        Assert.NotEmpty(progress.Messages);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await Eventually.WaitUntilAsync(() => log.Text.Contains("stopped waiting", StringComparison.Ordinal));
        Assert.Contains("stopped waiting", log.Text, StringComparison.Ordinal);
        var runId = Guid.Parse(progress.Messages.First().Split(':')[0]["run ".Length..]);
        Assert.Empty(fixture.Requests("/tasks/cancel", "POST"));
        var run = await fixture.Server.CallAsync("get_run", $$"""{"run_id":"{{runId}}"}""");
        Assert.Equal("QUEUED", run.Structured.GetProperty("status").GetString());
        Assert.Single(log.Lines, l => l.Contains("audit", StringComparison.Ordinal) && l.Contains("trigger_workflow", StringComparison.Ordinal));
    }

    private sealed class ProgressLog : IProgress<ProgressNotificationValue>
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public void Report(ProgressNotificationValue value) => Messages.Enqueue(value.Message ?? string.Empty);
    }

    private sealed class LogWriter : StringWriter
    {
        private readonly Lock _gate = new();

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return ToString();
                }
            }
        }

        public IReadOnlyList<string> Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        public override void Write(char value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_gate)
            {
                base.WriteLine(value);
            }
        }
    }
}
