using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

/// <summary>The runs one event triggered, counted by state (all of them, not only the ids listed).</summary>
public sealed record EventRunCounts
{
    public long Total { get; init; }
    public long Queued { get; init; }
    public long Running { get; init; }
    public long Succeeded { get; init; }
    public long Failed { get; init; }
    public long Cancelled { get; init; }
}

public sealed record EventRow
{
    public Guid Id { get; init; }
    public string? Key { get; init; }
    public string? SeenAt { get; init; }
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    public required EventRunCounts Runs { get; init; }

    [Description("First few.")]
    public required IReadOnlyList<Guid> RunIds { get; init; }
}

/// <summary>Answer of list_events.</summary>
public sealed record ListEventsResult
{
    public required string Since { get; init; }
    public string? Until { get; init; }
    public required IReadOnlyList<string> Keys { get; init; }
    public required PageResult Page { get; init; }
    public required IReadOnlyList<EventRow> Events { get; init; }
    [Description("Run link: replace {runId}.")]
    public string? RunUrl { get; init; }
}
