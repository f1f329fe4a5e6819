namespace HatchetMcp.Emulator;

/// <summary>
/// Ids and names of the seeded scenario that tests need. For the "empty" scenario the run-related ids are
/// <see cref="Guid.Empty"/>. The failing workflow's deploy made <see cref="FailingVersionId"/>; runs before it carry
/// <see cref="LastGoodVersionId"/>. <see cref="OtherTenantToken"/> is filled by the host after minting (use <c>with</c>).
/// Runs held for one reason each (oldest first): by the exhausted rate limit, by having no worker registering their
/// action at all, by their only worker being paused, by their workflow's concurrency setting, by the saturated worker.
/// <see cref="StuckRunId"/> waits for the inactive worker, the only one registering <see cref="StuckActionId"/>.
/// </summary>
public sealed record ScenarioFacts(
    Guid TenantId, string TenantName,
    Guid OtherTenantId, string OtherTenantToken,
    string FailingWorkflowName, string FailingErrorSignature, DateTimeOffset FailingSince,
    Guid StuckRunId, string StuckActionId,
    Guid SaturatedWorkerId, Guid PausedWorkerId, Guid InactiveWorkerId,
    string DagWorkflowName, string SingleTaskWorkflowName,
    Guid SampleDagRunId, Guid SampleDagChildTaskId, Guid SampleSingleTaskRunId,
    string NearlyExhaustedRateLimitKey,
    Guid LastGoodVersionId, Guid FailingVersionId)
{
    public string ExhaustedRateLimitKey { get; init; } = "";
    public string RateLimitedActionId { get; init; } = "";
    public IReadOnlyList<Guid> RateLimitedRunIds { get; init; } = [];
    public string NoWorkerActionId { get; init; } = "";
    public IReadOnlyList<Guid> NoWorkerRunIds { get; init; } = [];
    public string PausedWorkerActionId { get; init; } = "";
    public IReadOnlyList<Guid> PausedWorkerRunIds { get; init; } = [];
    public string ConcurrencyWorkflowName { get; init; } = "";
    public Guid ConcurrencyRunningRunId { get; init; }
    public IReadOnlyList<Guid> ConcurrencyQueuedRunIds { get; init; } = [];
    public IReadOnlyList<Guid> SaturatedWorkerQueuedRunIds { get; init; } = [];
}
