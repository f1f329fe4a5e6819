using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>How log lines' tasks get their workflow and run: one list page, then bounded single lookups.</summary>
public sealed class TaskOwnersTests
{
    private sealed class Client(IReadOnlyList<Guid> listed, Guid unreadable) : ScriptedHatchetClient
    {
        private int _inFlight;

        public List<Guid> Looked { get; } = [];
        public int MostInFlight { get; private set; }
        public RunListQuery? ListQuery { get; private set; }

        public override Task<V1RunList> ListRunsAsync(RunListQuery query, CancellationToken cancellationToken)
        {
            ListQuery = query;
            return Task.FromResult(new V1RunList
            {
                Rows = [.. listed.Select(id => new V1RunListRow { Metadata = new ApiResourceMeta { Id = id }, WorkflowName = "listed", WorkflowRunExternalId = id })],
            });
        }

        public override async Task<V1TaskSummary> GetTaskAsync(Guid taskId, int? attempt, CancellationToken cancellationToken)
        {
            lock (Looked)
            {
                Looked.Add(taskId);
                MostInFlight = Math.Max(MostInFlight, ++_inFlight);
            }

            try
            {
                await Task.Yield();
                await Task.Delay(5, cancellationToken);
                return taskId == unreadable
                    ? throw new HatchetApiException(HatchetErrorKind.NotFound, "task not found")
                    : new V1TaskSummary { WorkflowName = "looked-up", WorkflowRunExternalId = taskId };
            }
            finally
            {
                lock (Looked)
                {
                    _inFlight--;
                }
            }
        }
    }

    [Fact]
    public async Task Lookups_share_the_configured_gate_so_a_limit_of_one_keeps_one_request_in_flight()
    {
        var tasks = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToList();
        var client = new Client([], Guid.Empty);
        var from = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        using var gate = new FetchGate(1);

        await new TaskOwners(client, gate).FindAsync(tasks, from, from.AddHours(2), null, TestContext.Current.CancellationToken);

        Assert.Equal(12, client.Looked.Count);
        Assert.Equal(1, client.MostInFlight);
    }

    [Fact]
    public async Task Tasks_missing_from_the_list_page_are_looked_up_twenty_at_most_and_four_at_a_time_and_a_failed_lookup_stays_unknown()
    {
        var tasks = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();
        var listed = tasks.Take(5).ToList();
        var unreadable = tasks[10];
        var client = new Client(listed, unreadable);
        var from = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

        var owners = await new TaskOwners(client).FindAsync(tasks, from, from.AddHours(2), null, TestContext.Current.CancellationToken);

        Assert.Equal(tasks.Skip(5).Take(TaskOwners.MaxLookups).Order(), client.Looked.Order());
        Assert.InRange(client.MostInFlight, 1, TaskOwners.Concurrency);
        Assert.Equal(5 + TaskOwners.MaxLookups - 1, owners.Count);
        Assert.All(listed, id => Assert.Equal("listed", owners[id].Workflow));
        Assert.DoesNotContain(unreadable, owners.Keys);
        Assert.DoesNotContain(tasks[^1], owners.Keys);
        Assert.True(client.ListQuery!.OnlyTasks);
        Assert.True(client.ListQuery.Since < from);
    }
}
