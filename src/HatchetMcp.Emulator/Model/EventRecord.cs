namespace HatchetMcp.Emulator.Model;

/// <summary>An event pushed to the tenant, and the runs it triggered.</summary>
public sealed class EventRecord
{
    public required Guid Id { get; init; }
    public required TenantData Tenant { get; init; }
    public required string Key { get; init; }
    public required DateTimeOffset SeenAt { get; init; }
    public string PayloadJson { get; init; } = "{}";
    public KeyValuePair<string, string>[] AdditionalMetadata { get; init; } = Model.AdditionalMetadata.Empty;
    public string? Scope { get; init; }
    public string? TriggeringWebhookName { get; init; }
    public List<RunRecord> TriggeredRuns { get; } = [];
}
