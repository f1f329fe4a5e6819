using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

/// <summary>Answer of trigger_workflow.</summary>
public sealed record TriggerResult
{
    public Guid? RunId { get; init; }

    public required string WorkflowName { get; init; }

    [Description("After triggering or waiting; PENDING: not yet visible.")]
    public string? Status { get; init; }

    public int? Priority { get; init; }

    [Description("Sent (or to send); hatchet_mcp_trigger_id added when sent.")]
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    [Description("list_runs finds the run by it.")]
    public string? TriggerId { get; init; }

    [Description("started, found_after_failure, awaiting_confirmation or not_confirmed.")]
    public required string Outcome { get; init; }

    public required WriteConfirmationResult Confirmation { get; init; }

    [Description("The call that undoes it.")]
    public string? Undo { get; init; }

    public string? Url { get; init; }

    public int? Waited { get; init; }

    [Description("Output (COMPLETED) or error (FAILED) after a wait.")]
    public string? Result { get; init; }
}

/// <summary>How a write was confirmed, or what confirming it takes.</summary>
public sealed record WriteConfirmationResult
{
    [Description("elicitation, token, skipped or none.")]
    public required string Path { get; init; }

    [Description("approved, preview, declined, cancelled, timed_out, skipped, not_needed.")]
    public required string Result { get; init; }

    [Description("For confirmation_token.")]
    public string? Token { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }
}

public sealed record IdOutcome
{
    public Guid Id { get; init; }

    [Description("cancel_requested, already_finished, unknown, not_accessible, lookup_failed, queued_for_replay, skipped_active, not_replayed, would_cancel, would_replay, not_confirmed.")]
    public required string Outcome { get; init; }

    [Description("Found when looked up.")]
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

    [Description("Ids sent (none in a preview).")]
    public required IReadOnlyList<Guid> Sent { get; init; }

    public required IReadOnlyList<IdOutcome> Results { get; init; }

    public required WriteConfirmationResult Confirmation { get; init; }

    [Description("The call that reverses it.")]
    public string? Undo { get; init; }
}
