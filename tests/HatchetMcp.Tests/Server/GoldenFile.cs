using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// A checked-in expected file. On a mismatch the actual text is written beside it as <c>.actual</c> and the test fails
/// with the first differing line; with UPDATE_GOLDEN=1 the golden file is rewritten instead.
/// </summary>
public static class GoldenFile
{
    public const string UpdateVariable = "UPDATE_GOLDEN";

    public static void AssertMatches(string relativePath, string actual)
    {
        var path = Path.Combine(SourceTree.ServerTestsDirectory, relativePath);
        var actualPath = path + ".actual";
        actual = Normalise(actual);

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            File.Delete(actualPath);
            return;
        }

        if (!File.Exists(path))
        {
            File.WriteAllText(actualPath, actual);
            Assert.Fail($"No golden file {path}. The actual output is in {actualPath}; review it, then run with {UpdateVariable}=1 to accept it.");
        }

        var expected = Normalise(File.ReadAllText(path));
        if (expected == actual)
        {
            File.Delete(actualPath);
            return;
        }

        File.WriteAllText(actualPath, actual);
        Assert.Fail(
            $"{relativePath} differs from the golden file ({FirstDifference(expected, actual)}).{Environment.NewLine}"
            + $"See: diff {path} {actualPath}{Environment.NewLine}"
            + $"If the change is intended, run the tests with {UpdateVariable}=1 and commit the golden file.");
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                return $"first at line {i + 1}: expected `{e.Trim()}`, actual `{a.Trim()}`";
            }
        }

        return "whitespace only";
    }
}
