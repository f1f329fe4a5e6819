using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>The failure summary's scan: every failed run of the window read page by page within the gate, and grouped.</summary>
public sealed class FailureSummaryScanTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Payments = Guid.NewGuid();
    private static readonly Guid Emails = Guid.NewGuid();

    private sealed record Run(Guid Id, Guid Workflow, DateTimeOffset At, string Status, string Error);

    /// <summary>Serves runs like Hatchet's runs list (filters, newest first, num_pages = ceil(total/limit)) and counts requests in flight.</summary>
    private sealed class RunsClient(IReadOnlyList<Run> runs, Guid? historyFailsFor = null) : ScriptedHatchetClient
    {
        private int _inFlight;

        public int MostInFlight { get; private set; }
        public int FailedPagesRead { get; private set; }

        public override async Task<V1RunList> ListRunsAsync(RunListQuery query, CancellationToken cancellationToken)
        {
            lock (runs)
            {
                MostInFlight = Math.Max(MostInFlight, ++_inFlight);
                if (query.Statuses is [V1TaskStatuses.Failed] && query.Limit > 1)
                {
                    FailedPagesRead++;
                }
            }

            try
            {
                await Task.Delay(1, cancellationToken);
                if (query.Statuses is [V1TaskStatuses.Completed] && query.WorkflowIds is [var wanted] && wanted == historyFailsFor)
                {
                    throw new HatchetApiException(HatchetErrorKind.ServerError, "Hatchet answered 500");
                }

                var matching = runs
                    .Where(r => r.At >= query.Since && (query.Until is not { } until || r.At <= until))
                    .Where(r => query.Statuses is not { Count: > 0 } statuses || statuses.Contains(r.Status))
                    .Where(r => query.WorkflowIds is not { Count: > 0 } ids || ids.Contains(r.Workflow))
                    .OrderByDescending(r => r.At)
                    .ToList();
                var limit = query.Limit ?? 50;
                return new V1RunList
                {
                    Pagination = new PaginationResponse { NumPages = (matching.Count + limit - 1) / limit },
                    Rows = [.. matching.Skip(query.Offset ?? 0).Take(limit).Select(r => new V1RunListRow
                    {
                        Metadata = new ApiResourceMeta { Id = r.Id, CreatedAt = r.At },
                        WorkflowRunExternalId = r.Id,
                        CreatedAt = r.At,
                        Status = r.Status,
                        WorkflowId = r.Workflow,
                        WorkflowName = r.Workflow == Payments ? "charge-payment" : r.Workflow == Emails ? "send-email" : $"workflow-{r.Workflow}",
                        ErrorMessage = r.Error,
                    })],
                };
            }
            finally
            {
                lock (runs)
                {
                    _inFlight--;
                }
            }
        }
    }

    private static FailureSummaryScan Scan(RunsClient client, int concurrency)
    {
        var gate = new FetchGate(concurrency);
        return new FailureSummaryScan(client, gate, new WorkflowHistory(client, gate, new WorkflowVersionNames(client, gate)));
    }

    /// <summary>1,234 failed runs over three pages (num_pages alone says 1,001-1,500), and some completed ones.</summary>
    private static List<Run> Window()
    {
        var runs = new List<Run>();
        for (var i = 0; i < 1234; i++)
        {
            var at = Now - TimeSpan.FromSeconds(30 * (i + 1));
            runs.Add(i % 2 == 0
                ? new Run(Guid.NewGuid(), Payments, at, V1TaskStatuses.Failed, $"card {1000 + i} declined for 'cus {i}'")
                : i % 3 == 0
                    ? new Run(Guid.NewGuid(), Payments, at, V1TaskStatuses.Failed, "KeyError: 'billing_country'")
                    : new Run(Guid.NewGuid(), Emails, at, V1TaskStatuses.Failed, $"smtp 421 at 2026-11-24T0{i % 10}:00:00Z"));
            runs.Add(new Run(Guid.NewGuid(), i % 2 == 0 ? Payments : Emails, at - TimeSpan.FromSeconds(10), V1TaskStatuses.Completed, ""));
        }

        return runs;
    }

    [Fact]
    public async Task Every_failed_run_is_read_once_the_count_is_exact_from_the_last_page_and_groups_add_up()
    {
        var runs = Window();
        var client = new RunsClient(runs);

        var summary = await Scan(client, 2).ScanAsync(Now - TimeSpan.FromDays(2), Now, null, TestContext.Current.CancellationToken);

        Assert.Equal(1234, summary.FailuresMatched.Exact);
        Assert.Equal(1234, summary.FailuresScanned);
        Assert.Equal(3, client.FailedPagesRead);
        Assert.Equal(2468, summary.RunsInWindow);
        Assert.Empty(summary.Notes);
        var payments = summary.Workflows.Single(w => w.WorkflowId == Payments);
        var emails = summary.Workflows.Single(w => w.WorkflowId == Emails);
        Assert.Equal(runs.Count(r => r.Workflow == Payments && r.Status == V1TaskStatuses.Failed), payments.FailuresScanned);
        Assert.Equal(runs.Count(r => r.Workflow == Payments), payments.RunsInWindow);
        Assert.Equal(["card <n> declined for '<value>'", "KeyError: 'billing_country'"], payments.Signatures.Select(s => s.Signature));
        Assert.Equal(payments.FailuresScanned, payments.Signatures.Sum(s => s.Failures));
        var smtp = Assert.Single(emails.Signatures);
        Assert.Equal("smtp <n> at <time>", smtp.Signature);

        // Examples are the newest runs of their group, first and last seen span the group.
        var smtpRuns = runs.Where(r => r.Workflow == Emails && r.Status == V1TaskStatuses.Failed).OrderByDescending(r => r.At).ToList();
        Assert.Equal(smtpRuns.Take(FailureSummaryScan.ExampleRuns).Select(r => r.Id), smtp.ExampleRunIds);
        Assert.Equal(smtpRuns[^1].At, smtp.FirstSeen);
        Assert.Equal(smtpRuns[0].At, smtp.LastSeen);
    }

    [Fact]
    public async Task The_gate_bounds_the_pages_in_flight()
    {
        var client = new RunsClient(Window());

        await Scan(client, 1).ScanAsync(Now - TimeSpan.FromDays(2), Now, null, TestContext.Current.CancellationToken);

        Assert.Equal(1, client.MostInFlight);
    }

    [Fact]
    public async Task A_workflow_filter_reads_only_that_workflow_and_its_run_count_is_the_window_count()
    {
        var client = new RunsClient(Window());

        var summary = await Scan(client, 4).ScanAsync(Now - TimeSpan.FromDays(2), Now, Emails, TestContext.Current.CancellationToken);

        var only = Assert.Single(summary.Workflows);
        Assert.Equal(Emails, only.WorkflowId);
        Assert.Equal(summary.RunsInWindow, only.RunsInWindow);
    }

    [Fact]
    public async Task A_workflow_whose_history_cannot_be_read_keeps_its_failures_and_says_why()
    {
        var client = new RunsClient(Window(), historyFailsFor: Emails);

        var summary = await Scan(client, 4).ScanAsync(Now - TimeSpan.FromDays(2), Now, null, TestContext.Current.CancellationToken);

        var emails = summary.Workflows.Single(w => w.WorkflowId == Emails);
        Assert.Null(emails.History);
        Assert.StartsWith("history not read", emails.HistoryNote, StringComparison.Ordinal);
        Assert.True(emails.FailuresScanned > 0);
        Assert.NotNull(summary.Workflows.Single(w => w.WorkflowId == Payments).History);
    }

    [Fact]
    public async Task Beyond_the_workflows_whose_history_is_read_the_rest_keep_their_failures_and_say_what_was_not_read()
    {
        var runs = new List<Run>();
        var workflows = Enumerable.Range(0, FailureSummaryScan.MaxHistories + 2).Select(_ => Guid.NewGuid()).ToList();
        for (var w = 0; w < workflows.Count; w++)
        {
            for (var i = 0; i <= w; i++)
            {
                runs.Add(new Run(Guid.NewGuid(), workflows[w], Now - TimeSpan.FromMinutes(10 * (i + 1) + w), V1TaskStatuses.Failed, "boom"));
            }
        }

        var summary = await Scan(new RunsClient(runs), 4).ScanAsync(Now - TimeSpan.FromDays(1), Now, null, TestContext.Current.CancellationToken);

        Assert.Equal(workflows.Count, summary.Workflows.Count);
        Assert.Contains(summary.Notes, n => n.Contains("pass workflow=<name>", StringComparison.Ordinal));
        var unread = summary.Workflows.Where(w => w.RunsInWindow is null).ToList();
        // The two with fewest failures (1 and 2) are the ones left unread.
        Assert.Equal(new[] { workflows[0], workflows[1] }.Order(), unread.Select(w => w.WorkflowId).Order());
        Assert.All(unread, w => Assert.Null(w.History));
        Assert.All(unread, w => Assert.Contains("not read", w.HistoryNote, StringComparison.Ordinal));
        Assert.All(summary.Workflows.Except(unread), w => Assert.Equal(w.FailuresScanned, w.RunsInWindow));
    }
}
