namespace HatchetMcp.Safety;

/// <summary>One write attempt, as one JSON line of the audit log. Never holds a token.</summary>
public sealed record AuditEntry
{
    public required DateTimeOffset Time { get; init; }

    public required string Tool { get; init; }

    /// <summary>The Hatchet connection (profile) the write was for.</summary>
    public string? Profile { get; init; }

    /// <summary>Who called over HTTP (<c>key:NAME</c> or <c>oauth:SUBJECT</c>); absent over stdio and for anonymous loopback callers.</summary>
    public string? Principal { get; init; }

    /// <summary>What the caller named: run or task ids, or the workflow triggered.</summary>
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>elicitation, token, skipped or none (nothing to send, so nothing to confirm).</summary>
    public required string Confirmation { get; init; }

    /// <summary>approved, declined, cancelled, timed_out, preview, refused, skipped, not_needed.</summary>
    public required string ConfirmationResult { get; init; }

    /// <summary>What was sent to Hatchet (empty when nothing was).</summary>
    public required IReadOnlyList<string> Sent { get; init; }

    public required IReadOnlyList<AuditOutcome> Outcomes { get; init; }

    /// <summary>Why nothing (or not everything) happened, when the attempt stopped or failed.</summary>
    public string? Error { get; init; }
}
