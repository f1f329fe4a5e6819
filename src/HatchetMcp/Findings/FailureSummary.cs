using HatchetMcp.Tools.Results;

namespace HatchetMcp.Findings;

/// <summary>Failed runs of one workflow sharing an error signature, in the window (counts are of the failed runs scanned).</summary>
public sealed record SignatureGroup(string Signature, int Failures, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, IReadOnlyList<Guid> ExampleRunIds);

/// <summary>
/// One workflow's failures in the window, grouped by signature, with its runs in the window and how it has fared since
/// its last success (<see cref="History"/>). Either may be unread (null), and <see cref="HistoryNote"/> then says why.
/// </summary>
public sealed record WorkflowFailures(
    Guid WorkflowId,
    string Name,
    int? RunsInWindow,
    int FailuresScanned,
    IReadOnlyList<SignatureGroup> Signatures,
    WorkflowFare? History,
    string? HistoryNote)
{
    /// <summary>Failed runs scanned over runs created in the window, 0 to 1; null when no run count was read.</summary>
    public double? FailureRate => RunsInWindow is > 0 and var runs ? Math.Min(1.0, (double)FailuresScanned / runs) : null;
}

/// <summary>
/// Failures in a window, by workflow then by error signature. <see cref="FailuresScanned"/> of
/// <see cref="FailuresMatched"/> failed runs were read; <see cref="RunsInWindow"/> counts runs of every status created in
/// the window (of the workflow when <see cref="WorkflowId"/> is set, else of the tenant).
/// </summary>
public sealed record FailureSummary(
    DateTimeOffset Since,
    DateTimeOffset Until,
    Guid? WorkflowId,
    int RunsInWindow,
    MatchCount FailuresMatched,
    int FailuresScanned,
    IReadOnlyList<WorkflowFailures> Workflows,
    IReadOnlyList<string> Notes);
