namespace HatchetMcp.Emulator.Model;

/// <summary>A rate limit a step declares: the key of a tenant rate limit and the units one attempt consumes.</summary>
public sealed record StepRateLimit(string Key, int Units);
