using System.Text.Json;

namespace HatchetMcp.Findings;

/// <summary>
/// One run (or one task, when a task id was given) read once: status, workflow and version, input, metadata, tasks with
/// their attempts, and the names of the workers those attempts ran on. Parts that could not be read leave a note.
/// </summary>
public sealed record RunSnapshot(
    Guid RunId,
    Guid? RequestedTaskId,
    string Status,
    string? WorkflowName,
    Guid? WorkflowId,
    Guid? VersionId,
    NamedVersion? Version,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    Guid? ParentTaskId,
    JsonElement? Input,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<TaskSnapshot> Tasks,
    IReadOnlyDictionary<Guid, string> WorkerNames,
    IReadOnlyList<string> Notes)
{
    /// <summary>The run-details answer the snapshot was read from (null for a task read alone): other findings reuse it.</summary>
    public Hatchet.V1WorkflowRunDetails? Details { get; init; }

    /// <summary>The worker's name when known, else its id; null when no worker took the attempt.</summary>
    public string? WorkerLabel(Guid? workerId) =>
        workerId is not { } id ? null : WorkerNames.TryGetValue(id, out var name) ? name : id.ToString();

    /// <summary>The run's latest attempt across its tasks (see <see cref="AttemptTimeline.Latest"/>).</summary>
    public AttemptFacts? LatestAttempt => AttemptTimeline.Latest(Tasks.Select(t => t.Attempts), Status, FinishedAt);
}
