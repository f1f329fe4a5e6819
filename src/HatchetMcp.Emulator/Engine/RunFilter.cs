using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Engine;

/// <summary>
/// The V1TaskFilter of the cancel/replay filter form: runs inserted in [Since, Until] with any of the statuses
/// (all when empty), in any of the workflows (all when empty), having every "key:value" metadata pair.
/// </summary>
public sealed record RunFilter(
    DateTimeOffset Since,
    DateTimeOffset? Until = null,
    IReadOnlyList<V1TaskStatus>? Statuses = null,
    IReadOnlyList<Guid>? WorkflowIds = null,
    IReadOnlyList<string>? AdditionalMetadata = null);
