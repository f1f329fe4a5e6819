using System.Runtime.CompilerServices;

namespace HatchetMcp.Emulator.Tests.Contract;

/// <summary>Finds Hatchet's OpenAPI contract, vendored in the repository at contracts/hatchet/openapi.yaml.</summary>
internal static class ContractFiles
{
    private const string SolutionFile = "HatchetMcp.slnx";

    public static string OpenApiYaml { get; } = Locate();

    private static string Locate([CallerFilePath] string sourceFile = "")
    {
        // The build output usually sits inside the repository; a custom --artifacts-path does not, so the
        // working directory and this source file's compile-time location are fallbacks. Only the folder holding the
        // solution is searched: a clone is used alone, with nothing beside it.
        string?[] starts = [AppContext.BaseDirectory, Environment.CurrentDirectory, Path.GetDirectoryName(sourceFile)];
        foreach (var start in starts)
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    continue;
                }

                var spec = Path.Combine(dir.FullName, "contracts", "hatchet", "openapi.yaml");
                if (File.Exists(spec))
                {
                    return spec;
                }
            }
        }

        throw new FileNotFoundException(
            $"openapi.yaml not found: expected contracts/hatchet/openapi.yaml in the folder holding {SolutionFile}.");
    }
}
