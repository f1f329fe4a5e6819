using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

/// <summary>Answer of get_workflow.</summary>
public sealed record GetWorkflowResult
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public bool Paused { get; init; }
    public WorkflowVersionInfo? LatestVersion { get; init; }

    [Description("Tasks of the latest version with their parents (the DAG).")]
    public required IReadOnlyList<WorkflowTaskInfo> Tasks { get; init; }

    [Description("Where tasks came from: 'version config', 'latest run', or null when unknown.")]
    public string? TasksSource { get; init; }

    [Description("Event keys that trigger the latest version.")]
    public required IReadOnlyList<string> EventTriggers { get; init; }

    public required IReadOnlyList<CronInfo> Crons { get; init; }

    [Description("Scheduled runs not yet triggered (all of them, not windowed).")]
    public long ScheduledPending { get; init; }

    public string? NextScheduledAt { get; init; }
    public required IReadOnlyList<ConcurrencyInfo> Concurrency { get; init; }
    public required WorkflowOutcomes Outcomes { get; init; }
}

public sealed record WorkflowVersionInfo
{
    public Guid Id { get; init; }

    [Description("Version label, when Hatchet gives one.")]
    public string? Version { get; init; }

    public string? CreatedAt { get; init; }
}

public sealed record WorkflowTaskInfo
{
    public required string Name { get; init; }
    public required IReadOnlyList<string> Parents { get; init; }
    public int? Retries { get; init; }
    public string? Timeout { get; init; }
}

public sealed record CronInfo
{
    public string? Name { get; init; }
    public required string Expression { get; init; }
    public bool Enabled { get; init; }

    [Description("DEFAULT (declared in code) or API.")]
    public string? Method { get; init; }
}

public sealed record ConcurrencyInfo
{
    public int? MaxRuns { get; init; }
    public string? Strategy { get; init; }
    public string? Expression { get; init; }

    [Description("WORKFLOW or TASK (then Task names it).")]
    public string? Scope { get; init; }

    public string? Task { get; init; }
}

/// <summary>Runs of the workflow in the window, by the version they ran.</summary>
public sealed record WorkflowOutcomes
{
    public required string Since { get; init; }

    [Description("Runs in the window.")]
    public required MatchCount Matched { get; init; }

    [Description("Runs read (newest first); fewer than matched when the scan limit was reached.")]
    public int Scanned { get; init; }

    [Description("Per version, newest version first; counts are of the scanned runs.")]
    public required IReadOnlyList<VersionOutcome> Versions { get; init; }
}

public sealed record VersionOutcome
{
    [Description("Null when Hatchet's runs carry no version id.")]
    public Guid? VersionId { get; init; }

    public string? Version { get; init; }
    public string? VersionCreatedAt { get; init; }
    public int Runs { get; init; }
    public int Completed { get; init; }
    public int Failed { get; init; }
    public int Cancelled { get; init; }

    [Description("Runs queued or running.")]
    public int Active { get; init; }

    public required string FirstSeen { get; init; }
    public required string LastSeen { get; init; }
}
