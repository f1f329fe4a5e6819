namespace HatchetMcp.Hatchet;

/// <summary>
/// Validation of ids that come from callers (agents). Only the canonical 36-character UUID form is accepted, so
/// nothing a caller passes ("../", "%2F", "id/cancel", braces, spaces inside) can shape a request path.
/// </summary>
public static class HatchetIds
{
    private const string Example = "3f2b8c1e-0a4d-4e7b-9c51-2d6f8a9b0c7e";
    private const int MaxEcho = 60;

    /// <summary>The accepted form, for messages: "a UUID such as 3f2b…".</summary>
    public const string AcceptedForm = "a UUID such as " + Example;

    /// <summary>Parses a UUID in the 8-4-4-4-12 hex form (surrounding white space ignored) or throws an ArgumentException naming the argument.</summary>
    public static Guid ParseUuid(string? value, string argumentName)
    {
        if (TryParseUuid(value, out var id)) return id;
        var shown = value is null ? "nothing" : $"\"{Shorten(value)}\"";
        throw new ArgumentException($"{argumentName} must be {AcceptedForm}; got {shown}.", argumentName);
    }

    /// <summary>Parses every value; the message names the argument and the position of the first bad one.</summary>
    public static IReadOnlyList<Guid> ParseUuids(IEnumerable<string?>? values, string argumentName)
    {
        if (values is null) throw new ArgumentException($"{argumentName} must be a list of UUIDs such as {Example}.", argumentName);
        var ids = new List<Guid>();
        var index = 0;
        foreach (var value in values)
        {
            ids.Add(ParseUuid(value, $"{argumentName}[{index}]"));
            index++;
        }
        return ids;
    }

    public static bool TryParseUuid(string? value, out Guid id)
    {
        id = Guid.Empty;
        if (value is null) return false;
        var trimmed = value.Trim();
        return trimmed.Length == 36 && Guid.TryParseExact(trimmed, "D", out id);
    }

    /// <summary>The only way an id enters a URL path: canonical lower-case form, escaped (a no-op for hex and dashes, kept as a guard).</summary>
    internal static string ToPathSegment(Guid id) => Uri.EscapeDataString(id.ToString("D"));

    private static string Shorten(string value)
    {
        var oneLine = value.ReplaceLineEndings(" ");
        return oneLine.Length <= MaxEcho ? oneLine : string.Concat(oneLine.AsSpan(0, MaxEcho), "…");
    }
}
