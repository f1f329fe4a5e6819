using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

/// <summary>Answer of pause_worker, resume_worker, pause_workflow and resume_workflow.</summary>
public sealed record PauseResult
{
    [Description("\"worker\" or \"workflow\".")]
    public required string Kind { get; init; }

    public Guid Id { get; init; }

    public required string Name { get; init; }

    [Description("paused, resumed, already_paused, already_active, would_pause, would_resume, not_confirmed.")]
    public required string Outcome { get; init; }

    [Description("Before: ACTIVE, PAUSED or INACTIVE (worker); active or paused (workflow).")]
    public string? StatusBefore { get; init; }

    [Description("As Hatchet answered the write.")]
    public string? StatusAfter { get; init; }

    [Description("What the pause holds back (or the resume releases), one fact a line.")]
    public required IReadOnlyList<string> Holds { get; init; }

    public required WriteConfirmationResult Confirmation { get; init; }

    [Description("The call that reverses it.")]
    public string? Undo { get; init; }

    public string? Url { get; init; }
}
