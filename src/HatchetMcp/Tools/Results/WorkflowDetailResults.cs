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

    [Description("Latest version's tasks (the DAG).")]
    public required IReadOnlyList<WorkflowTaskInfo> Tasks { get; init; }

    [Description("'version config' or 'latest run'.")]
    public string? TasksSource { get; init; }

    public required IReadOnlyList<string> EventTriggers { get; init; }

    public required IReadOnlyList<CronInfo> Crons { get; init; }

    [Description("Scheduled runs not yet triggered.")]
    public long ScheduledPending { get; init; }

    public string? NextScheduledAt { get; init; }
    public required IReadOnlyList<ConcurrencyInfo> Concurrency { get; init; }
    public required WorkflowOutcomes Outcomes { get; init; }
    public string? Url { get; init; }
}

public sealed record WorkflowVersionInfo
{
    public Guid Id { get; init; }

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

    [Description("DEFAULT (in code) or API.")]
    public string? Method { get; init; }
}

public sealed record ConcurrencyInfo
{
    public int? MaxRuns { get; init; }
    public string? Strategy { get; init; }
    public string? Expression { get; init; }

    public string? Scope { get; init; }

    public string? Task { get; init; }
}

/// <summary>Runs of the workflow in the window, by the version they ran.</summary>
public sealed record WorkflowOutcomes
{
    public required string Since { get; init; }

    [Description("Runs in the window.")]
    public required MatchCount Matched { get; init; }

    [Description("Runs read, newest first.")]
    public int Scanned { get; init; }

    [Description("Scanned runs by version.")]
    public required IReadOnlyList<VersionOutcome> Versions { get; init; }
}

public sealed record VersionOutcome
{
    public Guid? VersionId { get; init; }

    public string? Version { get; init; }
    public string? VersionCreatedAt { get; init; }
    public int Runs { get; init; }
    public int Completed { get; init; }
    public int Failed { get; init; }
    public int Cancelled { get; init; }

    [Description("Queued or running.")]
    public int Active { get; init; }

    public required string FirstSeen { get; init; }
    public required string LastSeen { get; init; }
}
