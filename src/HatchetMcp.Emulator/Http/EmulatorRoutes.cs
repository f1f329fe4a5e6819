using HatchetMcp.Emulator.Http.Endpoints;

namespace HatchetMcp.Emulator.Http;

/// <summary>
/// Every Hatchet route the emulator serves. Each path exists in openapi.yaml; the resources list mirrors the
/// operation's x-resources (what the populator loads before auth).
/// </summary>
internal static class EmulatorRoutes
{
    private static readonly ResourceParam Tenant = new(ResourceKind.Tenant, "tenant");
    private static readonly ResourceParam Run = new(ResourceKind.V1WorkflowRun, "run");
    private static readonly ResourceParam Task = new(ResourceKind.Task, "task");
    private static readonly ResourceParam Workflow = new(ResourceKind.Workflow, "workflow");
    private static readonly ResourceParam Worker = new(ResourceKind.Worker, "worker");
    private static readonly ResourceParam Event = new(ResourceKind.V1Event, "event");
    private static readonly ResourceParam Cron = new(ResourceKind.CronWorkflow, "cron");
    private static readonly ResourceParam Scheduled = new(ResourceKind.ScheduledWorkflowRun, "scheduled");
    private static readonly ResourceParam Deprecated = new(ResourceKind.Deprecated, "id");

    public static IReadOnlyList<RouteSpec> All() =>
    [
        // No auth.
        Open("GET", "/api/ready", "readiness:get", MetaEndpoints.Ready),
        Open("GET", "/api/live", "liveness:get", MetaEndpoints.Ready),
        Open("GET", "/api/v1/meta", "metadata:get", MetaEndpoints.Meta),
        Open("GET", "/api/v1/version", "info:get:version", MetaEndpoints.Version),

        // Not tenant-scoped: an API token never suffices.
        CookieOnly("GET", "/api/v1/users/current", "user:get:current"),
        CookieOnly("GET", "/api/v1/users/memberships", "tenant-memberships:list"),
        CookieOnly("GET", "/api/v1/users/invites", "user:list:tenant-invites"),
        CookieOnly("GET", "/api/v1/meta/integrations", "metadata:list:integrations"),
        CookieOnly("GET", "/api/v1/stable/dags/tasks", "v1-dag:list:tasks"),
        CookieOnly("POST", "/api/v1/tenants", "tenant:create"),

        // Tenant.
        Bearer("GET", "/api/v1/tenants/{tenant}", "tenant:get", MetaEndpoints.Tenant, Tenant),
        Bearer("GET", "/api/v1/tenants/{tenant}/api-tokens", "api-token:list", MetaEndpoints.TokenManagement, Tenant),
        Bearer("POST", "/api/v1/tenants/{tenant}/api-tokens", "api-token:create", MetaEndpoints.TokenManagement, Tenant),

        // Workflows.
        Bearer("GET", "/api/v1/tenants/{tenant}/workflows", "workflow:list", WorkflowEndpoints.List, Tenant),
        Bearer("GET", "/api/v1/workflows/{workflow}", "workflow:get", WorkflowEndpoints.Get, Workflow),
        Bearer("PATCH", "/api/v1/workflows/{workflow}", "workflow:update", WorkflowEndpoints.Update, Workflow),
        Bearer("GET", "/api/v1/workflows/{workflow}/versions", "workflow-version:get", WorkflowEndpoints.Version, Workflow),
        Bearer("GET", "/api/v1/workflows/{workflow}/metrics", "workflow:get:metrics", DeprecatedEndpoints.Panic, Workflow),
        Bearer("GET", "/api/v1/tenants/{tenant}/workflows/{workflow}/worker-count", "workflow:get:workers-count", DeprecatedEndpoints.Panic, Tenant, Workflow),

        // v1 runs.
        Bearer("GET", "/api/v1/stable/tenants/{tenant}/workflow-runs", "v1-workflow-run:list", RunEndpoints.List, Tenant),
        Bearer("GET", "/api/v1/stable/tenants/{tenant}/workflow-runs/external-ids", "v1-workflow-run:external-ids:list", RunEndpoints.ExternalIds, Tenant),
        Bearer("GET", "/api/v1/stable/tenants/{tenant}/workflow-runs/display-names", "v1-workflow-run:display-names:list", RunEndpoints.DisplayNames, Tenant),
        Bearer("POST", "/api/v1/stable/tenants/{tenant}/workflow-runs/trigger", "v1-workflow-run:create", RunEndpoints.Trigger, Tenant),
        Bearer("GET", "/api/v1/stable/workflow-runs/{run}", "v1-workflow-run:get", RunEndpoints.Get, Run),
        Bearer("GET", "/api/v1/stable/workflow-runs/{run}/status", "v1-workflow-run:get-status", RunEndpoints.Status, Run),
        Bearer("GET", "/api/v1/stable/workflow-runs/{run}/task-events", "v1-workflow-run:task-events:list", RunEndpoints.TaskEvents, Run),
        Bearer("GET", "/api/v1/stable/workflow-runs/{run}/task-timings", "v1-workflow-run:get:timings", RunEndpoints.Timings, Run),

        // Tasks and logs.
        Bearer("GET", "/api/v1/stable/tasks/{task}", "v1-task:get", TaskEndpoints.Get, Task),
        Bearer("GET", "/api/v1/stable/tasks/{task}/task-events", "v1-task-event:list", TaskEndpoints.Events, Task),
        Bearer("GET", "/api/v1/stable/tasks/{task}/logs", "v1-log-line:list", LogEndpoints.TaskLogs, Task),
        Bearer("GET", "/api/v1/stable/tenants/{tenant}/logs", "v1-tenant-log-line:list", LogEndpoints.TenantLogs, Tenant),
        Bearer("POST", "/api/v1/stable/tenants/{tenant}/tasks/cancel", "v1-task:cancel", TaskEndpoints.Cancel, Tenant),
        Bearer("POST", "/api/v1/stable/tenants/{tenant}/tasks/replay", "v1-task:replay", TaskEndpoints.Replay, Tenant),

        // Workers.
        Bearer("GET", "/api/v1/tenants/{tenant}/worker", "worker:list", WorkerEndpoints.List, Tenant),
        Bearer("GET", "/api/v1/workers/{worker}", "worker:get", WorkerEndpoints.Get, Worker),
        Bearer("PATCH", "/api/v1/workers/{worker}", "worker:update", WorkerEndpoints.Update, Worker),

        // Metrics.
        Bearer("GET", "/api/v1/stable/tenants/{tenant}/task-metrics", "v1-task:list:status-metrics", MetricsEndpoints.TaskMetrics, Tenant),
        Bearer("GET", "/api/v1/tenants/{tenant}/step-run-queue-metrics", "tenant:get:step-run-queue-metrics", MetricsEndpoints.StepRunQueueMetrics, Tenant),
        Bearer("GET", "/api/v1/tenants/{tenant}/queue-metrics", "tenant:get:queue-metrics", DeprecatedEndpoints.Refuse("TenantGetQueueMetrics is deprecated"), Tenant),

        // v1 events.
        Bearer("GET", "/api/v1/stable/tenants/{tenant}/events", "v1-event:list", EventEndpoints.List, Tenant),
        Bearer("GET", "/api/v1/stable/tenants/{tenant}/events/keys", "v1:event-key:list", EventEndpoints.Keys, Tenant),
        Bearer("GET", "/api/v1/stable/tenants/{tenant}/events/{event}", "v1-event:get", EventEndpoints.Get, Tenant, Event),

        // Crons and scheduled runs ({workflow} is the workflow NAME on the create routes).
        Bearer("GET", "/api/v1/tenants/{tenant}/workflows/crons", "cron-workflow:list", CronEndpoints.List, Tenant),
        Bearer("POST", "/api/v1/tenants/{tenant}/workflows/{workflow}/crons", "cron-workflow-trigger:create", CronEndpoints.Create, Tenant),
        Bearer("GET", "/api/v1/tenants/{tenant}/workflows/crons/{cron}", "workflow-cron:get", CronEndpoints.Get, Tenant, Cron),
        Bearer("DELETE", "/api/v1/tenants/{tenant}/workflows/crons/{cron}", "workflow-cron:delete", CronEndpoints.Delete, Tenant, Cron),
        Bearer("PATCH", "/api/v1/tenants/{tenant}/workflows/crons/{cron}", "workflow-cron:update", CronEndpoints.Update, Tenant, Cron),
        Bearer("POST", "/api/v1/tenants/{tenant}/workflows/crons/{cron}", "workflow-cron:trigger", CronEndpoints.TriggerNow, Tenant, Cron),
        Bearer("GET", "/api/v1/tenants/{tenant}/workflows/scheduled", "workflow-scheduled:list", ScheduledEndpoints.List, Tenant),
        Bearer("POST", "/api/v1/tenants/{tenant}/workflows/{workflow}/scheduled", "scheduled-workflow-run:create", ScheduledEndpoints.Create, Tenant),
        Bearer("GET", "/api/v1/tenants/{tenant}/workflows/scheduled/{scheduled}", "workflow-scheduled:get", ScheduledEndpoints.Get, Tenant, Scheduled),
        Bearer("DELETE", "/api/v1/tenants/{tenant}/workflows/scheduled/{scheduled}", "workflow-scheduled:delete", ScheduledEndpoints.Delete, Tenant, Scheduled),
        Bearer("POST", "/api/v1/tenants/{tenant}/workflows/scheduled/{scheduled}", "workflow-scheduled:trigger", ScheduledEndpoints.TriggerNow, Tenant, Scheduled),

        // Rate limits.
        Bearer("GET", "/api/v1/tenants/{tenant}/rate-limits", "rate-limit:list", RateLimitEndpoints.List, Tenant),
        Bearer("DELETE", "/api/v1/tenants/{tenant}/rate-limits", "rate-limit:delete", RateLimitEndpoints.Delete, Tenant),

        // v0 resources refused by the populator: 400 {"message":"This endpoint is deprecated."}.
        Bearer("GET", "/api/v1/tenants/{tenant}/workflow-runs/{id}", "workflow-run:get", DeprecatedEndpoints.Unreachable, Tenant, Deprecated),
        Bearer("GET", "/api/v1/tenants/{tenant}/workflow-runs/{id}/shape", "workflow-run:get:shape", DeprecatedEndpoints.Unreachable, Tenant, Deprecated),
        Bearer("GET", "/api/v1/tenants/{tenant}/workflow-runs/{id}/input", "workflow-run:get:input", DeprecatedEndpoints.Unreachable, Tenant, Deprecated),
        Bearer("GET", "/api/v1/tenants/{tenant}/workflow-runs/{id}/step-run-events", "workflow-run:list:step-run-events", DeprecatedEndpoints.Unreachable, Tenant, Deprecated),
        Bearer("GET", "/api/v1/tenants/{tenant}/step-runs/{id}", "step-run:get", DeprecatedEndpoints.Unreachable, Tenant, Deprecated),
        Bearer("POST", "/api/v1/tenants/{tenant}/step-runs/{id}/rerun", "step-run:update:rerun", DeprecatedEndpoints.Unreachable, Tenant, Deprecated),
        Bearer("POST", "/api/v1/tenants/{tenant}/step-runs/{id}/cancel", "step-run:update:cancel", DeprecatedEndpoints.Unreachable, Tenant, Deprecated),
        Bearer("GET", "/api/v1/tenants/{tenant}/step-runs/{id}/schema", "step-run:get:schema", DeprecatedEndpoints.Unreachable, Tenant, Deprecated),
        Bearer("GET", "/api/v1/step-runs/{id}/events", "step-run:list:events", DeprecatedEndpoints.Unreachable, Deprecated),
        Bearer("GET", "/api/v1/step-runs/{id}/archives", "step-run:list:archives", DeprecatedEndpoints.Unreachable, Deprecated),
        Bearer("DELETE", "/api/v1/webhook-workers/{id}", "webhook:delete", DeprecatedEndpoints.Unreachable, Deprecated),
        Bearer("GET", "/api/v1/webhook-workers/{id}/requests", "webhook-requests:list", DeprecatedEndpoints.Unreachable, Deprecated),

        // v0 handlers that refuse: 400 APIErrors.
        Bearer("GET", "/api/v1/tenants/{tenant}/workflows/runs", "workflow-run:list", DeprecatedEndpoints.Refuse("WorkflowRunList is deprecated; please use V1WorkflowRunList instead"), Tenant),
        Bearer("GET", "/api/v1/tenants/{tenant}/workflows/runs/metrics", "workflow-run:get:metrics", DeprecatedEndpoints.Refuse("WorkflowRunGetMetrics is deprecated"), Tenant),
        Bearer("POST", "/api/v1/tenants/{tenant}/workflows/cancel", "workflow-run:cancel", DeprecatedEndpoints.Refuse("WorkflowRunCancel is deprecated; please use V1TaskCancel instead"), Tenant),
        Bearer("POST", "/api/v1/tenants/{tenant}/workflow-runs/replay", "workflow-run:update:replay", DeprecatedEndpoints.Refuse("WorkflowRunUpdateReplay is deprecated; please use V1TaskReplay instead"), Tenant),
        Bearer("POST", "/api/v1/workflows/{workflow}/trigger", "workflow-run:create", DeprecatedEndpoints.Refuse("WorkflowRunCreate is deprecated; please use V1WorkflowRunCreate instead"), Workflow),
        Bearer("GET", "/api/v1/tenants/{tenant}/events", "event:list", DeprecatedEndpoints.Refuse("EventList is deprecated"), Tenant),
        Bearer("POST", "/api/v1/tenants/{tenant}/events", "event:create", DeprecatedEndpoints.Refuse("EventCreate is deprecated"), Tenant),
        Bearer("POST", "/api/v1/tenants/{tenant}/events/bulk", "event:create:bulk", DeprecatedEndpoints.Refuse("EventCreateBulk is deprecated"), Tenant),
        Bearer("POST", "/api/v1/tenants/{tenant}/events/replay", "event:update:replay", DeprecatedEndpoints.Refuse("EventUpdateReplay is deprecated; please use V1TaskReplay instead"), Tenant),
        Bearer("POST", "/api/v1/tenants/{tenant}/events/cancel", "event:update:cancel", DeprecatedEndpoints.Refuse("EventUpdateCancel is deprecated; please use V1TaskCancel instead"), Tenant),
        Bearer("GET", "/api/v1/tenants/{tenant}/events/keys", "event-key:list", DeprecatedEndpoints.Refuse("EventKeyList is deprecated"), Tenant),
        Bearer("GET", "/api/v1/tenants/{tenant}/webhook-workers", "webhook:list", DeprecatedEndpoints.Refuse("WebhookList is deprecated"), Tenant),
        Bearer("POST", "/api/v1/tenants/{tenant}/webhook-workers", "webhook:create", DeprecatedEndpoints.Refuse("WebhookCreate is deprecated"), Tenant),
    ];

    private static RouteSpec Open(string method, string pattern, string operationId, Func<ApiCall, ApiResult> handler) =>
        new(method, pattern, operationId, [], AuthMode.None, handler);

    private static RouteSpec CookieOnly(string method, string pattern, string operationId) =>
        new(method, pattern, operationId, [], AuthMode.CookieOnly, MetaEndpoints.CookieOnly);

    private static RouteSpec Bearer(string method, string pattern, string operationId, Func<ApiCall, ApiResult> handler,
        params ResourceParam[] resources) =>
        new(method, pattern, operationId, resources, AuthMode.Bearer, handler);
}
