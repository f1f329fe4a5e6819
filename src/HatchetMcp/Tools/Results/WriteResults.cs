using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

/// <summary>Answer of trigger_workflow.</summary>
public sealed record TriggerResult
{
    [Description("Id of the new run; absent when none was started.")]
    public Guid? RunId { get; init; }

    public required string WorkflowName { get; init; }

    [Description("Status right after triggering (QUEUED, RUNNING, ...), or PENDING when not yet visible.")]
    public string? Status { get; init; }

    public int? Priority { get; init; }

    [Description("Metadata sent (or to be sent) with the run; hatchet_mcp_trigger_id is added when sent.")]
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    [Description("The hatchet_mcp_trigger_id metadata added; list_runs finds the run by it.")]
    public string? TriggerId { get; init; }

    [Description("started, found_after_failure (answer lost; found by trigger id), awaiting_confirmation or not_confirmed.")]
    public required string Outcome { get; init; }

    public required WriteConfirmationResult Confirmation { get; init; }

    [Description("The call that undoes it.")]
    public string? Undo { get; init; }

    public string? Url { get; init; }
}

/// <summary>How a write was confirmed, or what confirming it takes.</summary>
public sealed record WriteConfirmationResult
{
    [Description("elicitation, token, skipped (confirmation off) or none (nothing to send).")]
    public required string Path { get; init; }

    [Description("approved, preview (nothing sent; call again with token), declined, cancelled, timed_out, skipped, not_needed.")]
    public required string Result { get; init; }

    [Description("Pass as confirmation_token with the same arguments to act on exactly what the preview shows.")]
    public string? Token { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }
}

public sealed record IdOutcome
{
    public Guid Id { get; init; }

    [Description("cancel_requested, already_finished, unknown, not_accessible, lookup_failed, queued_for_replay, skipped_active, not_replayed, would_cancel, would_replay, not_confirmed.")]
    public required string Outcome { get; init; }

    [Description("Status found when looking the id up, if any.")]
    public string? StatusBefore { get; init; }

    [Description("\"run\" or \"task\".")]
    public string? Kind { get; init; }

    public string? WorkflowName { get; init; }
    public required string Detail { get; init; }
    public string? Url { get; init; }
}

/// <summary>Answer of cancel_runs and replay_runs.</summary>
public sealed record BulkActionResult
{
    [Description("\"cancel\" or \"replay\".")]
    public required string Action { get; init; }

    [Description("Ids sent to Hatchet (only the ones found and eligible; empty in a preview).")]
    public required IReadOnlyList<Guid> Sent { get; init; }

    public required IReadOnlyList<IdOutcome> Results { get; init; }

    public required WriteConfirmationResult Confirmation { get; init; }

    [Description("The call that reverses what was sent, and what it cannot restore.")]
    public string? Undo { get; init; }
}
