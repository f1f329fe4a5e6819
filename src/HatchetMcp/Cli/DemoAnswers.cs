using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace HatchetMcp.Cli;

/// <summary>Reads what the demo needs from a tool's structured content; a missing or mistyped field reads as absent.</summary>
internal static class DemoAnswers
{
    /// <summary>The structured content, or an undefined element when the answer has none.</summary>
    public static JsonElement Content(CallToolResult result) =>
        result.StructuredContent is { ValueKind: JsonValueKind.Object } content ? content : default;

    /// <summary>The status in get_run's answer, e.g. FAILED or QUEUED.</summary>
    public static string? Status(CallToolResult getRun) => String(Content(getRun), "status");

    /// <summary>The highest task attempt in get_run's answer; a replay shows up as a higher attempt.</summary>
    public static int HighestAttempt(CallToolResult getRun) => HighestAttempt(Content(getRun));

    public static int HighestAttempt(JsonElement getRun)
    {
        var highest = 0;
        foreach (var task in Array(getRun, "tasks"))
        {
            highest = Math.Max(highest, Long(task, "attempt") is { } attempt ? (int)Math.Clamp(attempt, 0, int.MaxValue) : 0);
        }

        return highest;
    }

    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object)
            : [];

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>An ISO time from an answer, written as the tools write times (2026-11-24 03:10:02Z); other text as it is.</summary>
    public static string? Display(string? iso) =>
        DateTimeOffset.TryParse(iso, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? HatchetMcp.Shaping.TimeText.Format(at)
            : iso;

    public static long? Long(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;

    public static bool Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
