namespace HatchetMcp.Emulator.Tests.Support;

/// <summary>The Hatchet REST paths the tests call (server-behaviour.md §5).</summary>
internal static class Routes
{
    public static string Tenant(Guid tenant) => $"/api/v1/tenants/{tenant}";

    public static string Workflows(Guid tenant, string query = "") => $"/api/v1/tenants/{tenant}/workflows{query}";

    public static string Workflow(Guid workflow) => $"/api/v1/workflows/{workflow}";

    public static string WorkflowVersions(Guid workflow) => $"/api/v1/workflows/{workflow}/versions";

    public static string Runs(Guid tenant, string query) => $"/api/v1/stable/tenants/{tenant}/workflow-runs?{query}";

    public static string RunsSince(Guid tenant, DateTimeOffset since, bool onlyTasks, string extra = "") =>
        Runs(tenant, $"since={Wire.Time(since)}&only_tasks={(onlyTasks ? "true" : "false")}{extra}");

    public static string Run(Guid run) => $"/api/v1/stable/workflow-runs/{run}";

    public static string RunStatus(Guid run) => $"/api/v1/stable/workflow-runs/{run}/status";

    public static string RunTaskEvents(Guid run) => $"/api/v1/stable/workflow-runs/{run}/task-events";

    public static string RunTaskTimings(Guid run) => $"/api/v1/stable/workflow-runs/{run}/task-timings";

    public static string Trigger(Guid tenant) => $"/api/v1/stable/tenants/{tenant}/workflow-runs/trigger";

    public static string Task(Guid task) => $"/api/v1/stable/tasks/{task}";

    public static string TaskEvents(Guid task) => $"/api/v1/stable/tasks/{task}/task-events";

    public static string TaskLogs(Guid task, string query = "") => $"/api/v1/stable/tasks/{task}/logs{query}";

    public static string TenantLogs(Guid tenant, string query) => $"/api/v1/stable/tenants/{tenant}/logs?{query}";

    public static string Cancel(Guid tenant) => $"/api/v1/stable/tenants/{tenant}/tasks/cancel";

    public static string Replay(Guid tenant) => $"/api/v1/stable/tenants/{tenant}/tasks/replay";

    public static string Workers(Guid tenant, string query = "") => $"/api/v1/tenants/{tenant}/worker{query}";

    public static string Worker(Guid worker) => $"/api/v1/workers/{worker}";

    public static string TaskMetrics(Guid tenant, string query) => $"/api/v1/stable/tenants/{tenant}/task-metrics?{query}";

    public static string StepRunQueueMetrics(Guid tenant) => $"/api/v1/tenants/{tenant}/step-run-queue-metrics";

    public static string QueueMetrics(Guid tenant) => $"/api/v1/tenants/{tenant}/queue-metrics";

    public static string Events(Guid tenant, string query = "") => $"/api/v1/stable/tenants/{tenant}/events{query}";

    public static string Event(Guid tenant, Guid evt) => $"/api/v1/stable/tenants/{tenant}/events/{evt}";

    public static string EventKeys(Guid tenant) => $"/api/v1/stable/tenants/{tenant}/events/keys";

    public static string Crons(Guid tenant, string query = "") => $"/api/v1/tenants/{tenant}/workflows/crons{query}";

    public static string Cron(Guid tenant, Guid cron) => $"/api/v1/tenants/{tenant}/workflows/crons/{cron}";

    public static string CreateCron(Guid tenant, string workflowName) => $"/api/v1/tenants/{tenant}/workflows/{Uri.EscapeDataString(workflowName)}/crons";

    public static string Scheduled(Guid tenant, string query = "") => $"/api/v1/tenants/{tenant}/workflows/scheduled{query}";

    public static string ScheduledRun(Guid tenant, Guid scheduled) => $"/api/v1/tenants/{tenant}/workflows/scheduled/{scheduled}";

    public static string CreateScheduled(Guid tenant, string workflowName) => $"/api/v1/tenants/{tenant}/workflows/{Uri.EscapeDataString(workflowName)}/scheduled";

    public static string RateLimits(Guid tenant, string query = "") => $"/api/v1/tenants/{tenant}/rate-limits{query}";
}
