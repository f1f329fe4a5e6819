namespace HatchetMcp.Emulator.Http;

/// <summary>
/// The x-resources keys of Hatchet's operations: what the populator loads from a path parameter before auth.
/// </summary>
internal enum ResourceKind
{
    Tenant,
    V1WorkflowRun,
    Task,
    Workflow,
    Worker,
    V1Event,
    CronWorkflow,
    ScheduledWorkflowRun,
    /// <summary>v0 workflow-run, step-run and webhook-worker resources: the populator answers 400 "This endpoint is deprecated."</summary>
    Deprecated,
}

/// <summary>One x-resources entry bound to the route parameter that carries its id.</summary>
internal sealed record ResourceParam(ResourceKind Kind, string RouteParam)
{
    /// <summary>The populator's 400 text for a malformed id, e.g. "invalid tenant id".</summary>
    public string InvalidIdMessage => Kind switch
    {
        ResourceKind.Tenant => "invalid tenant id",
        ResourceKind.V1WorkflowRun => "invalid workflow run id",
        ResourceKind.Task => "invalid task id",
        ResourceKind.Workflow => "invalid workflow id",
        ResourceKind.Worker => "invalid worker id",
        ResourceKind.V1Event => "invalid event id",
        ResourceKind.CronWorkflow => "invalid cron workflow id",
        ResourceKind.ScheduledWorkflowRun => "invalid scheduled workflow run id",
        _ => "invalid id",
    };
}
