using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>
/// How a workflow has fared up to a moment: the last success, the failures since, the onset, the regression flag and
/// the version change, read from the runs list's counts with a handful of limit-1 requests.
/// </summary>
public sealed class WorkflowHistoryTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>
{
    private static readonly Guid Workflow = Guid.NewGuid();
    private static readonly Guid Good = Guid.NewGuid();
    private static readonly Guid Bad = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Serves a fixed list of runs the way Hatchet's runs list does: filters, newest first, num_pages = ceil(total/limit).</summary>
    private sealed class RunsClient(IReadOnlyList<(DateTimeOffset At, string Status, Guid Version)> runs) : ScriptedHatchetClient
    {
        private int _inFlight;

        public List<RunListQuery> Queries { get; } = [];
        public int MostInFlight { get; private set; }

        public override async Task<V1RunList> ListRunsAsync(RunListQuery query, CancellationToken cancellationToken)
        {
            lock (Queries)
            {
                Queries.Add(query);
                MostInFlight = Math.Max(MostInFlight, ++_inFlight);
            }

            try
            {
                await Task.Delay(2, cancellationToken);
                var matching = runs
                    .Where(r => r.At >= query.Since && (query.Until is not { } until || r.At <= until))
                    .Where(r => query.Statuses is not { Count: > 0 } statuses || statuses.Contains(r.Status))
                    .OrderByDescending(r => r.At)
                    .ToList();
                var limit = query.Limit ?? 50;
                return new V1RunList
                {
                    Pagination = new PaginationResponse { NumPages = (matching.Count + limit - 1) / limit },
                    Rows = [.. matching.Skip(query.Offset ?? 0).Take(limit).Select(r => new V1RunListRow
                    {
                        Metadata = new ApiResourceMeta { Id = IdOf(r.At), CreatedAt = r.At },
                        WorkflowRunExternalId = IdOf(r.At),
                        CreatedAt = r.At,
                        Status = r.Status,
                        WorkflowId = Workflow,
                        WorkflowVersionId = r.Version,
                        ErrorMessage = r.Status == V1TaskStatuses.Failed ? "KeyError: 'billing_country'" : "",
                    })],
                };
            }
            finally
            {
                lock (Queries)
                {
                    _inFlight--;
                }
            }
        }

        public override Task<WorkflowVersion> GetWorkflowVersionAsync(Guid workflowId, Guid? versionId, CancellationToken cancellationToken) =>
            Task.FromResult(new WorkflowVersion { Metadata = new ApiResourceMeta { Id = versionId }, Version = versionId == Good ? "v1" : "v2" });
    }

    /// <summary>A run's id made from its time, so a test can name the run it expects.</summary>
    private static Guid IdOf(DateTimeOffset at) => new((int)(at.ToUnixTimeSeconds() % int.MaxValue), 0, 0, new byte[8]);

    private static DateTimeOffset Ago(int minutes) => Now - TimeSpan.FromMinutes(minutes);

    private static WorkflowHistory History(RunsClient client, int concurrency = FetchGate.DefaultLimit)
    {
        var gate = new FetchGate(concurrency);
        return new WorkflowHistory(client, gate, new WorkflowVersionNames(client, gate));
    }

    [Fact]
    public async Task Failing_on_every_run_since_a_success_is_a_regression_with_its_onset_count_and_version_change()
    {
        var client = new RunsClient(
        [
            (Ago(300), V1TaskStatuses.Completed, Good),
            (Ago(200), V1TaskStatuses.Completed, Good),
            (Ago(150), V1TaskStatuses.Failed, Bad),
            (Ago(100), V1TaskStatuses.Failed, Bad),
            (Ago(50), V1TaskStatuses.Failed, Bad),
            (Ago(5), V1TaskStatuses.Running, Bad),
        ]);

        var fare = await History(client).FareAsync(Workflow, Now, null, TestContext.Current.CancellationToken);

        Assert.Equal(IdOf(Ago(200)), fare.LastSuccess?.RunId);
        Assert.Equal(IdOf(Ago(150)), fare.FirstFailure?.RunId);
        Assert.Equal(IdOf(Ago(50)), fare.LatestFailure?.RunId);
        Assert.Equal(4, fare.RunsSince);
        Assert.Equal(3, fare.FailuresSince);
        Assert.Equal(1, fare.ActiveSince);
        Assert.True(fare.Regressed);
        Assert.True(fare.VersionChanged);
        Assert.Equal(new NamedVersion(Good, "v1", null), fare.LastSuccessVersion);
        Assert.Equal(new NamedVersion(Bad, "v2", null), fare.FirstFailureVersion);
        Assert.Equal("KeyError: 'billing_country'", fare.FirstFailure?.Error);
        // The success, three counts, the far end of the failures, two versions; every list read is one row.
        Assert.Equal(5, client.Queries.Count);
        Assert.All(client.Queries, q => Assert.Equal(1, q.Limit));
        Assert.All(client.Queries, q => Assert.Equal(Now, q.Until));
    }

    [Fact]
    public async Task A_cancelled_run_after_the_success_means_not_every_run_failed()
    {
        var client = new RunsClient(
        [
            (Ago(200), V1TaskStatuses.Completed, Good),
            (Ago(150), V1TaskStatuses.Failed, Good),
            (Ago(100), V1TaskStatuses.Cancelled, Good),
            (Ago(50), V1TaskStatuses.Failed, Good),
        ]);

        var fare = await History(client).FareAsync(Workflow, Now, null, TestContext.Current.CancellationToken);

        Assert.Equal(2, fare.FailuresSince);
        Assert.Equal(1, fare.OtherSince);
        Assert.False(fare.EveryFinishedRunFailed);
        Assert.False(fare.Regressed);
        Assert.False(fare.VersionChanged);
    }

    [Fact]
    public async Task One_failure_after_a_success_is_not_yet_a_regression()
    {
        var client = new RunsClient([(Ago(200), V1TaskStatuses.Completed, Good), (Ago(50), V1TaskStatuses.Failed, Good)]);

        var fare = await History(client).FareAsync(Workflow, Now, null, TestContext.Current.CancellationToken);

        Assert.True(fare.EveryFinishedRunFailed);
        Assert.False(fare.Regressed);
        Assert.Equal(fare.LatestFailure, fare.FirstFailure);
    }

    [Fact]
    public async Task Without_a_success_in_the_lookback_it_counts_the_whole_lookback_and_claims_no_regression()
    {
        var client = new RunsClient(
        [
            (Ago(60 * 24 * 3), V1TaskStatuses.Completed, Good), // before a one-day lookback
            (Ago(150), V1TaskStatuses.Failed, Bad),
            (Ago(50), V1TaskStatuses.Failed, Bad),
        ]);

        var fare = await History(client).FareAsync(Workflow, Now, TimeSpan.FromDays(1), TestContext.Current.CancellationToken);

        Assert.Null(fare.LastSuccess);
        Assert.Equal(Now - TimeSpan.FromDays(1), fare.Since);
        Assert.Equal(2, fare.FailuresSince);
        Assert.True(fare.EveryFinishedRunFailed);
        Assert.False(fare.Regressed);
        Assert.Null(fare.LastSuccessVersion);
    }

    [Fact]
    public async Task The_moment_bounds_the_history_a_later_success_is_not_seen()
    {
        var client = new RunsClient(
        [
            (Ago(200), V1TaskStatuses.Completed, Good),
            (Ago(150), V1TaskStatuses.Failed, Bad),
            (Ago(100), V1TaskStatuses.Failed, Bad),
            (Ago(10), V1TaskStatuses.Completed, Bad),
        ]);

        var fare = await History(client).FareAsync(Workflow, Ago(60), null, TestContext.Current.CancellationToken);

        Assert.Equal(IdOf(Ago(200)), fare.LastSuccess?.RunId);
        Assert.True(fare.Regressed);
    }

    [Fact]
    public async Task The_gate_bounds_the_requests_in_flight()
    {
        var client = new RunsClient([(Ago(200), V1TaskStatuses.Completed, Good), (Ago(150), V1TaskStatuses.Failed, Bad), (Ago(100), V1TaskStatuses.Failed, Bad)]);

        await History(client, concurrency: 1).FareAsync(Workflow, Now, null, TestContext.Current.CancellationToken);

        Assert.Equal(1, client.MostInFlight);
    }

    [Fact]
    public async Task The_default_scenario_shows_the_deploy_that_broke_the_failing_workflow()
    {
        var facts = fixture.Emulator.Facts;
        var workflows = await fixture.Server.Services.GetRequiredService<IHatchetClient>()
            .ListWorkflowsAsync(facts.FailingWorkflowName, 50, 0, TestContext.Current.CancellationToken);
        var workflowId = workflows.Rows!.Single(w => w.Name == facts.FailingWorkflowName).Metadata!.Id!.Value;
        var history = fixture.Server.Services.GetRequiredService<WorkflowHistory>();

        var fare = await history.FareAsync(workflowId, fixture.Emulator.Time.GetUtcNow(), null, TestContext.Current.CancellationToken);

        Assert.True(fare.Regressed);
        Assert.True(fare.LastSuccess!.CreatedAt < facts.FailingSince);
        Assert.True(fare.FirstFailure!.CreatedAt >= facts.FailingSince);
        Assert.Equal(facts.LastGoodVersionId, fare.LastSuccessVersion?.Id);
        Assert.Equal(facts.FailingVersionId, fare.FirstFailureVersion?.Id);
        Assert.False(string.IsNullOrEmpty(fare.LastSuccessVersion?.Name));
        Assert.NotEqual(fare.LastSuccessVersion?.Name, fare.FirstFailureVersion?.Name);
        Assert.StartsWith(facts.FailingErrorSignature, fare.FirstFailure.Error, StringComparison.Ordinal);
        Assert.True(fare.FailuresSince >= 2);
    }
}
