using System.Globalization;
using System.Text.Json;
using ModelContextProtocol;

namespace HatchetMcp.Arguments;

/// <summary>
/// Validates what an agent passes before anything reaches Hatchet. Every failure is a tool error (McpException) naming
/// the argument and the accepted form, so the model can correct itself.
/// </summary>
public static class ToolArguments
{
    public const int MaxIdsPerCall = 100;

    /// <summary>How deep a JSON value given as a string may nest (a value given as JSON is bounded by the protocol reader).</summary>
    public const int MaxJsonDepth = 256;

    private static readonly string[] KnownStatuses = ["QUEUED", "RUNNING", "COMPLETED", "CANCELLED", "FAILED"];
    private static readonly string[] LogLevelNames = ["DEBUG", "INFO", "WARN", "ERROR"];

    /// <summary>The accepted statuses, for messages and descriptions.</summary>
    public static IReadOnlyList<string> Statuses => KnownStatuses;

    public static Guid Uuid(string? value, string argument, string what = "a run or task id")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new McpException($"{argument} is required: {what} (a UUID such as 0b4f7a5e-2c1d-4e8f-9a3b-5d6c7e8f9a0b).");
        }

        var trimmed = value.Trim();
        if (trimmed.Length != 36 || !Guid.TryParseExact(trimmed, "D", out var id))
        {
            throw new McpException($"{argument} must be a UUID such as 0b4f7a5e-2c1d-4e8f-9a3b-5d6c7e8f9a0b (36 characters with dashes); got '{Echo(trimmed)}'.");
        }

        return id;
    }

    /// <summary>1..100 UUIDs, duplicates dropped, order kept.</summary>
    public static IReadOnlyList<Guid> UuidList(IReadOnlyList<string>? values, string argument)
    {
        if (values is null || values.Count == 0)
        {
            throw new McpException($"{argument} is required: a list of 1 to {MaxIdsPerCall} run or task ids (UUIDs); list_runs gives run ids.");
        }

        if (values.Count > MaxIdsPerCall)
        {
            throw new McpException($"{argument} accepts at most {MaxIdsPerCall} ids per call; got {values.Count}. Split the list into several calls.");
        }

        var ids = new List<Guid>(values.Count);
        var seen = new HashSet<Guid>();
        for (var i = 0; i < values.Count; i++)
        {
            var id = Uuid(values[i], $"{argument}[{i}]");
            if (seen.Add(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    public static int Bounded(int? value, string argument, int min, int max, int fallback)
    {
        if (value is null)
        {
            return fallback;
        }

        if (value < min || value > max)
        {
            throw new McpException($"{argument} must be a whole number from {min} to {max}; got {value.Value.ToString(CultureInfo.InvariantCulture)}.");
        }

        return value.Value;
    }

    public static int Offset(int? value, string argument = "offset")
    {
        if (value is null)
        {
            return 0;
        }

        if (value < 0)
        {
            throw new McpException($"{argument} must be 0 or more (rows to skip); got {value.Value.ToString(CultureInfo.InvariantCulture)}.");
        }

        return value.Value;
    }

    /// <summary>Run statuses, case-insensitive, returned upper-case and de-duplicated.</summary>
    public static IReadOnlyList<string> RunStatuses(IReadOnlyList<string>? values, string argument = "statuses") =>
        Choices(values, argument, KnownStatuses, "run status");

    /// <summary>Log levels DEBUG, INFO, WARN, ERROR (WARNING accepted as WARN).</summary>
    public static IReadOnlyList<string> LogLevels(IReadOnlyList<string>? values, string argument = "levels") =>
        Choices(values, argument, LogLevelNames, "log level", level => level == "WARNING" ? "WARN" : level);

    /// <summary>
    /// Values from a fixed set, case-insensitive, returned upper-case (after <paramref name="alias"/>) and de-duplicated.
    /// "A,B" inside one element is split: models often send a joined list.
    /// </summary>
    public static IReadOnlyList<string> Choices(IReadOnlyList<string>? values, string argument, IReadOnlyList<string> accepted,
        string what, Func<string, string>? alias = null)
    {
        var result = new List<string>();
        foreach (var raw in values ?? [])
        {
            foreach (var part in (raw ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var upper = part.ToUpperInvariant();
                upper = alias?.Invoke(upper) ?? upper;
                if (!accepted.Contains(upper))
                {
                    throw new McpException($"{argument} contains '{Echo(part)}', which is not a {what}; use any of {string.Join(", ", accepted)}.");
                }

                if (!result.Contains(upper))
                {
                    result.Add(upper);
                }
            }
        }

        return result;
    }

    /// <summary>"key=value" filters (also "key:value"), returned as Hatchet's "key:value" strings.</summary>
    public static IReadOnlyList<string> MetadataFilters(IReadOnlyList<string>? values, string argument = "metadata")
    {
        if (values is null || values.Count == 0)
        {
            return [];
        }

        var result = new List<string>();
        foreach (var raw in values)
        {
            var text = raw?.Trim() ?? string.Empty;
            var at = text.IndexOf('=', StringComparison.Ordinal);
            if (at < 0)
            {
                at = text.IndexOf(':', StringComparison.Ordinal);
            }

            if (at <= 0 || at == text.Length - 1)
            {
                throw new McpException($"{argument} entries must look like key=value (e.g. customer=acme); got '{Echo(text)}'.");
            }

            var key = text[..at].Trim();
            var value = text[(at + 1)..].Trim();
            if (key.Length == 0 || value.Length == 0 || key.Contains(':', StringComparison.Ordinal))
            {
                throw new McpException($"{argument} entries must look like key=value with a non-empty key (no ':') and value; got '{Echo(text)}'.");
            }

            result.Add(key + ":" + value);
        }

        return result;
    }

    /// <summary>A JSON object given either as an object or as a string containing one.</summary>
    public static JsonElement? JsonObject(JsonElement? value, string argument, bool required)
    {
        if (value is null || value.Value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            if (required)
            {
                throw new McpException($"{argument} is required: a JSON object such as {{\"orderId\": \"A-1009\"}} (use {{}} for no input).");
            }

            return null;
        }

        var element = value.Value;
        if (element.ValueKind == JsonValueKind.String)
        {
            var text = element.GetString() ?? string.Empty;
            if (string.IsNullOrWhiteSpace(text) && !required)
            {
                return null;
            }

            try
            {
                using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
                element = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new McpException($"{argument} must be a JSON object such as {{\"orderId\": \"A-1009\"}}; the string given is not valid JSON " +
                                       $"(or nests deeper than {MaxJsonDepth} levels).");
            }
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new McpException($"{argument} must be a JSON object such as {{\"orderId\": \"A-1009\"}}; got a JSON {Kind(element.ValueKind)}.");
        }

        return element;
    }

    /// <summary>Trims a free-text argument and rejects it when longer than <paramref name="maxChars"/>.</summary>
    public static string? Text(string? value, string argument, int maxChars)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxChars)
        {
            throw new McpException($"{argument} must be at most {maxChars} characters; got {trimmed.Length}.");
        }

        return trimmed;
    }

    /// <summary>Values are echoed back clipped, so a huge or hostile argument does not bloat the error.</summary>
    internal static string Echo(string value) =>
        value.Length <= 60 ? value.ReplaceLineEndings(" ") : string.Concat(value.AsSpan(0, 57).ToString().ReplaceLineEndings(" "), "...");

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
