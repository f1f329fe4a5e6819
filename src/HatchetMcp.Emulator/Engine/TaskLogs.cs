using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Engine;

/// <summary>
/// Log lines of a task, derived deterministically from its events and its step's script (oldest first). Lines of a
/// running attempt appear as time passes: only lines created at or before <c>now</c> are returned.
/// </summary>
public static class TaskLogs
{
    public static IReadOnlyList<LogLineRecord> For(TaskRecord task, DateTimeOffset now) => [];
}
