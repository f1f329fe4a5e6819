namespace HatchetMcp.Emulator.Model;

/// <summary>One recurring way a task fails: the message the task reports and the stack trace it logs.</summary>
public sealed class ErrorSignature
{
    public required string Message { get; init; }
    /// <summary>Lines of the stack trace logged (at ERROR) when the task fails this way.</summary>
    public IReadOnlyList<string> StackTrace { get; init; } = [];
    /// <summary>Relative weight among the step's errors.</summary>
    public double Weight { get; init; } = 1;
    /// <summary>Time the task runs before failing this way (null: a random point within its duration).</summary>
    public TimeSpan? FailsAfter { get; init; }
}

/// <summary>
/// What a step does when it runs in the emulator: how long it takes, how it fails, what it logs and returns.
/// The engine draws every random choice from (seed, task id, attempt), so runs are reproducible.
/// </summary>
public sealed class TaskScript
{
    public TimeSpan MinDuration { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Probability that one attempt fails with one of <see cref="Errors"/>.</summary>
    public double FailureProbability { get; init; }
    /// <summary>Probability that one attempt hangs until the step timeout (TIMED_OUT).</summary>
    public double TimeoutProbability { get; init; }
    public IReadOnlyList<ErrorSignature> Errors { get; init; } = [];
    /// <summary>From this instant on (a bad deploy), every attempt fails with <see cref="AlwaysFailError"/>.</summary>
    public DateTimeOffset? AlwaysFailSince { get; init; }
    public ErrorSignature? AlwaysFailError { get; init; }
    /// <summary>Templates of INFO progress lines; "{n}" is replaced by a deterministic number.</summary>
    public IReadOnlyList<string> ProgressLines { get; init; } = [];
    /// <summary>A line the task logs many times per attempt (e.g. a polling or retry-loop message).</summary>
    public string? RepeatedLine { get; init; }
    public V1LogLineLevel RepeatedLineLevel { get; init; } = V1LogLineLevel.INFO;
    public int RepeatedLineCount { get; init; }
    /// <summary>Output JSON on success; "{n}" is replaced by a deterministic number.</summary>
    public string OutputTemplate { get; init; } = "{\"ok\":true}";
}
