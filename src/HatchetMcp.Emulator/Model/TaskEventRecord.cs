namespace HatchetMcp.Emulator.Model;

/// <summary>
/// One V1TaskEvent of a task. A struct stored inline in the task's list: a large seeded tenant holds about a million
/// events, and as separate objects they would dominate garbage-collection time.
/// </summary>
public readonly struct TaskEventRecord
{
    /// <summary>Tenant-wide increasing id (V1TaskEvent.id).</summary>
    public required long Id { get; init; }
    public required TaskRecord Task { get; init; }
    public required V1TaskEventType Type { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    public required string Message { get; init; }
    public string? ErrorMessage { get; init; }
    /// <summary>JSON text of the output (FINISHED events only).</summary>
    public string? OutputJson { get; init; }
    public Guid? WorkerId { get; init; }
    public required int RetryCount { get; init; }
    public int Attempt => RetryCount + 1;
}
