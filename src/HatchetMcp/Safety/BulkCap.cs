using System.Globalization;

namespace HatchetMcp.Safety;

/// <summary>
/// The most runs one cancel_runs or replay_runs call acts on, by filter or by ids: above it the call is refused and
/// says how to narrow. Read once at start (<c>HATCHET_MCP_BULK_CAP</c>, <c>--bulk-cap</c>).
/// </summary>
public sealed record BulkCap(int Runs = BulkCap.Default)
{
    public const string EnvironmentVariable = "HATCHET_MCP_BULK_CAP";
    public const string Flag = "--bulk-cap";
    public const int Default = 100;

    /// <summary>No configuration raises the cap above this: Hatchet's own replay filter stops at 1000 runs.</summary>
    public const int HardLimit = 1000;

    /// <summary>Reads <paramref name="raw"/> (1 to 1000); the default when blank; an unusable value yields one error line naming <paramref name="source"/>.</summary>
    public static BulkCap Parse(string? raw, string source, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new BulkCap();
        }

        if (!int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var runs) || runs is < 1 or > HardLimit)
        {
            var shown = raw.Trim();
            error = $"{source} must be a whole number of runs from 1 to {HardLimit} (default {Default}), got '{(shown.Length > 20 ? shown[..20] + "…" : shown)}'.";
            return new BulkCap();
        }

        return new BulkCap(runs);
    }
}
