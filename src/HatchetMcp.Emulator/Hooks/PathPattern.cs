namespace HatchetMcp.Emulator.Hooks;

/// <summary>Matches request paths against fault patterns: "*" is one segment, "**" matches whatever remains.</summary>
internal static class PathPattern
{
    public static bool Matches(string pattern, string path)
    {
        string[] want = pattern.Trim('/').Split('/');
        string[] have = path.Trim('/').Split('/');
        for (int i = 0; i < want.Length; i++)
        {
            if (want[i] == "**")
            {
                return true;
            }

            if (i >= have.Length || (want[i] != "*" && !string.Equals(want[i], have[i], StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return want.Length == have.Length;
    }
}
