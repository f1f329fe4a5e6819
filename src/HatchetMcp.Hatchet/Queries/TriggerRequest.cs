using System.Text.Json;

namespace HatchetMcp.Hatchet;

/// <summary>Start a run of a workflow by name.</summary>
public sealed record TriggerRequest
{
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
