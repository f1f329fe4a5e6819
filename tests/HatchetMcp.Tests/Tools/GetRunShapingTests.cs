using HatchetMcp.Hatchet;
using HatchetMcp.Tools;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Protocol;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>
/// get_run on a scripted Hatchet whose run details carry no workflow name on their tasks (the field is optional):
/// round trips, the follow-up that fits the status, never-created steps, and the task list cut to the budget.
/// </summary>
public sealed class GetRunShapingTests
{
    private static readonly Guid RunId = Guid.Parse("6a1d2c3b-4e5f-4a7b-8c9d-0e1f2a3b4c5d");
    private static readonly Guid WorkflowId = Guid.Parse("1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b");
    private static readonly DateTimeOffset Created = new(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    private static (RunTools Tools, ScriptedRunClient Client) Tools(string status, int taskCount = 1, int maxTextBytes = 24_000, bool withNeverCreatedStep = false)
    {
        var client = new ScriptedRunClient(status, taskCount, withNeverCreatedStep);
        var time = new FakeTimeProvider(Created.AddMinutes(10));
        return (new RunTools(client, new ToolOutputOptions { MaxTextBytes = maxTextBytes }, time, new WorkflowCatalog(time), HatchetMcp.Shaping.DashboardLinks.None), client);
    }

    [Fact]
    public async Task A_warm_get_run_asks_hatchet_once_even_when_the_tasks_do_not_name_the_workflow()
    {
        var (tools, client) = Tools(V1TaskStatuses.Completed);
        var first = await tools.GetRun(RunId.ToString(), TestContext.Current.CancellationToken);
        Assert.Contains("of workflow nightly-report", Text(first), StringComparison.Ordinal);
        Assert.Equal(2, client.Calls);

        client.Calls = 0;
        var warm = await tools.GetRun(RunId.ToString(), TestContext.Current.CancellationToken);
        Assert.Contains("of workflow nightly-report", Text(warm), StringComparison.Ordinal);
        Assert.Equal(1, client.Calls);
    }

    [Fact]
    public async Task A_cancelled_run_is_not_told_to_wait_for_a_fix_before_replaying()
    {
        var (tools, _) = Tools(V1TaskStatuses.Cancelled);
        var text = Text(await tools.GetRun(RunId.ToString(), TestContext.Current.CancellationToken));
        Assert.DoesNotContain("once the cause is fixed", text, StringComparison.Ordinal);
        Assert.Contains("replay_runs re-runs it if the cancel was a mistake", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Steps_of_a_failed_run_that_never_got_a_task_are_never_created_not_pending()
    {
        var (tools, _) = Tools(V1TaskStatuses.Failed, withNeverCreatedStep: true);
        var text = Text(await tools.GetRun(RunId.ToString(), TestContext.Current.CancellationToken));
        Assert.DoesNotContain("Not created yet", text, StringComparison.Ordinal);
        Assert.Contains("Never created (the run ended before reaching them): send-report", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tasks_cut_to_the_budget_are_cut_alike_in_text_and_structured_content()
    {
        var (tools, _) = Tools(V1TaskStatuses.Failed, taskCount: 300, maxTextBytes: 4_000);
        var answer = await tools.GetRun(RunId.ToString(), TestContext.Current.CancellationToken);
        var text = Text(answer);
        var structured = answer.StructuredContent!.Value;
        var rows = structured.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList();

        Assert.InRange(rows.Count, 1, 299);
        Assert.Equal(rows.Count, text.Split('\n').Count(l => l.StartsWith("  step-", StringComparison.Ordinal)));
        Assert.All(rows, id => Assert.Contains(id.ToString(), text, StringComparison.Ordinal));
        Assert.Contains($"{300 - rows.Count} of 300 tasks left out", structured.GetProperty("tasksCut").GetString(), StringComparison.Ordinal);
        Assert.Contains($"{300 - rows.Count} more tasks not shown", text, StringComparison.Ordinal);
        Assert.InRange(structured.GetProperty("tasks").GetRawText().Length, 0, 4_000);
    }

    /// <summary>Answers get-run with a run of <c>taskCount</c> tasks, and the workflows (list or get) with its name; counts the calls.</summary>
    private sealed class ScriptedRunClient(string status, int taskCount, bool withNeverCreatedStep) : ScriptedHatchetClient
    {
        public int Calls { get; set; }

        public override Task<RunLookupResult> GetRunAsync(Guid runOrTaskId, CancellationToken cancellationToken)
        {
            Calls++;
            var tasks = Enumerable.Range(0, taskCount).Select(i => new V1TaskSummary
            {
                TaskExternalId = Guid.NewGuid(),
                DisplayName = $"step-{i:D3}-1764039600000",
                Status = status,
                StartedAt = Created.AddSeconds(1),
                FinishedAt = Created.AddSeconds(2),
                ErrorMessage = status == V1TaskStatuses.Failed ? $"ValueError: bad row {i}" : null,
            }).ToList();
            var shape = tasks.Select(t => new WorkflowRunShapeItem { TaskExternalId = t.TaskExternalId, TaskName = RunTextStep(t.DisplayName!) }).ToList();
            if (withNeverCreatedStep)
            {
                shape.Add(new WorkflowRunShapeItem { TaskExternalId = Guid.Empty, TaskName = "send-report" });
            }

            return Task.FromResult(RunLookupResult.ForRun(new V1WorkflowRunDetails
            {
                Run = new V1WorkflowRun
                {
                    Metadata = new ApiResourceMeta { Id = RunId, CreatedAt = Created },
                    CreatedAt = Created,
                    Status = status,
                    DisplayName = "nightly-report-1764039600000",
                    WorkflowId = WorkflowId,
                },
                Tasks = tasks,
                Shape = shape,
                TaskEvents = [],
            }));
        }

        public override Task<WorkflowList> ListWorkflowsAsync(string? name, int? limit, int? offset, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new WorkflowList { Rows = [new Workflow { Metadata = new ApiResourceMeta { Id = WorkflowId }, Name = "nightly-report" }] });
        }

        public override Task<Workflow> GetWorkflowAsync(Guid workflowId, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new Workflow { Metadata = new ApiResourceMeta { Id = workflowId }, Name = "nightly-report" });
        }

        private static string RunTextStep(string displayName) => displayName[..displayName.LastIndexOf('-')];

    }
}
