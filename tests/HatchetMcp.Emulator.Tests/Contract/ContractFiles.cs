using System.Runtime.CompilerServices;

namespace HatchetMcp.Emulator.Tests.Contract;

/// <summary>Finds ../shared/hatchet/openapi.yaml beside the repository (CI clones shared/ next to it).</summary>
internal static class ContractFiles
{
    private const string SolutionFile = "HatchetMcp.slnx";

    public static string OpenApiYaml { get; } = Locate();

    private static string Locate([CallerFilePath] string sourceFile = "")
    {
        // The build output usually sits inside the repository; a custom --artifacts-path does not, so the
        // working directory and this source file's compile-time location are fallbacks.
        string?[] starts = [AppContext.BaseDirectory, Environment.CurrentDirectory, Path.GetDirectoryName(sourceFile)];
        foreach (var start in starts)
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    continue;
                }

                var spec = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "hatchet", "openapi.yaml"));
                if (File.Exists(spec))
                {
                    return spec;
                }
            }
        }

        throw new FileNotFoundException(
            $"openapi.yaml not found: expected ../shared/hatchet/openapi.yaml beside the folder holding {SolutionFile}.");
    }
}
