using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

/// <summary>
/// How many rows matched a list query. Hatchet reports only page counts, so the total is exact when the page came back
/// short and otherwise bounded by num_pages × limit.
/// </summary>
public sealed record MatchCount
{
    [Description("Exact number of matching rows, when known.")]
    public long? Exact { get; init; }

    [Description("At least this many rows matched.")]
    public long AtLeast { get; init; }

    [Description("At most this many rows matched (null when unknown).")]
    public long? AtMost { get; init; }
}

/// <summary>Which rows a list answer holds and how to get the next ones.</summary>
public sealed record PageResult
{
    [Description("Rows skipped before this page.")]
    public int Offset { get; init; }

    [Description("Page size asked for.")]
    public int Limit { get; init; }

    [Description("Rows in this answer.")]
    public int Returned { get; init; }

    [Description("How many rows matched in total.")]
    public required MatchCount Matched { get; init; }

    [Description("Offset of the next page (first row not shown); null on the last page.")]
    public int? NextOffset { get; init; }

    [Description("Rows left out to fit the output budget, and how to narrow.")]
    public string? Cut { get; init; }
}
