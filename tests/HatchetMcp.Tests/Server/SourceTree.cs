using System.Runtime.CompilerServices;

namespace HatchetMcp.Tests.Server;

/// <summary>Paths in the source tree, found from this file's compile-time path (tests run where they were built).</summary>
public static class SourceTree
{
    /// <summary>tests/HatchetMcp.Tests/Server/ in the source tree.</summary>
    public static string ServerTestsDirectory { get; } = Path.GetDirectoryName(ThisFile())!;

    /// <summary>The repository root (where HatchetMcp.slnx is).</summary>
    public static string Root { get; } = Path.GetFullPath(Path.Combine(ServerTestsDirectory, "..", "..", ".."));

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
