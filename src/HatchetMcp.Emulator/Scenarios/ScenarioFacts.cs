namespace HatchetMcp.Emulator;

/// <summary>
/// Ids and names of the seeded scenario that tests need. For the "empty" scenario the run-related ids are
/// <see cref="Guid.Empty"/>. The failing workflow's deploy made <see cref="FailingVersionId"/>; runs before it carry
/// <see cref="LastGoodVersionId"/>. <see cref="OtherTenantToken"/> is filled by the host after minting (use <c>with</c>).
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
    Guid LastGoodVersionId, Guid FailingVersionId);
