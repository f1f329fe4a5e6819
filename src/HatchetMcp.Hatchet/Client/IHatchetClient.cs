namespace HatchetMcp.Hatchet;

/// <summary>
/// Typed access to the Hatchet REST API for one tenant. Thread-safe. Every method throws
/// <see cref="HatchetApiException"/> when Hatchet fails or cannot be reached, <see cref="ArgumentException"/> for
/// arguments Hatchet would reject, and <see cref="OperationCanceledException"/> when the caller cancels.
/// </summary>
public interface IHatchetClient
{
    /// <summary>GET /api/v1/tenants/{tenant}: the configured tenant (works as "whoami" for API tokens).</summary>
    Task<Tenant> GetTenantAsync(CancellationToken cancellationToken);

    /// <summary>GET /api/v1/version.</summary>
    Task<string> GetVersionAsync(CancellationToken cancellationToken);

    /// <summary>GET /api/v1/tenants/{tenant}/workflows; <paramref name="name"/> is Hatchet's name search.</summary>
    Task<WorkflowList> ListWorkflowsAsync(string? name, int? limit, int? offset, CancellationToken cancellationToken);

    /// <summary>GET /api/v1/workflows/{id}, with the latest version in <c>versions</c>.</summary>
    Task<Workflow> GetWorkflowAsync(Guid workflowId, CancellationToken cancellationToken);

    /// <summary>GET /api/v1/workflows/{id}/versions[?version=]: the given version, or the latest when null.</summary>
    Task<WorkflowVersion> GetWorkflowVersionAsync(Guid workflowId, Guid? versionId, CancellationToken cancellationToken);

    /// <summary>GET /api/v1/tenants/{tenant}/workflows/crons[?workflowId=]: cron triggers (of one workflow, or all), newest first.</summary>
    Task<CronWorkflowList> ListCronsAsync(Guid? workflowId, int limit, int offset, CancellationToken cancellationToken);

    /// <summary>
    /// GET /api/v1/tenants/{tenant}/workflows/scheduled[?workflowId=]: scheduled runs (of one workflow, or all) in the given
    /// statuses (ScheduledRunStatus values; all when empty), soonest trigger time first.
    /// </summary>
    Task<ScheduledWorkflowList> ListScheduledAsync(Guid? workflowId, IReadOnlyList<string> statuses, int limit, int offset, CancellationToken cancellationToken);

    /// <summary>
    /// GET /api/v1/stable/tenants/{tenant}/events: v1 events seen in [since, until] with the given keys (all when empty),
    /// newest first, each with the runs it triggered.
    /// </summary>
    Task<V1EventList> ListEventsAsync(DateTimeOffset since, DateTimeOffset? until, IReadOnlyList<string> keys, int limit, int offset, CancellationToken cancellationToken);

    /// <summary>
    /// GET /api/v1/stable/tenants/{tenant}/workflow-runs, always with since, only_tasks and include_payloads. Rows are
    /// read lean (<see cref="V1RunList"/>); get_run and the task endpoint give the full record of one run.
    /// </summary>
    Task<V1RunList> ListRunsAsync(RunListQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// GET /api/v1/stable/workflow-runs/{id}; when Hatchet has no run with that id (a task inside a DAG), falls back to
    /// GET /api/v1/stable/tasks/{id}. The result says which one answered.
    /// </summary>
    Task<RunLookupResult> GetRunAsync(Guid runOrTaskId, CancellationToken cancellationToken);

    /// <summary>GET /api/v1/stable/tasks/{id}[?attempt=N].</summary>
    Task<V1TaskSummary> GetTaskAsync(Guid taskId, int? attempt, CancellationToken cancellationToken);

    /// <summary>GET /api/v1/stable/tasks/{id}/task-events: every event of the task, all attempts.</summary>
    Task<V1TaskEventList> ListTaskEventsAsync(Guid taskId, CancellationToken cancellationToken);

    /// <summary>GET /api/v1/stable/tasks/{id}/logs.</summary>
    Task<V1LogLineList> ListTaskLogsAsync(Guid taskId, LogQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// GET /api/v1/stable/tenants/{tenant}/logs: the lines of the given tasks in one call, or, with no task ids, of the
    /// whole tenant (narrowed by <see cref="LogQuery.WorkflowIds"/> and the other filters).
    /// </summary>
    Task<V1LogLineList> ListLogsAsync(IReadOnlyList<Guid> taskIds, LogQuery query, CancellationToken cancellationToken);

    /// <summary>GET /api/v1/tenants/{tenant}/worker (workers seen within the last 24 h).</summary>
    Task<WorkerList> ListWorkersAsync(CancellationToken cancellationToken);

    /// <summary>GET /api/v1/workers/{id}: one worker, with its registered workflows filled in.</summary>
    Task<Worker> GetWorkerAsync(Guid workerId, CancellationToken cancellationToken);

    /// <summary>GET /api/v1/tenants/{tenant}/rate-limits, ordered by key; <paramref name="search"/> matches part of the key.</summary>
    Task<RateLimitList> ListRateLimitsAsync(string? search, int limit, int offset, CancellationToken cancellationToken);

    /// <summary>GET /api/v1/stable/tenants/{tenant}/task-metrics: task counts per status since a time.</summary>
    Task<IReadOnlyList<V1TaskRunMetric>> GetTaskMetricsAsync(DateTimeOffset since, DateTimeOffset? until,
        IReadOnlyList<Guid>? workflowIds, CancellationToken cancellationToken);

    /// <summary>GET /api/v1/tenants/{tenant}/step-run-queue-metrics: queued items per queue (the working queue-depth endpoint).</summary>
    Task<StepRunQueueMetrics> GetStepRunQueueMetricsAsync(CancellationToken cancellationToken);

    /// <summary>POST …/workflow-runs/trigger. Never retried automatically.</summary>
    Task<V1WorkflowRunDetails> TriggerAsync(TriggerRequest request, CancellationToken cancellationToken);

    /// <summary>POST …/tasks/cancel with run or task ids. Asynchronous in Hatchet; echoes the ids sent. Never retried automatically.</summary>
    Task<V1TaskIdsResponse> CancelAsync(IReadOnlyList<Guid> externalIds, CancellationToken cancellationToken);

    /// <summary>POST …/tasks/replay with run or task ids. Answers the task ids queued for replay. Never retried automatically.</summary>
    Task<V1TaskIdsResponse> ReplayAsync(IReadOnlyList<Guid> externalIds, CancellationToken cancellationToken);

    /// <summary>
    /// PATCH /api/v1/workers/{id} with isPaused true: the worker keeps its running tasks and is given no new ones. Answers
    /// the worker. Never retried automatically.
    /// </summary>
    Task<Worker> PauseWorkerAsync(Guid workerId, CancellationToken cancellationToken);

    /// <summary>PATCH /api/v1/workers/{id} with isPaused false: the worker takes tasks again. Never retried automatically.</summary>
    Task<Worker> ResumeWorkerAsync(Guid workerId, CancellationToken cancellationToken);

    /// <summary>
    /// PATCH /api/v1/workflows/{id} with a pause: new runs stay queued until it is resumed; cron and scheduled runs are
    /// queued or dropped as <paramref name="settings"/> say. Answers the workflow. Never retried automatically.
    /// </summary>
    Task<Workflow> PauseWorkflowAsync(Guid workflowId, WorkflowPauseSettings settings, CancellationToken cancellationToken);

    /// <summary>PATCH /api/v1/workflows/{id} with an unpause: its queued runs may start. Never retried automatically.</summary>
    Task<Workflow> ResumeWorkflowAsync(Guid workflowId, CancellationToken cancellationToken);
}
