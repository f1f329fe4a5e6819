namespace HatchetMcp.Safety;

/// <summary>What happened to one target.</summary>
public sealed record AuditOutcome(string Target, string Outcome);
