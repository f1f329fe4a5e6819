namespace HatchetMcp.Emulator.Model;

/// <summary>
/// One log line of a task attempt. Lines are derived deterministically from the task's events and script when read
/// (see <see cref="Engine.TaskLogs"/>), so millions of seeded lines cost no memory.
/// </summary>
public sealed record LogLineRecord(
    TaskRecord Task,
    DateTimeOffset CreatedAt,
    V1LogLineLevel Level,
    string Message,
    int RetryCount,
    string MetadataJson)
{
    public int Attempt => RetryCount + 1;
}
