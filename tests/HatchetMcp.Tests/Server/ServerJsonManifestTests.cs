using System.Text.Json;
using System.Text.RegularExpressions;
using HatchetMcp.Hatchet;
using HatchetMcp.Server;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// .mcp/server.json, the manifest MCP registries and clients read from the package, tells them every setting the server
/// reads; its version comes from the build.
/// </summary>
public sealed partial class ServerJsonManifestTests
{
    private static readonly string ManifestPath = Path.Combine(SourceTree.Root, "src", "HatchetMcp", ".mcp", "server.json");

    [Fact]
    public void The_manifest_lists_exactly_the_environment_variables_the_server_reads()
    {
        var listed = EnvironmentVariables().Select(v => v.GetProperty("name").GetString()).ToList();

        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(ServerConfiguration.EnvironmentVariables.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_HATCHET_name_the_server_source_mentions_is_one_it_reads()
    {
        // A variable read somewhere but missing from ServerConfiguration.EnvironmentVariables would be missing from the
        // manifest too; so would a message that tells the user to set a variable the server ignores.
        var mentioned = new[] { "HatchetMcp", "HatchetMcp.Hatchet" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(SourceTree.Root, "src", project), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => VariableName().Matches(File.ReadAllText(file)).Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(mentioned);
        Assert.Empty(mentioned.Except(ServerConfiguration.EnvironmentVariables, StringComparer.Ordinal));
    }

    [Fact]
    public void Only_the_token_is_required_and_only_the_token_and_the_confirmation_key_are_marked_secret()
    {
        foreach (var variable in EnvironmentVariables())
        {
            var name = variable.GetProperty("name").GetString();
            var isToken = name == HatchetEnvironmentVariables.Token;
            Assert.Equal(isToken, variable.GetProperty("isRequired").GetBoolean());
            Assert.Equal(isToken || name == global::HatchetMcp.Safety.ConfirmationOptions.KeyVariable, variable.GetProperty("isSecret").GetBoolean());
            Assert.False(string.IsNullOrWhiteSpace(variable.GetProperty("description").GetString()));
        }
    }

    [Fact]
    public void The_version_is_left_for_the_build_to_fill_in()
    {
        // The pack step writes the package version where the template says {{PackageVersion}} (HatchetMcp.csproj,
        // StampServerJsonVersion); a version typed into the file would drift from the package's.
        using var manifest = JsonDocument.Parse(File.ReadAllText(ManifestPath));
        var root = manifest.RootElement;

        Assert.Equal("{{PackageVersion}}", root.GetProperty("version").GetString());
        Assert.All(root.GetProperty("packages").EnumerateArray(),
            package => Assert.Equal("{{PackageVersion}}", package.GetProperty("version").GetString()));
    }

    private static List<JsonElement> EnvironmentVariables()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(ManifestPath));
        var package = Assert.Single(manifest.RootElement.GetProperty("packages").EnumerateArray());
        Assert.Equal("HatchetMcp", package.GetProperty("identifier").GetString());
        return [.. package.GetProperty("environmentVariables").EnumerateArray().Select(v => v.Clone())];
    }

    [GeneratedRegex(@"\bHATCHET_[A-Z0-9_]*[A-Z0-9]\b")]
    private static partial Regex VariableName();
}
