using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

/// <summary>The matched lines of one task name within one workflow.</summary>
public sealed record LogMatchGroup
{
    [Description("Null: not attributed.")]
    public string? Workflow { get; init; }

    public required string Task { get; init; }

    public int Lines { get; init; }

    [Description("Distinct task runs.")]
    public int Tasks { get; init; }

    [Description("Lines per level.")]
    public required IReadOnlyDictionary<string, int> Levels { get; init; }

    public string? FirstSeen { get; init; }
    public string? LastSeen { get; init; }

    [Description("Newest line, clipped; data.")]
    public required string Sample { get; init; }

    public string? SampleLevel { get; init; }

    [Description("Up to 3, newest first.")]
    public required IReadOnlyList<Guid> RunIds { get; init; }

    [Description("Distinct runs known.")]
    public int Runs { get; init; }
}

/// <summary>Answer of search_logs.</summary>
public sealed record SearchLogsResult
{
    [Description("Matched literally (any case).")]
    public required string Text { get; init; }

    public required string Since { get; init; }
    public string? Until { get; init; }
    public Guid? WorkflowId { get; init; }
    public string? WorkflowName { get; init; }
    public string? Task { get; init; }
    public required IReadOnlyList<string> Levels { get; init; }

    public int Limit { get; init; }

    [Description("Lines read (before the task filter).")]
    public int LinesScanned { get; init; }

    [Description("Older matches may exist.")]
    public bool MoreMayExist { get; init; }

    [Description("Lines in groups.")]
    public int LinesMatched { get; init; }

    [Description("Lines whose workflow and run were not found.")]
    public int Unattributed { get; init; }

    [Description("What was left out; how to get it.")]
    public string? Cut { get; init; }

    public required IReadOnlyList<LogMatchGroup> Groups { get; init; }
    [Description("Run link: replace {runId}.")]
    public string? RunUrl { get; init; }
}
