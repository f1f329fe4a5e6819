namespace HatchetMcp.Tests.Server;

/// <summary>
/// The built program, as MCP clients launch it: <c>dotnet hatchet-mcp.dll</c>. The test project references the server
/// project, so the build copies hatchet-mcp.dll with its runtimeconfig and deps files next to the test assembly.
/// </summary>
public static class BuiltServer
{
    public static string DllPath { get; } = Locate();

    /// <summary>Every variable the server reads, so a test's environment never inherits the developer's settings.</summary>
    public static IReadOnlyList<string> ServerVariables => HatchetMcp.Server.ServerConfiguration.EnvironmentVariables;

    /// <summary>An environment for the server: all its variables unset, then <paramref name="values"/>.</summary>
    public static Dictionary<string, string?> Environment(IEnumerable<KeyValuePair<string, string?>> values)
    {
        var environment = ServerVariables.ToDictionary(name => name, _ => (string?)null, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static string Locate()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "hatchet-mcp.dll");
        if (!File.Exists(path) || !File.Exists(Path.Combine(AppContext.BaseDirectory, "hatchet-mcp.runtimeconfig.json")))
        {
            throw new InvalidOperationException(
                $"hatchet-mcp.dll and its runtimeconfig are expected next to the tests in {AppContext.BaseDirectory}; build the test project.");
        }

        return path;
    }
}
