using System.Collections.Concurrent;
using HatchetMcp.Hatchet;
using HatchetMcp.Tools;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Protocol;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>get_workflow over a scripted Hatchet: the run scan is bounded and says so; tasks fall back to a run's shape.</summary>
public sealed class GetWorkflowScanTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid WorkflowId = Guid.Parse("0b5f6f8e-2f0c-4d9a-9a51-3d3c1c6f0a01");
    private static readonly Guid VersionId = Guid.Parse("0b5f6f8e-2f0c-4d9a-9a51-3d3c1c6f0a02");
    private static readonly Guid StepA = Guid.Parse("0b5f6f8e-2f0c-4d9a-9a51-3d3c1c6f0a03");
    private static readonly Guid StepB = Guid.Parse("0b5f6f8e-2f0c-4d9a-9a51-3d3c1c6f0a04");

    [Fact]
    public async Task A_busy_workflow_reads_at_most_two_thousand_runs_and_says_how_many_of_how_many_matched()
    {
        var client = new BusyWorkflowClient(matchedRuns: 5000);
        var time = new FakeTimeProvider(Now);
        var tools = new WorkflowDetailTools(client, time, new WorkflowCatalog(time), HatchetMcp.Shaping.DashboardLinks.None, new HatchetMcp.Findings.FetchGate(),
            new HatchetMcp.Findings.WorkflowVersionNames(client, new HatchetMcp.Findings.FetchGate()));

        var result = await tools.GetWorkflow(WorkflowId.ToString(), cancellationToken: TestContext.Current.CancellationToken);
        var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

        Assert.Equal([0, 500, 1000, 1500], client.Offsets.Order().ToArray());
        Assert.Contains("2,000 runs scanned (newest first) of 4501-5000 matched", text, StringComparison.Ordinal);
        Assert.Contains("2,000 runs: 0 completed, 2000 failed", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workflow_whose_runs_all_fit_the_scan_counts_them_exactly()
    {
        var client = new BusyWorkflowClient(matchedRuns: 747);
        var time = new FakeTimeProvider(Now);
        var tools = new WorkflowDetailTools(client, time, new WorkflowCatalog(time), HatchetMcp.Shaping.DashboardLinks.None, new HatchetMcp.Findings.FetchGate(),
            new HatchetMcp.Findings.WorkflowVersionNames(client, new HatchetMcp.Findings.FetchGate()));

        var result = await tools.GetWorkflow("nightly", cancellationToken: TestContext.Current.CancellationToken);
        var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

        Assert.Equal(747, result.StructuredContent!.Value.GetProperty("outcomes").GetProperty("matched").GetProperty("exact").GetInt64());
        Assert.Contains(": 747 runs; by version", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_tasks_in_the_version_the_newest_runs_shape_gives_them_and_says_so()
    {
        var client = new BusyWorkflowClient(matchedRuns: 3);
        var time = new FakeTimeProvider(Now);
        var tools = new WorkflowDetailTools(client, time, new WorkflowCatalog(time), HatchetMcp.Shaping.DashboardLinks.None, new HatchetMcp.Findings.FetchGate(),
            new HatchetMcp.Findings.WorkflowVersionNames(client, new HatchetMcp.Findings.FetchGate()));

        var result = await tools.GetWorkflow("nightly", cancellationToken: TestContext.Current.CancellationToken);
        var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

        Assert.Contains("Tasks (2, from the latest run): extract; load (after extract).", text, StringComparison.Ordinal);
        Assert.Equal("latest run", result.StructuredContent!.Value.GetProperty("tasksSource").GetString());
    }

    private sealed class BusyWorkflowClient(int matchedRuns) : ScriptedHatchetClient
    {
        public ConcurrentBag<int> Offsets { get; } = [];

        public override Task<WorkflowList> ListWorkflowsAsync(string? name, int? limit, int? offset, CancellationToken cancellationToken) =>
            Task.FromResult(new WorkflowList { Rows = [new Workflow { Metadata = new ApiResourceMeta { Id = WorkflowId }, Name = "nightly" }] });

        public override Task<Workflow> GetWorkflowAsync(Guid workflowId, CancellationToken cancellationToken) =>
            Task.FromResult(new Workflow { Metadata = new ApiResourceMeta { Id = WorkflowId }, Name = "nightly", IsPaused = false });

        public override Task<WorkflowVersion> GetWorkflowVersionAsync(Guid workflowId, Guid? versionId, CancellationToken cancellationToken) =>
            Task.FromResult(new WorkflowVersion { Metadata = new ApiResourceMeta { Id = VersionId, CreatedAt = Now.AddDays(-1) }, Version = "v9" });

        public override Task<CronWorkflowList> ListCronsAsync(Guid? workflowId, int limit, int offset, CancellationToken cancellationToken) =>
            Task.FromResult(new CronWorkflowList { Rows = [] });

        public override Task<ScheduledWorkflowList> ListScheduledAsync(Guid? workflowId, IReadOnlyList<string> statuses, int limit, int offset, CancellationToken cancellationToken) =>
            Task.FromResult(new ScheduledWorkflowList { Rows = [] });

        public override Task<V1RunList> ListRunsAsync(RunListQuery query, CancellationToken cancellationToken)
        {
            var offset = query.Offset ?? 0;
            Offsets.Add(offset);
            var count = Math.Clamp(matchedRuns - offset, 0, query.Limit ?? 50);
            var rows = Enumerable.Range(offset, count).Select(i => new V1RunListRow
            {
                Metadata = new ApiResourceMeta { Id = new Guid(i + 1, 0, 0, new byte[8]) },
                Status = V1TaskStatuses.Failed,
                WorkflowVersionId = VersionId,
                CreatedAt = Now.AddSeconds(-i),
            }).ToList();
            var pages = (matchedRuns + (query.Limit ?? 50) - 1) / (query.Limit ?? 50);
            return Task.FromResult(new V1RunList { Rows = rows, Pagination = new PaginationResponse { NumPages = pages } });
        }

        public override Task<RunLookupResult> GetRunAsync(Guid runOrTaskId, CancellationToken cancellationToken) =>
            Task.FromResult(RunLookupResult.ForRun(new V1WorkflowRunDetails
            {
                Shape =
                [
                    new WorkflowRunShapeItem { StepId = StepA, TaskName = "extract", ChildrenStepIds = [StepB] },
                    new WorkflowRunShapeItem { StepId = StepB, TaskName = "load", ChildrenStepIds = [] },
                ],
            }));
    }
}
