namespace HatchetMcp.Emulator.Hooks;

/// <summary>What an injected fault does to a matching request.</summary>
public enum FaultKind
{
    /// <summary>Answer <see cref="FaultSpec.Status"/> with <see cref="FaultSpec.Body"/> (and Retry-After if given).</summary>
    Status,
    /// <summary>Abort the connection without an answer.</summary>
    Drop,
    /// <summary>Send a valid response cut off mid-body.</summary>
    Truncate,
    /// <summary>Answer 200 with invalid JSON.</summary>
    Malformed,
    /// <summary>Answer 502 with a text/html error page, as a proxy in front of Hatchet would.</summary>
    Html,
    /// <summary>Wait <see cref="FaultSpec.DelayMs"/> then answer normally.</summary>
    Delay,
}

/// <summary>
/// A fault for the next <see cref="Count"/> requests matching <see cref="Method"/> (null = any) and
/// <see cref="PathPattern"/> ("*" matches one path segment, "**" any rest).
/// </summary>
public sealed record FaultSpec(string? Method, string PathPattern, int Count, FaultKind Kind)
{
    public int Status { get; init; } = 503;
    public string? Body { get; init; }
    public int DelayMs { get; init; }
    public int? RetryAfterSeconds { get; init; }
}
