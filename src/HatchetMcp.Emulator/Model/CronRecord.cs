namespace HatchetMcp.Emulator.Model;

/// <summary>A cron trigger of a workflow (declared in code: DEFAULT, or created through the API).</summary>
public sealed class CronRecord
{
    public required Guid Id { get; init; }
    public required TenantData Tenant { get; init; }
    public required WorkflowDefinition Workflow { get; init; }
    public required WorkflowVersionDefinition Version { get; init; }
    public required string Name { get; init; }
    public required string Expression { get; init; }
    public string InputJson { get; init; } = "{}";
    public KeyValuePair<string, string>[] AdditionalMetadata { get; init; } = Model.AdditionalMetadata.Empty;
    public bool Enabled { get; set; } = true;
    public required WorkflowTriggerMethod Method { get; init; }
    public int Priority { get; init; } = 1;
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
