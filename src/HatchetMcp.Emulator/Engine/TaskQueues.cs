using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Engine;

/// <summary>
/// A tenant's queued tasks, one ordered set per action id (the queue name), in assignment order: priority first
/// (3 is the most urgent), then FIFO by queue time, then task id.
/// </summary>
internal sealed class TaskQueues
{
    private static readonly Comparer<TaskRecord> AssignmentOrder = Comparer<TaskRecord>.Create((a, b) =>
    {
        var c = b.Run.Priority.CompareTo(a.Run.Priority);
        if (c != 0) return c;
        c = Nullable.Compare(a.QueuedAt, b.QueuedAt);
        return c != 0 ? c : a.TaskId.CompareTo(b.TaskId);
    });

    /// <summary>Ordinal order of action ids keeps dispatch deterministic.</summary>
    public SortedDictionary<string, SortedSet<TaskRecord>> ByAction { get; } = new(StringComparer.Ordinal);

    /// <summary>Instants (ticks) at which a dispatch pass is already on the agenda.</summary>
    public HashSet<long> PendingDispatches { get; } = [];

    /// <summary>Adds a task; its <see cref="TaskRecord.QueuedAt"/> must not change while it is queued.</summary>
    public void Add(TaskRecord task)
    {
        if (!ByAction.TryGetValue(task.ActionId, out var set))
        {
            set = new SortedSet<TaskRecord>(AssignmentOrder);
            ByAction.Add(task.ActionId, set);
        }
        set.Add(task);
    }

    public bool Remove(TaskRecord task) => ByAction.TryGetValue(task.ActionId, out var set) && set.Remove(task);

    public int Count(string actionId) => ByAction.TryGetValue(actionId, out var set) ? set.Count : 0;
}
