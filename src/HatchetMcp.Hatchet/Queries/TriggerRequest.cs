using System.Text.Json;

namespace HatchetMcp.Hatchet;

/// <summary>Start a run of a workflow by name.</summary>
public sealed record TriggerRequest
{
    /// <summary>
    /// The metadata key the server adds to every run it triggers, with a fresh id as value, so that a run whose trigger
    /// answer was lost can be found in the runs list (additional_metadata filter) instead of being started twice.
    /// </summary>
    public const string TriggerIdKey = "hatchet_mcp_trigger_id";

    /// <summary>A new trigger id: 32 hex digits, unique per trigger and free of the ':' Hatchet splits filters at.</summary>
    public static string NewTriggerId() => Guid.NewGuid().ToString("N");

    public required string WorkflowName { get; init; }

    /// <summary>Must be a JSON object.</summary>
    public required JsonElement Input { get; init; }

    public IReadOnlyDictionary<string, string>? AdditionalMetadata { get; init; }

    /// <summary>1 (low) to 3 (high); null for the workflow's default.</summary>
    public int? Priority { get; init; }

    /// <summary>
    /// true: Hatchet answers at once with the new id only (status ""). false: Hatchet polls up to ~10 s for the run to
    /// appear and answers full details.
    /// </summary>
    public bool ReturnOnlyId { get; init; }
}
