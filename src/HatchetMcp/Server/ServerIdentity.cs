using System.Reflection;

namespace HatchetMcp.Server;

/// <summary>The name and version the server announces in <c>initialize</c> and prints for <c>--version</c>.</summary>
public static class ServerIdentity
{
    public const string Name = "hatchet-mcp";

    public const string Title = "Hatchet";

    /// <summary>The package version without the source revision the SDK appends after '+'.</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>
    /// The git commit the build came from (the SDK appends it to the informational version after '+'); null when built
    /// outside a git checkout.
    /// </summary>
    public static string? Commit { get; } = ReadCommit();

    private static string? ReadCommit()
    {
        var informational = typeof(ServerIdentity).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var plus = informational?.IndexOf('+', StringComparison.Ordinal) ?? -1;
        return plus < 0 || plus == informational!.Length - 1 ? null : informational[(plus + 1)..];
    }

    private static string ReadVersion()
    {
        var informational = typeof(ServerIdentity).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return typeof(ServerIdentity).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
