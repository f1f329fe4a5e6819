using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

public sealed record CronRow
{
    public Guid Id { get; init; }
    public string? Name { get; init; }

    [Description("Cron expression (UTC).")]
    public string? Expression { get; init; }

    public string? WorkflowName { get; init; }
    public bool Enabled { get; init; }

    [Description("code or API.")]
    public string? Method { get; init; }

    public string? CreatedAt { get; init; }
    [Description("Its workflow's page.")]
    public string? Url { get; init; }
}

/// <summary>Answer of list_crons.</summary>
public sealed record ListCronsResult
{
    public Guid? WorkflowId { get; init; }
    public string? WorkflowName { get; init; }
    public required PageResult Page { get; init; }
    public required IReadOnlyList<CronRow> Crons { get; init; }
}

public sealed record ScheduledRunRow
{
    [Description("Scheduled run id (not a run id).")]
    public Guid Id { get; init; }

    public string? TriggerAt { get; init; }
    public string? WorkflowName { get; init; }

    [Description("SCHEDULED, then its run's status.")]
    public required string Status { get; init; }

    [Description("Once fired.")]
    public Guid? RunId { get; init; }

    [Description("code or API.")]
    public string? Method { get; init; }
    [Description("The run's page, once fired.")]
    public string? Url { get; init; }
}

/// <summary>Answer of list_scheduled_runs.</summary>
public sealed record ListScheduledRunsResult
{
    public Guid? WorkflowId { get; init; }
    public string? WorkflowName { get; init; }
    public required IReadOnlyList<string> Statuses { get; init; }
    public required PageResult Page { get; init; }
    public required IReadOnlyList<ScheduledRunRow> Scheduled { get; init; }
}
