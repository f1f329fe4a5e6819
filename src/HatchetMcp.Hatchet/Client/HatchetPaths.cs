namespace HatchetMcp.Hatchet;

/// <summary>
/// Every path the client calls: constants plus ids that are already <see cref="Guid"/>s, so nothing a caller passes
/// can reach another path.
/// </summary>
internal static class HatchetPaths
{
    public const string Version = "/api/v1/version";

    public static string Tenant(Guid tenant) => $"/api/v1/tenants/{Id(tenant)}";
    public static string Workflows(Guid tenant) => $"/api/v1/tenants/{Id(tenant)}/workflows";
    public static string Workflow(Guid workflow) => $"/api/v1/workflows/{Id(workflow)}";
    public static string WorkflowVersions(Guid workflow) => $"/api/v1/workflows/{Id(workflow)}/versions";
    public static string Crons(Guid tenant) => $"/api/v1/tenants/{Id(tenant)}/workflows/crons";
    public static string Scheduled(Guid tenant) => $"/api/v1/tenants/{Id(tenant)}/workflows/scheduled";
    public static string Events(Guid tenant) => $"/api/v1/stable/tenants/{Id(tenant)}/events";
    public static string Runs(Guid tenant) => $"/api/v1/stable/tenants/{Id(tenant)}/workflow-runs";
    public static string Run(Guid run) => $"/api/v1/stable/workflow-runs/{Id(run)}";
    public static string Task(Guid task) => $"/api/v1/stable/tasks/{Id(task)}";
    public static string TaskEvents(Guid task) => $"/api/v1/stable/tasks/{Id(task)}/task-events";
    public static string TaskLogs(Guid task) => $"/api/v1/stable/tasks/{Id(task)}/logs";
    public static string TenantLogs(Guid tenant) => $"/api/v1/stable/tenants/{Id(tenant)}/logs";
    public static string Workers(Guid tenant) => $"/api/v1/tenants/{Id(tenant)}/worker";
    public static string Worker(Guid worker) => $"/api/v1/workers/{Id(worker)}";
    public static string RateLimits(Guid tenant) => $"/api/v1/tenants/{Id(tenant)}/rate-limits";
    public static string TaskMetrics(Guid tenant) => $"/api/v1/stable/tenants/{Id(tenant)}/task-metrics";
    public static string StepRunQueueMetrics(Guid tenant) => $"/api/v1/tenants/{Id(tenant)}/step-run-queue-metrics";
    public static string Trigger(Guid tenant) => $"/api/v1/stable/tenants/{Id(tenant)}/workflow-runs/trigger";
    public static string Cancel(Guid tenant) => $"/api/v1/stable/tenants/{Id(tenant)}/tasks/cancel";
    public static string Replay(Guid tenant) => $"/api/v1/stable/tenants/{Id(tenant)}/tasks/replay";

    private static string Id(Guid id) => HatchetIds.ToPathSegment(id);
}
