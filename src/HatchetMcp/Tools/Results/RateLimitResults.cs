using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

public sealed record RateLimitRow
{
    public required string Key { get; init; }

    [Description("Units allowed per window.")]
    public int Limit { get; init; }

    [Description("Units left in the current window (Hatchet's value).")]
    public int Remaining { get; init; }

    [Description("Units used in the current window: limit - remaining.")]
    public int Used { get; init; }

    public required string Window { get; init; }
    public string? LastRefill { get; init; }

    [Description("EXHAUSTED (none left) or NEARLY_EXHAUSTED (at most 10% left); null otherwise.")]
    public string? Finding { get; init; }
}

/// <summary>Answer of list_rate_limits.</summary>
public sealed record ListRateLimitsResult
{
    public string? Search { get; init; }
    public required PageResult Page { get; init; }
    public required IReadOnlyList<RateLimitRow> RateLimits { get; init; }
}
