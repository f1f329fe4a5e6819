using System.Security.Claims;

namespace HatchetMcp.Server.Http.Auth;

/// <summary>
/// What an authenticated caller may do, however it signed in (API key or OAuth token): its name (the audit line's
/// principal and the rate limit's partition), whether it may write, and which profiles it may use. The schemes put
/// these on the principal as the claims below; everything downstream reads them through <see cref="From"/>.
/// </summary>
public sealed record CallerRights
{
    public const string NameClaim = "hatchet:principal";
    public const string RoleClaim = "hatchet:role";
    public const string ProfileClaim = "hatchet:profile";

    /// <summary>The value of <see cref="ProfileClaim"/> that stands for every profile.</summary>
    public const string AllProfiles = "*";

    public const string ReadRole = "read";
    public const string WriteRole = "write";

    public required string Name { get; init; }

    public required bool CanWrite { get; init; }

    /// <summary>The profiles allowed; null means every profile.</summary>
    public IReadOnlySet<string>? Profiles { get; init; }

    public bool MayUse(string profile) => Profiles is null || Profiles.Contains(profile);

    /// <summary>The caller's rights, or null for a call that carries no signed-in principal (stdio, anonymous loopback).</summary>
    public static CallerRights? From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true || user.FindFirst(NameClaim)?.Value is not { } name)
        {
            return null;
        }

        var profiles = user.FindAll(ProfileClaim).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
        return new CallerRights
        {
            Name = name,
            CanWrite = user.HasClaim(RoleClaim, WriteRole),
            Profiles = profiles.Contains(AllProfiles) ? null : profiles,
        };
    }

    /// <summary>The identity a scheme signs a caller in with.</summary>
    public static ClaimsIdentity Identity(string scheme, string name, string? role, IEnumerable<string>? profiles)
    {
        var claims = new List<Claim> { new(NameClaim, name) };
        if (role is not null)
        {
            claims.Add(new Claim(RoleClaim, role));
        }

        claims.AddRange((profiles ?? [AllProfiles]).Select(profile => new Claim(ProfileClaim, profile)));
        return new ClaimsIdentity(claims, scheme, NameClaim, RoleClaim);
    }
}
