namespace HatchetMcp.Findings;

/// <summary>
/// A run read for diagnosis: its snapshot, the tasks that failed or were cancelled (those that ended the run), and the
/// log excerpt around the first ERROR line of the last failed attempt of the first of them (or why it is missing).
/// </summary>
public sealed record RunDiagnosis(RunSnapshot Run, DiagnosisKind Kind, IReadOnlyList<TaskSnapshot> FailingTasks, LogExcerpt? Excerpt,
    string? ExcerptNote)
{
    /// <summary>The failing task whose last attempt the verdict and the excerpt describe.</summary>
    public TaskSnapshot? PrimaryTask => FailingTasks.Count > 0 ? FailingTasks[0] : null;

    /// <summary>The last attempt of the primary task that ended with an error (its current one for a failed task).</summary>
    public AttemptFacts? LastFailedAttempt => PrimaryTask is { } t
        ? t.Attempts.Current.Error is not null ? t.Attempts.Current : t.Attempts.EarlierFailures.LastOrDefault() ?? t.Attempts.Current
        : null;
}
