namespace HatchetMcp.Hatchet;

/// <summary>Filters of the task and tenant log endpoints. Logs have no offset: page with Since/Until (both exclusive).</summary>
public sealed record LogQuery
{
    public const int MaxLimit = 10_000;

    /// <summary>1 to 10000 (Hatchet fails with 500 outside that); Hatchet's default is 50.</summary>
    public int? Limit { get; init; }

    /// <summary>Lines created strictly after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Lines created strictly before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>
    /// Hatchet's ILIKE pattern, wrapped in <c>%…%</c>: <c>%</c> and <c>_</c> are wildcards there. For a literal text use
    /// <see cref="LogSearchText.Literal"/>.
    /// </summary>
    public string? Search { get; init; }

    /// <summary>DEBUG, INFO, WARN, ERROR (see <see cref="V1LogLineLevels"/>); Hatchet fails with 500 on others.</summary>
    public IReadOnlyList<string>? Levels { get; init; }

    /// <summary>true: newest first. null/false: Hatchet's default, oldest first.</summary>
    public bool? NewestFirst { get; init; }

    /// <summary>1-based attempt.</summary>
    public int? Attempt { get; init; }

    /// <summary>Only lines of these workflows (<c>workflow_ids</c>); the tenant logs endpoint only.</summary>
    public IReadOnlyList<Guid>? WorkflowIds { get; init; }
}
