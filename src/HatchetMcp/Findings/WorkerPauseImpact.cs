namespace HatchetMcp.Findings;

/// <summary>
/// What pausing a worker holds back, from reads only: its actions and workflows, its slots, the tasks RUNNING on it
/// (they finish; Hatchet assigns it nothing new) and its actions that no other ACTIVE worker registers (their tasks
/// would wait QUEUED). <see cref="OtherWorkers"/> is how many other workers list_workers showed; a part that could not be
/// read leaves a note in <see cref="Notes"/> instead.
/// </summary>
public sealed record WorkerPauseImpact(
    Guid WorkerId,
    WorkerCapacity Capacity,
    IReadOnlyList<string> Workflows,
    RunSample Running,
    IReadOnlyList<string> ActionsWithoutOtherWorker,
    int OtherWorkers,
    IReadOnlyList<string> Notes)
{
    public bool IsPaused => Capacity.Status == "PAUSED";
}
