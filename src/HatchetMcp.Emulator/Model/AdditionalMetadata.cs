namespace HatchetMcp.Emulator.Model;

/// <summary>
/// Helpers for additional metadata, stored compactly as an array of string pairs (runs are numerous, so a
/// dictionary per run would cost too much memory). Keys are unique within one array.
/// </summary>
public static class AdditionalMetadata
{
    public static readonly KeyValuePair<string, string>[] Empty = [];

    public static KeyValuePair<string, string>[] From(IReadOnlyDictionary<string, string>? values) =>
        values is null || values.Count == 0 ? Empty : values.Select(kv => kv).ToArray();

    public static bool TryGet(IReadOnlyList<KeyValuePair<string, string>> metadata, string key, out string value)
    {
        foreach (var kv in metadata)
        {
            if (kv.Key == key)
            {
                value = kv.Value;
                return true;
            }
        }
        value = "";
        return false;
    }

    /// <summary>True when the metadata has <paramref name="key"/> equal to <paramref name="value"/>.</summary>
    public static bool Has(IReadOnlyList<KeyValuePair<string, string>> metadata, string key, string value) =>
        TryGet(metadata, key, out var v) && v == value;

    /// <summary>Splits a "key:value" filter at the first ':'; false when there is no ':'.</summary>
    public static bool TryParseFilter(string filter, out string key, out string value)
    {
        var i = filter.IndexOf(':', StringComparison.Ordinal);
        if (i < 0)
        {
            key = value = "";
            return false;
        }
        key = filter[..i];
        value = filter[(i + 1)..];
        return true;
    }
}
