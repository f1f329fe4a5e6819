namespace HatchetMcp.Hatchet;

/// <summary>
/// Filters of the v1 runs list. <see cref="Since"/>, <see cref="OnlyTasks"/> and <see cref="IncludePayloads"/> are always
/// sent: Hatchet requires the first two and defaults the third to false despite its spec.
/// </summary>
public sealed record RunListQuery
{
    /// <summary>Runs inserted at or after this time (required by Hatchet).</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>Runs inserted at or before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>V1TaskStatus values (see <see cref="V1TaskStatuses"/>); empty or null means all.</summary>
    public IReadOnlyList<string>? Statuses { get; init; }

    public IReadOnlyList<Guid>? WorkflowIds { get; init; }

    /// <summary>Metadata filters, sent as "key:value" (Hatchet splits at the first colon, so a key must not contain one).</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? AdditionalMetadata { get; init; }

    /// <summary>"AND" or "OR" (Hatchet's default); with one pair Hatchet always uses AND.</summary>
    public string? AdditionalMetadataOperator { get; init; }

    /// <summary>false: one row per run (DAG rows carry children). true: one row per task.</summary>
    public bool OnlyTasks { get; init; }

    /// <summary>Include input/output payloads (false keeps answers small).</summary>
    public bool IncludePayloads { get; init; }

    /// <summary>1 or more (Hatchet fails with 500 on 0); Hatchet's default is 50.</summary>
    public int? Limit { get; init; }

    public int? Offset { get; init; }

    /// <summary>Only applied by Hatchet when <see cref="OnlyTasks"/> is true.</summary>
    public Guid? WorkerId { get; init; }

    /// <summary>Only applied by Hatchet when <see cref="OnlyTasks"/> is false.</summary>
    public Guid? ParentTaskExternalId { get; init; }
}
