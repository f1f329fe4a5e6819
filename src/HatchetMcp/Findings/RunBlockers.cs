namespace HatchetMcp.Findings;

/// <summary>
/// Why a QUEUED or RUNNING run is not progressing: each of its waiting or running tasks with its causes. Causes read
/// from live state say so in their <see cref="BlockerCause.Basis"/>; <see cref="Notes"/> say what could not be read.
/// </summary>
public sealed record RunBlockers(Guid RunId, string? Workflow, string Status, IReadOnlyList<TaskBlockers> Tasks, IReadOnlyList<string> Notes)
{
    /// <summary>The task that holds the run: its first QUEUED task (oldest wait), else its longest running one.</summary>
    public TaskBlockers? Holding => Tasks.Where(t => t.Task.IsQueued).OrderBy(t => t.Since).FirstOrDefault()
        ?? Tasks.OrderBy(t => t.Since).FirstOrDefault();
}
