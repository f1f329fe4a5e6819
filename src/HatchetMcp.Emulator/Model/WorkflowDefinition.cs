namespace HatchetMcp.Emulator.Model;

/// <summary>A registered workflow of a tenant.</summary>
public sealed class WorkflowDefinition
{
    public required Guid Id { get; init; }
    public required TenantData Tenant { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public required V1WorkflowType Kind { get; init; }
    private bool _isPaused;
    /// <summary>Runs of a paused workflow are queued but not assigned until it is unpaused.</summary>
    public bool IsPaused
    {
        get => _isPaused;
        set
        {
            if (_isPaused == value) return;
            _isPaused = value;
            Tenant.DispatchRequested = true; // queued runs may start now
        }
    }
    /// <summary>What the last pause asked for cron-triggered and scheduled runs (DROP or QUEUE); null until paused over the API.</summary>
    public string? PausedCronRunBehavior { get; set; }
    public string? PausedScheduledRunBehavior { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Oldest first; the last one is the latest.</summary>
    public List<WorkflowVersionDefinition> Versions { get; } = [];
    public WorkflowVersionDefinition Latest => Versions[^1];
    public bool IsDag => Kind == V1WorkflowType.DAG;
}

/// <summary>Concurrency setting of a workflow version.</summary>
public sealed record ConcurrencyDefinition(int MaxRuns, ConcurrencyLimitStrategy Strategy, string Expression, ConcurrencyScope Scope);

/// <summary>One registered version of a workflow.</summary>
public sealed class WorkflowVersionDefinition
{
    public required Guid Id { get; init; }
    public required WorkflowDefinition Workflow { get; init; }
    /// <summary>The version string, e.g. "v3" (may be empty in Hatchet; we always set one).</summary>
    public required string Version { get; init; }
    public required int Order { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public int DefaultPriority { get; init; } = 1;
    public IReadOnlyList<string> EventTriggers { get; init; } = [];
    public IReadOnlyList<string> CronTriggers { get; init; } = [];
    public ConcurrencyDefinition? Concurrency { get; init; }
    public string? ScheduleTimeout { get; init; } = "5m";
    /// <summary>The JSON schema of the input the SDK registered with this version (raw text), or null when it sent none.</summary>
    public string? InputJsonSchema { get; set; }
    /// <summary>Steps in declaration order; roots (no parents) come first.</summary>
    public List<StepDefinition> Steps { get; } = [];

    public StepDefinition? FindStep(Guid stepId) => Steps.Find(s => s.Id == stepId);

    /// <summary>Adds a step after its parents (which must already belong to this version) and links both ways.</summary>
    public StepDefinition AddStep(StepDefinition step, params StepDefinition[] parents)
    {
        step.Version = this;
        foreach (var p in parents)
        {
            step.Parents.Add(p);
            p.Children.Add(step);
        }
        Steps.Add(step);
        return step;
    }
}
