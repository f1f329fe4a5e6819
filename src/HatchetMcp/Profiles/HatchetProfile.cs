using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;

namespace HatchetMcp.Profiles;

/// <summary>One Hatchet connection the server can act on: its settings, dashboard links and whether it is read-only.</summary>
public sealed record HatchetProfile
{
    /// <summary>The name a call gives as <c>profile</c>; "default" for the environment's one connection.</summary>
    public required string Name { get; init; }

    public required HatchetSettings Settings { get; init; }

    /// <summary>Links into this connection's dashboard; the API base's origin when null.</summary>
    public DashboardLinks? Dashboard { get; init; }

    /// <summary>Writes refused on this connection, whatever the server's own mode.</summary>
    public bool ReadOnly { get; init; }
}
