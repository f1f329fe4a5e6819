using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

/// <summary>Answer of trigger_workflow.</summary>
public sealed record TriggerResult
{
    [Description("Id of the new run.")]
    public Guid RunId { get; init; }

    public required string WorkflowName { get; init; }

    [Description("Right after triggering; PENDING: not yet visible.")]
    public required string Status { get; init; }

    public int? Priority { get; init; }

    [Description("Metadata sent with the run, including hatchet_mcp_trigger_id.")]
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    [Description("The hatchet_mcp_trigger_id metadata added; list_runs finds the run by it.")]
    public required string TriggerId { get; init; }

    [Description("started, or found_after_failure (answer lost; found by trigger id).")]
    public required string Outcome { get; init; }
    public string? Url { get; init; }
}

public sealed record IdOutcome
{
    public Guid Id { get; init; }

    [Description("cancel_requested, already_finished, unknown, not_accessible, lookup_failed, queued_for_replay, skipped_active, not_replayed.")]
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

    [Description("Ids sent to Hatchet (only the ones found and eligible).")]
    public required IReadOnlyList<Guid> Sent { get; init; }

    public required IReadOnlyList<IdOutcome> Results { get; init; }
}
