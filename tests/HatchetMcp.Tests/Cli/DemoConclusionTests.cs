using System.Text.Json;
using HatchetMcp.Cli;
using HatchetMcp.Tests.ToolTests;
using Xunit;

namespace HatchetMcp.Tests.Cli;

/// <summary>
/// The demo's closing conclusion is computed from the structured answers it saw: different answers, different
/// conclusions, each claim with its evidence.
/// </summary>
public sealed class DemoConclusionTests
{
    private const string KeyError = "KeyError: 'billing_country'";
    private const string Unavailable = "ConnectionError: inventory-service returned 503 Service Unavailable";

    [Fact]
    public void A_workflow_failing_on_one_code_error_since_its_last_success_is_named_with_that_error_and_replay_will_not_help()
    {
        var observations = new DemoObservations
        {
            Window = "24h",
            FailedRuns = ListRuns(
                nextOffset: null,
                Failed("charge-payment", "2026-12-03T10:40:00Z", KeyError),
                Failed("webhook-dispatch", "2026-12-03T10:30:00Z", "Error: upstream responded 502 Bad Gateway"),
                Failed("charge-payment", "2026-12-03T09:15:00Z", KeyError),
                Failed("charge-payment", "2026-12-03T07:05:00Z", KeyError)),
            LastSuccess = ListRuns(nextOffset: null, Completed("charge-payment", "2026-12-03T07:01:00Z")),
            Workers = Workers(
                Worker("py-orders-1", "ACTIVE", used: 3, limit: 50),
                Worker("py-reports-1", "ACTIVE", used: 4, limit: 4),
                Worker("go-media-1", "PAUSED", used: 0, limit: 10, paused: true)),
            QueueMetrics = Queues(("generate-report:render", 9, 1)),
        };

        var conclusion = string.Join('\n', DemoConclusion.Build(observations));

        Assert.Contains("Failing: charge-payment, 3 of the 4 runs that failed in the last 24h", conclusion, StringComparison.Ordinal);
        Assert.Contains("Since: 2026-12-03 07:05:00Z", conclusion, StringComparison.Ordinal);
        Assert.Contains("last successful run created 2026-12-03 07:01:00Z, before the first failure", conclusion, StringComparison.Ordinal);
        Assert.Contains($"Error: {KeyError} in 3 of its 3 failures read", conclusion, StringComparison.Ordinal);
        Assert.Contains("Capacity: not the problem for charge-payment", conclusion, StringComparison.Ordinal);
        Assert.Contains("py-reports-1 full (4 of 4 slots used)", conclusion, StringComparison.Ordinal);
        Assert.Contains("go-media-1 paused", conclusion, StringComparison.Ordinal);
        Assert.Contains("Replay: will not help until the cause is fixed", conclusion, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workflow_with_transient_errors_a_backlog_and_no_worker_gets_a_different_conclusion()
    {
        var observations = new DemoObservations
        {
            Window = "24h",
            FailedRuns = ListRuns(
                nextOffset: null,
                Failed("sync-inventory", "2026-12-03T11:00:00Z", Unavailable),
                Failed("sync-inventory", "2026-12-03T10:00:00Z", Unavailable),
                Failed("charge-payment", "2026-12-03T09:00:00Z", KeyError)),
            LastSuccess = ListRuns(nextOffset: null, Completed("sync-inventory", "2026-12-03T10:30:00Z")),
            Workers = Workers(Worker("go-inventory-1", "INACTIVE", used: 0, limit: 5)),
            QueueMetrics = Queues(("sync-inventory:sync", 12, 0)),
        };

        var conclusion = string.Join('\n', DemoConclusion.Build(observations));

        Assert.Contains("Failing: sync-inventory, 2 of the 3 runs", conclusion, StringComparison.Ordinal);
        Assert.Contains("Since: 2026-12-03 10:00:00Z", conclusion, StringComparison.Ordinal);
        Assert.Contains("last successful run created 2026-12-03 10:30:00Z, after the first failure", conclusion, StringComparison.Ordinal);
        Assert.Contains($"Error: {Unavailable} in 2 of its 2 failures read", conclusion, StringComparison.Ordinal);
        Assert.Contains("Capacity: likely part of the problem", conclusion, StringComparison.Ordinal);
        Assert.Contains("12 tasks waiting in sync-inventory:sync and no active worker serving it", conclusion, StringComparison.Ordinal);
        Assert.Contains("go-inventory-1 inactive", conclusion, StringComparison.Ordinal);
        Assert.Contains("Replay: may help", conclusion, StringComparison.Ordinal);
        Assert.DoesNotContain("charge-payment, ", conclusion, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_cut_short_says_since_at_least_and_how_many_failures_were_read()
    {
        var observations = new DemoObservations
        {
            Window = "24h",
            FailedRuns = ListRuns(
                nextOffset: 2,
                Failed("charge-payment", "2026-12-03T10:40:00Z", KeyError),
                Failed("charge-payment", "2026-12-03T09:40:00Z", KeyError)),
            LastSuccess = ListRuns(nextOffset: null),
            Workers = Workers(Worker("py-orders-1", "ACTIVE", used: 1, limit: 50)),
            QueueMetrics = Queues(),
        };

        var conclusion = string.Join('\n', DemoConclusion.Build(observations));

        Assert.Contains("of the first 2 failed runs read", conclusion, StringComparison.Ordinal);
        Assert.Contains("Since: at least 2026-12-03 09:40:00Z", conclusion, StringComparison.Ordinal);
        Assert.Contains("no successful run in the last 24h", conclusion, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_failure_since_the_last_success_dates_the_failing_and_the_count_since_then_is_given()
    {
        var observations = new DemoObservations
        {
            Window = "24h",
            FailedRuns = ListRuns(nextOffset: 2, Failed("charge-payment", "2026-12-03T10:40:00Z", KeyError), Failed("charge-payment", "2026-12-03T09:40:00Z", KeyError)),
            LastSuccess = ListRuns(nextOffset: null, Completed("charge-payment", "2026-12-03T06:34:08Z")),
            FailuresSinceLastSuccess = ListRuns(nextOffset: 1, matchedAtMost: 96, Failed("charge-payment", "2026-12-03T10:40:00Z", KeyError)),
            FirstFailureSinceLastSuccess = ListRuns(nextOffset: null, Failed("charge-payment", "2026-12-03T07:21:30Z", KeyError)),
            Workers = Workers(Worker("py-orders-1", "ACTIVE", used: 1, limit: 50)),
            QueueMetrics = Queues(),
        };

        var conclusion = string.Join('\n', DemoConclusion.Build(observations));

        Assert.Contains(
            "Since: 2026-12-03 07:21:30Z, its first failure after its last successful run (created 2026-12-03 06:34:08Z); 96 failures since then and no success",
            conclusion,
            StringComparison.Ordinal);
        Assert.Contains("no run has succeeded since 2026-12-03 07:21:30Z", conclusion, StringComparison.Ordinal);
        Assert.Contains("Workers: the only one is active with free slots", conclusion, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_failed_in_the_window_says_so_instead_of_naming_a_workflow()
    {
        var observations = new DemoObservations
        {
            Window = "24h",
            FailedRuns = ListRuns(nextOffset: null),
            LastSuccess = null,
            Workers = Workers(Worker("py-orders-1", "ACTIVE", used: 1, limit: 50)),
            QueueMetrics = Queues(),
        };

        var conclusion = string.Join('\n', DemoConclusion.Build(observations));

        Assert.Contains("Failing: no run failed in the last 24h", conclusion, StringComparison.Ordinal);
        Assert.DoesNotContain("Replay: will not help", conclusion, StringComparison.Ordinal);
    }

    private static string Failed(string workflow, string createdAt, string signature) =>
        $$"""{"id":"{{Guid.NewGuid()}}","workflowName":"{{workflow}}","status":"FAILED","createdAt":"{{createdAt}}","error":{{JsonSerializer.Serialize(signature, TestJson.Default.String)}},"errorSignature":{{JsonSerializer.Serialize(signature, TestJson.Default.String)}}}""";

    private static string Completed(string workflow, string createdAt) =>
        $$"""{"id":"{{Guid.NewGuid()}}","workflowName":"{{workflow}}","status":"COMPLETED","createdAt":"{{createdAt}}","finishedAt":"{{createdAt}}"}""";

    private static JsonElement ListRuns(int? nextOffset, params string[] rows) => ListRuns(nextOffset, matchedAtMost: null, rows);

    private static JsonElement ListRuns(int? nextOffset, int? matchedAtMost, params string[] rows)
    {
        var next = nextOffset is null ? "null" : nextOffset.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var atMost = matchedAtMost is null ? string.Empty : $",\"atMost\":{matchedAtMost}";
        return Parse($$"""{"since":"2026-12-02T12:00:00Z","statuses":[],"metadata":[],"page":{"offset":0,"limit":50,"returned":{{rows.Length}},"matched":{"atLeast":{{rows.Length}}{{atMost}}},"nextOffset":{{next}}},"runs":[{{string.Join(',', rows)}}]}""");
    }

    private static string Worker(string name, string status, int used, int limit, bool paused = false) =>
        $$"""{"id":"{{Guid.NewGuid()}}","name":"{{name}}","status":"{{status}}","slotsUsed":{{used}},"slotsAvailable":{{limit - used}},"slotsLimit":{{limit}},"slots":[],"actionsCount":1,"paused":{{(paused ? "true" : "false")}}}""";

    private static JsonElement Workers(params string[] rows) =>
        Parse($$"""{"total":{{rows.Length}},"byStatus":{},"workers":[{{string.Join(',', rows)}}]}""");

    private static JsonElement Queues(params (string Queue, long Queued, int ActiveWorkers)[] queues)
    {
        var rows = queues.Select(q => $$"""{"queue":"{{q.Queue}}","queued":{{q.Queued}},"activeWorkers":{{q.ActiveWorkers}}}""");
        return Parse($$"""{"since":"2026-12-02T12:00:00Z","taskCounts":{},"totalQueued":{{queues.Sum(q => q.Queued)}},"deepestQueues":[{{string.Join(',', rows)}}]}""");
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
