using HatchetMcp.Hatchet;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>
/// A Hatchet client for tests that script exact wire answers: each test overrides the calls its tool makes, and any
/// other call fails loudly, so a test also pins which calls a tool makes.
/// </summary>
internal abstract class ScriptedHatchetClient : IHatchetClient
{
    public virtual Task<Tenant> GetTenantAsync(CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<string> GetVersionAsync(CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<WorkflowList> ListWorkflowsAsync(string? name, int? limit, int? offset, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<Workflow> GetWorkflowAsync(Guid workflowId, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<WorkflowVersion> GetWorkflowVersionAsync(Guid workflowId, Guid? versionId, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<CronWorkflowList> ListCronsAsync(Guid? workflowId, int limit, int offset, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<ScheduledWorkflowList> ListScheduledAsync(Guid? workflowId, IReadOnlyList<string> statuses, int limit, int offset, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<V1EventList> ListEventsAsync(DateTimeOffset since, DateTimeOffset? until, IReadOnlyList<string> keys, int limit, int offset, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<V1RunList> ListRunsAsync(RunListQuery query, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<RunLookupResult> GetRunAsync(Guid runOrTaskId, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<V1TaskSummary> GetTaskAsync(Guid taskId, int? attempt, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<V1TaskEventList> ListTaskEventsAsync(Guid taskId, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<V1LogLineList> ListTaskLogsAsync(Guid taskId, LogQuery query, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<V1LogLineList> ListLogsAsync(IReadOnlyList<Guid> taskIds, LogQuery query, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<WorkerList> ListWorkersAsync(CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<Worker> GetWorkerAsync(Guid workerId, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<RateLimitList> ListRateLimitsAsync(string? search, int limit, int offset, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<IReadOnlyList<V1TaskRunMetric>> GetTaskMetricsAsync(DateTimeOffset since, DateTimeOffset? until, IReadOnlyList<Guid>? workflowIds, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<StepRunQueueMetrics> GetStepRunQueueMetricsAsync(CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<V1WorkflowRunDetails> TriggerAsync(TriggerRequest request, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<V1TaskIdsResponse> CancelAsync(IReadOnlyList<Guid> externalIds, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<V1TaskIdsResponse> ReplayAsync(IReadOnlyList<Guid> externalIds, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<Worker> PauseWorkerAsync(Guid workerId, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<Worker> ResumeWorkerAsync(Guid workerId, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<Workflow> PauseWorkflowAsync(Guid workflowId, WorkflowPauseSettings settings, CancellationToken cancellationToken) => throw Unscripted();
    public virtual Task<Workflow> ResumeWorkflowAsync(Guid workflowId, CancellationToken cancellationToken) => throw Unscripted();

    private NotSupportedException Unscripted([System.Runtime.CompilerServices.CallerMemberName] string call = "") =>
        new($"{GetType().Name} does not script {call}.");
}
