namespace HatchetMcp.Safety;

/// <summary>
/// What a write would do, computed from reads only, before anything is sent: what the human approves, what a
/// confirmation token is bound to, and what the audit log names.
/// </summary>
public sealed record WriteProposal
{
    /// <summary>The tool's name; a token issued for one tool is refused by another.</summary>
    public required string Tool { get; init; }

    /// <summary>
    /// The profile the write is for when the server has several (empty otherwise); a token previewed on one profile
    /// is refused on another.
    /// </summary>
    public string Profile { get; init; } = string.Empty;

    /// <summary>What the caller named: run or task ids (in the order given), or the workflow to trigger.</summary>
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>The rest of the arguments, canonical (no whitespace), e.g. a trigger's input, metadata and priority.</summary>
    public required string Input { get; init; }

    /// <summary>What would actually be sent (ids found and eligible); the token holds the execution to exactly these.</summary>
    public required IReadOnlyList<string> Actionable { get; init; }

    /// <summary>For the human: which runs, how many, which workflows and statuses, what will happen, how to undo.</summary>
    public required string Summary { get; init; }
}
