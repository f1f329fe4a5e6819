using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Http.Endpoints;

/// <summary>
/// The filters shared by the run list, external ids and task metrics: statuses (unknown values ignored),
/// workflows, "k:v" metadata with OR/AND (AND whenever at most one pair), parent task, triggering event.
/// </summary>
internal sealed class RunListFilter
{
    public HashSet<V1TaskStatus>? Statuses { get; init; }
    public HashSet<Guid>? WorkflowIds { get; init; }
    public List<KeyValuePair<string, string>>? Metadata { get; init; }
    public bool MetadataAnd { get; init; } = true;
    public Guid? ParentTaskExternalId { get; init; }
    public Guid? TriggeringEventExternalId { get; init; }

    /// <summary>True when nothing but the time window restricts the runs.</summary>
    public bool IsEmpty => Statuses is null && WorkflowIds is null && Metadata is not { Count: > 0 } &&
                           ParentTaskExternalId is null && TriggeringEventExternalId is null;

    public static HashSet<V1TaskStatus>? ParseStatuses(IReadOnlyList<string> values)
    {
        HashSet<V1TaskStatus>? statuses = null;
        foreach (string value in values)
        {
            if (Enum.TryParse(value, ignoreCase: false, out V1TaskStatus status) && Enum.IsDefined(status) &&
                !char.IsAsciiDigit(value[0]))
            {
                (statuses ??= []).Add(status);
            }
        }

        return statuses;
    }

    public static List<KeyValuePair<string, string>>? ParseMetadata(IReadOnlyList<string> values)
    {
        List<KeyValuePair<string, string>>? pairs = null;
        foreach (string value in values)
        {
            if (AdditionalMetadata.TryParseFilter(value, out string key, out string v))
            {
                (pairs ??= []).Add(new KeyValuePair<string, string>(key, v));
            }
        }

        return pairs;
    }

    /// <summary>Filters that apply to the run itself (not its status).</summary>
    public bool MatchesRun(RunRecord run)
    {
        if (WorkflowIds is not null && !WorkflowIds.Contains(run.Workflow.Id))
        {
            return false;
        }

        if (ParentTaskExternalId is { } parent && run.ParentTaskExternalId != parent)
        {
            return false;
        }

        if (TriggeringEventExternalId is { } trigger && run.TriggeringEventExternalId != trigger)
        {
            return false;
        }

        if (Metadata is { Count: > 0 })
        {
            bool any = false, all = true;
            foreach (KeyValuePair<string, string> pair in Metadata)
            {
                bool has = AdditionalMetadata.Has(run.AdditionalMetadata, pair.Key, pair.Value);
                any |= has;
                all &= has;
            }

            if (MetadataAnd ? !all : !any)
            {
                return false;
            }
        }

        return true;
    }

    public bool MatchesStatus(V1TaskStatus status) => Statuses is null || Statuses.Contains(status);
}
