namespace HatchetMcp.Safety;

/// <summary>One run a filter matched at a preview, as it was then: what the execution acts on and reports against.</summary>
public sealed record PinnedRun(Guid Id, string? Status, string? WorkflowName, IReadOnlyList<Guid> TaskIds);
