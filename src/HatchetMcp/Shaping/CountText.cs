using System.Globalization;

namespace HatchetMcp.Shaping;

/// <summary>A count with the noun it counts, in the right number: "1 run", "1,406 runs".</summary>
public static class CountText
{
    public static string Of(long count, string noun) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun + "s");
}
