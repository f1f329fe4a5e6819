namespace HatchetMcp.Safety;

/// <summary>What the confirmation step decided: go ahead, or stop with what the answer must say.</summary>
public sealed record ConfirmationDecision
{
    /// <summary>elicitation, token, skipped (confirmation off).</summary>
    public required string Path { get; init; }

    /// <summary>approved, declined, cancelled, timed_out, preview (a token was issued), refused (a bad token), skipped.</summary>
    public required string Result { get; init; }

    /// <summary>True only when the write may go ahead: approved, confirmation off, or nothing to send.</summary>
    public bool Approved => Result is ConfirmationResults.Approved or ConfirmationResults.Skipped or ConfirmationResults.NotNeeded;

    /// <summary>The token to call again with (a preview only).</summary>
    public string? Token { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Why nothing was sent, in one sentence for the agent (declined, cancelled, timed out, refused).</summary>
    public string? Reason { get; init; }
}
