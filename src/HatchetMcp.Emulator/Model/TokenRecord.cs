namespace HatchetMcp.Emulator.Model;

/// <summary>A row of the API-token table: what the token validator checks besides the signature.</summary>
public sealed class TokenRecord
{
    public required Guid TokenId { get; init; }
    public required Guid TenantId { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public bool Revoked { get; set; }
}
