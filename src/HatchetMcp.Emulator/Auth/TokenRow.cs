namespace HatchetMcp.Emulator.Auth;

/// <summary>One row of the API-token table, as Hatchet keeps it beside the JWT (for expiry and revocation).</summary>
internal sealed class TokenRow(Guid tokenId, Guid tenantId, DateTimeOffset expiresAt)
{
    public Guid TokenId { get; } = tokenId;
    public Guid TenantId { get; } = tenantId;
    public DateTimeOffset ExpiresAt { get; } = expiresAt;
    public volatile bool Revoked;
}
