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
    /// <summary>Wait <see cref="FaultSpec.DelayMs"/> then answer normally; a client that gives up first cancels the request.</summary>
    Delay,
    /// <summary>
    /// Wait <see cref="FaultSpec.DelayMs"/> and then serve the request even if its client gave up meanwhile, as a server
    /// that already received the request does: its effects (a created run) happen after the client stopped waiting.
    /// </summary>
    LateServe,
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

    /// <summary>
    /// For <see cref="FaultKind.Status"/>, <see cref="FaultKind.Drop"/>, <see cref="FaultKind.Malformed"/> and
    /// <see cref="FaultKind.Html"/>: serve the request first (its effects stay, e.g. a created run) and then answer with the
    /// fault instead of the real answer, as when a server acts and its answer is lost or replaced on the way back.
    /// </summary>
    public bool ServeFirst { get; init; }
}
