using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Engine;

internal enum AgendaKind { Dispatch, Start, Finish, Requeue, ApplyCancel, ApplyReplay }

/// <summary>Something the engine will do at a given instant. Task actions carry the task's generation so stale ones are skipped.</summary>
internal sealed class AgendaItem
{
    public required AgendaKind Kind { get; init; }
    public required TenantData Tenant { get; init; }
    public TaskRecord? Task { get; init; }
    public int Generation { get; init; }
    public AttemptPlan? Plan { get; init; }
    public IReadOnlyList<TaskRecord>? Tasks { get; init; }
    public IReadOnlyList<Guid>? Ids { get; init; }
}
