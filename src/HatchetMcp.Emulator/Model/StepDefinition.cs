namespace HatchetMcp.Emulator.Model;

/// <summary>A task of a workflow version (a "step" in v0 terms).</summary>
public sealed class StepDefinition
{
    public required Guid Id { get; init; }
    /// <summary>The task name (readable id), e.g. "validate".</summary>
    public required string ReadableId { get; init; }
    /// <summary>lower("&lt;workflowName&gt;:&lt;taskName&gt;"); also the queue name.</summary>
    public required string ActionId { get; init; }
    public List<StepDefinition> Parents { get; } = [];
    public List<StepDefinition> Children { get; } = [];
    /// <summary>Maximum automatic retries after a failed attempt.</summary>
    public int Retries { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>The timeout as declared ("60s", "5m").</summary>
    public string TimeoutText { get; init; } = "60s";
    public bool IsDurable { get; init; }
    public required TaskScript Script { get; init; }
    /// <summary>Rate limits each attempt consumes before it may be assigned (held with REQUEUED_RATE_LIMIT while one has too few units left).</summary>
    public IReadOnlyList<StepRateLimit> RateLimits { get; init; } = [];
    /// <summary>The version this step belongs to (set when the version is built).</summary>
    public WorkflowVersionDefinition Version { get; internal set; } = null!;
}
