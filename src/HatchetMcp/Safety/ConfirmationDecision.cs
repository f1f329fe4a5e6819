namespace HatchetMcp.Safety;

/// <summary>What the confirmation step decided: go ahead, or stop with what the answer must say.</summary>
public sealed record ConfirmationDecision
{
    /// <summary>elicitation (asked directly or by multi-round-trip requests), token, skipped (confirmation off).</summary>
    public required string Path { get; init; }

    /// <summary>approved, declined, cancelled, timed_out, preview (a token was issued), refused (a bad token), skipped.</summary>
    public required string Result { get; init; }

    /// <summary>True only when the write may go ahead: approved, confirmation off, or nothing to send.</summary>
    public bool Approved => Result is ConfirmationResults.Approved or ConfirmationResults.Skipped or ConfirmationResults.NotNeeded;

    /// <summary>The token to call again with (a preview only).</summary>
    public string? Token { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>
    /// The confirmed preview's nonce (token or multi-round-trip state), the same on whichever replica redeems it: a write
    /// that leaves a trace in Hatchet derives that trace from it, so a second use elsewhere can be found and refused.
    /// </summary>
    public string? Nonce { get; init; }

    /// <summary>When the confirmed preview was made (with <see cref="Nonce"/>): where a lookup for its trace starts.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>Why nothing was sent, in one sentence for the agent (declined, cancelled, timed out, refused).</summary>
    public string? Reason { get; init; }
}
