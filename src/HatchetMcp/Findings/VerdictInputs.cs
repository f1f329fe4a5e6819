namespace HatchetMcp.Findings;

/// <summary>The facts the verdict rules read, all from the run's own findings.</summary>
public sealed record VerdictInputs(
    string Status,
    string? Error,
    int Attempt,
    bool TimedOut,
    string? CancelMessage,
    bool HasParentTask,
    WorkflowFare? History,
    NamedVersion? ThisVersion);
