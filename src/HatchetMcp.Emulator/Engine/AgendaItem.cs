using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Engine;

internal enum AgendaKind { Dispatch, Start, Finish, Requeue, ApplyCancel, ApplyReplay }

/// <summary>
/// Something the engine will do at a given instant. Task actions carry the task's generation so stale ones are
/// skipped. A struct: the agenda holds hundreds of thousands of these while a large scenario is seeded.
/// </summary>
internal readonly record struct AgendaItem(
    AgendaKind Kind,
    TenantData Tenant,
    TaskRecord? Task = null,
    int Generation = 0,
    AttemptPlan Plan = default,
    IReadOnlyList<TaskRecord>? Tasks = null,
    IReadOnlyList<Guid>? Ids = null);
