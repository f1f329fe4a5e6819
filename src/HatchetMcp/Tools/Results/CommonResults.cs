using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

/// <summary>
/// How many rows matched a list query. Hatchet reports only page counts, so the total is exact when the page came back
/// short and otherwise bounded by num_pages × limit.
/// </summary>
public sealed record MatchCount
{
    public long? Exact { get; init; }
    public long AtLeast { get; init; }
    public long? AtMost { get; init; }
}

/// <summary>Which rows a list answer holds and how to get the next ones.</summary>
public sealed record PageResult
{
    public int Offset { get; init; }
    public int Limit { get; init; }
    public int Returned { get; init; }
    public required MatchCount Matched { get; init; }

    [Description("First row not shown.")]
    public int? NextOffset { get; init; }

    [Description("Left out; how to narrow.")]
    public string? Cut { get; init; }
}
