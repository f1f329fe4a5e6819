using HatchetMcp.Findings;

namespace HatchetMcp.Shaping;

/// <summary>A workflow version as text: its name and id, so that "v3" is never confused with another workflow's v3.</summary>
public static class VersionText
{
    public static string Of(NamedVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.Name is { Length: > 0 } name ? $"{name} ({version.Id})" : $"(unnamed) {version.Id}";
    }
}
