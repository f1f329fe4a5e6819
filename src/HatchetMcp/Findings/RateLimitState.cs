namespace HatchetMcp.Findings;

/// <summary>A tenant rate limit as read now: <see cref="UnitsLeft"/> of <see cref="Limit"/> per <see cref="Window"/>.</summary>
public sealed record RateLimitState(string Key, int UnitsLeft, int Limit, string? Window, DateTimeOffset? LastRefill);
