namespace HatchetMcp.Emulator.Model;

/// <summary>
/// A tenant rate limit. As in Hatchet, <see cref="Value"/> is the units LEFT in the current window: it is refilled to
/// <see cref="LimitValue"/> and each step run subtracts its units (the spec's "requests made" wording is wrong).
/// </summary>
public sealed class RateLimitRecord
{
    public required string Key { get; init; }
    public required TenantData Tenant { get; init; }
    public required int LimitValue { get; set; }
    public required int Value { get; set; }
    /// <summary>As Hatchet shows it, e.g. "1 minute", "1 hour".</summary>
    public required string Window { get; init; }
    public required DateTimeOffset LastRefill { get; set; }
}
