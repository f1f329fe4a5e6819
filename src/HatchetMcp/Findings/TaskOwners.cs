using HatchetMcp.Hatchet;

namespace HatchetMcp.Findings;

/// <summary>The workflow and run a task belongs to (a log line names only its task).</summary>
public sealed record TaskOwner(string? Workflow, Guid? WorkflowId, Guid RunId);

/// <summary>
/// Names the workflow and run of tasks that logged, within a bounded number of calls: one page of the task list over
/// the span the lines cover, then one task lookup each for the tasks that page missed, at most
/// <see cref="MaxLookups"/> and <see cref="Concurrency"/> at a time. A task neither found nor looked up stays unknown.
/// </summary>
public sealed class TaskOwners(IHatchetClient client, FetchGate? fetchGate = null)
{
    /// <summary>Task rows read in one list call.</summary>
    public const int ListPage = 1000;

    /// <summary>Single task lookups for tasks the list page did not hold.</summary>
    public const int MaxLookups = 20;

    public const int Concurrency = 4;

    /// <summary>A task starts before it logs; tasks inserted this long before the first line are listed too.</summary>
    private static readonly TimeSpan StartMargin = TimeSpan.FromHours(1);

    /// <summary>
    /// Owners of <paramref name="taskIds"/> (newest first: the lookups go to the first ones the list missed), whose
    /// lines span <paramref name="from"/> to <paramref name="to"/>; <paramref name="workflowId"/> narrows the list.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, TaskOwner>> FindAsync(IReadOnlyList<Guid> taskIds, DateTimeOffset from, DateTimeOffset to,
        Guid? workflowId, CancellationToken cancellationToken)
    {
        var owners = new Dictionary<Guid, TaskOwner>();
        if (taskIds.Count == 0)
        {
            return owners;
        }

        var wanted = taskIds.ToHashSet();
        var page = await client.ListRunsAsync(new RunListQuery
        {
            Since = from - StartMargin,
            Until = to,
            WorkflowIds = workflowId is { } w ? [w] : null,
            OnlyTasks = true,
            IncludePayloads = false,
            Limit = ListPage,
        }, cancellationToken).ConfigureAwait(false);
        foreach (var row in page.Rows ?? [])
        {
            if (row.Metadata?.Id is { } id && wanted.Contains(id) && row.WorkflowRunExternalId is { } run)
            {
                owners[id] = new TaskOwner(row.WorkflowName, row.WorkflowId, run);
            }
        }

        var missing = taskIds.Where(id => !owners.ContainsKey(id)).Take(MaxLookups).ToList();
        var looked = await (fetchGate ?? new FetchGate(Concurrency)).EachAsync(missing, async (id, ct) =>
        {
            try
            {
                var task = await client.GetTaskAsync(id, null, ct).ConfigureAwait(false);
                return (Id: id, Owner: (TaskOwner?)new TaskOwner(task.WorkflowName, task.WorkflowId, task.WorkflowRunExternalId ?? id));
            }
            catch (HatchetApiException)
            {
                // One task that cannot be read leaves its lines unattributed; the answer says how many.
                return (Id: id, Owner: null);
            }
        }, cancellationToken).ConfigureAwait(false);
        foreach (var (id, owner) in looked)
        {
            if (owner is not null)
            {
                owners[id] = owner;
            }
        }

        return owners;
    }
}
