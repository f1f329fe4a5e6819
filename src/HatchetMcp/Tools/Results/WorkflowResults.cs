using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

public sealed record WorkflowRow
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }

    [Description("Latest version label.")]
    public string? LatestVersion { get; init; }

    public bool Paused { get; init; }
    public string? Url { get; init; }
}

/// <summary>Answer of list_workflows.</summary>
public sealed record ListWorkflowsResult
{
    [Description("Name filter applied, if any.")]
    public string? NameFilter { get; init; }

    public required PageResult Page { get; init; }
    public required IReadOnlyList<WorkflowRow> Workflows { get; init; }
}
