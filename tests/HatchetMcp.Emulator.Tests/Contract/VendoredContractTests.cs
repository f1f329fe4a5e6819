using System.Runtime.CompilerServices;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Contract;

/// <summary>A clone with nothing beside it must run the contract tests: the contract lives in the repository.</summary>
public sealed class VendoredContractTests
{
    [Fact]
    public void The_contract_is_read_from_inside_the_repository()
    {
        var root = RepositoryRoot() + Path.DirectorySeparatorChar;

        Assert.StartsWith(root, Path.GetFullPath(ContractFiles.OpenApiYaml), StringComparison.Ordinal);
    }

    [Fact]
    public void The_contract_carries_Hatchets_MIT_licence_notice_beside_it()
    {
        var licence = Path.Combine(Path.GetDirectoryName(ContractFiles.OpenApiYaml)!, "LICENSE");

        var text = File.ReadAllText(licence);

        Assert.StartsWith("MIT License", text, StringComparison.Ordinal);
        Assert.Contains("Copyright (c) 2023-present Hatchet Technologies Inc.", text, StringComparison.Ordinal);
        Assert.Contains("The above copyright notice and this permission notice shall be included", text, StringComparison.Ordinal);
    }

    // Found from this file's compile-time path, independently of how ContractFiles searches.
    private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
}
