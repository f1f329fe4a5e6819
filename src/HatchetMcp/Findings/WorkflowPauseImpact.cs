namespace HatchetMcp.Findings;

/// <summary>
/// What pausing a workflow holds back, from reads only: its QUEUED and RUNNING runs (inserted within
/// <see cref="WorkflowPauseImpacts.Window"/>), its enabled crons and its scheduled runs not yet fired; a part that could
/// not be read leaves a note in <see cref="Notes"/> instead.
/// </summary>
public sealed record WorkflowPauseImpact(
    Guid WorkflowId,
    string Name,
    bool IsPaused,
    RunSample Queued,
    RunSample Running,
    IReadOnlyList<string> Crons,
    int DisabledCrons,
    IReadOnlyList<DateTimeOffset> Scheduled,
    bool ScheduledCut,
    IReadOnlyList<string> Notes);
