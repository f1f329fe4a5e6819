using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

public sealed record LogRow
{
    public string? At { get; init; }
    public string? Level { get; init; }
    public string? Task { get; init; }
    public Guid? TaskId { get; init; }
    public int? Attempt { get; init; }
    public required string Message { get; init; }

    [Description("Identical lines this row stands for.")]
    public int Repeat { get; init; } = 1;

    [Description("Time of the last repetition, when repeated.")]
    public string? LastAt { get; init; }
}

/// <summary>Answer of get_run_logs.</summary>
public sealed record GetRunLogsResult
{
    [Description("run or task.")]
    public required string Scope { get; init; }

    public Guid RunId { get; init; }
    public required IReadOnlyList<Guid> TaskIds { get; init; }
    public required IReadOnlyList<string> Levels { get; init; }
    public string? Search { get; init; }
    public string? Since { get; init; }
    public string? Until { get; init; }
    public int Limit { get; init; }

    [Description("Lines here, before folding repeats.")]
    public int LinesReturned { get; init; }

    [Description("Older lines left out.")]
    public int OlderLinesCut { get; init; }

    [Description("Pass as until to read the older lines left out.")]
    public string? OlderLinesUntil { get; init; }

    [Description("What was left out; how to get it.")]
    public string? Cut { get; init; }

    [Description("More older lines may exist.")]
    public bool OlderLinesCutIsLowerBound { get; init; }

    [Description("Oldest first, repeats folded.")]
    public required IReadOnlyList<LogRow> Lines { get; init; }
    public string? Url { get; init; }
}
