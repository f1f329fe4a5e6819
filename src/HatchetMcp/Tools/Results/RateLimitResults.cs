using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

public sealed record RateLimitRow
{
    public required string Key { get; init; }

    [Description("Units allowed per window.")]
    public int Limit { get; init; }

    [Description("Left in the current window.")]
    public int Remaining { get; init; }

    [Description("limit - remaining.")]
    public int Used { get; init; }

    public required string Window { get; init; }
    public string? LastRefill { get; init; }

    [Description("EXHAUSTED, or NEARLY_EXHAUSTED (<= 10% left).")]
    public string? Finding { get; init; }
}

/// <summary>Answer of list_rate_limits.</summary>
public sealed record ListRateLimitsResult
{
    public string? Search { get; init; }
    public required PageResult Page { get; init; }
    public required IReadOnlyList<RateLimitRow> RateLimits { get; init; }
}
