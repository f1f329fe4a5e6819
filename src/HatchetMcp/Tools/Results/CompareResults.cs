using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

/// <summary>Answer of compare_runs.</summary>
public sealed record CompareRunsResult
{
    public Guid RunId { get; init; }
    public Guid OtherRunId { get; init; }

    [Description("given, or last success before it.")]
    public required string OtherChosen { get; init; }

    public string? WorkflowName { get; init; }

    [Description("Only what differs.")]
    public required IReadOnlyList<DifferenceRow> Differences { get; init; }

    [Description("Aspects found identical.")]
    public required IReadOnlyList<string> Identical { get; init; }

    [Description("Where the latest attempts' logs part.")]
    public LogPartingResult? Logs { get; init; }

    public IReadOnlyList<string>? Notes { get; init; }

    public string? Url { get; init; }

    public string? OtherUrl { get; init; }
}

public sealed record DifferenceRow
{
    public required string Aspect { get; init; }
    public required string ThisRun { get; init; }
    public required string OtherRun { get; init; }
}

public sealed record LogPartingResult
{
    [Description("Agreeing lines before they part.")]
    public int MatchingLines { get; init; }

    public int ThisRunLines { get; init; }
    public int OtherRunLines { get; init; }

    [Description("Null where that run's log ended.")]
    public PartingLine? ThisRun { get; init; }

    public PartingLine? OtherRun { get; init; }
}

public sealed record PartingLine
{
    public string? At { get; init; }
    public string? Task { get; init; }
    public int? Attempt { get; init; }
    public string? Level { get; init; }
    public required string Message { get; init; }
}
