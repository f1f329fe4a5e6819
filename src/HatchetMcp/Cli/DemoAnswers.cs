using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace HatchetMcp.Cli;

/// <summary>Reads what the demo needs from a tool's structured content.</summary>
internal static class DemoAnswers
{
    /// <summary>The id of the first run in list_runs' answer (runs come newest first).</summary>
    public static string? MostRecentRunId(CallToolResult listRuns)
    {
        if (listRuns.StructuredContent is not { ValueKind: JsonValueKind.Object } content
            || !content.TryGetProperty("runs", out var runs)
            || runs.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var run in runs.EnumerateArray())
        {
            if (run.ValueKind == JsonValueKind.Object
                && run.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String
                && Guid.TryParse(id.GetString(), out var parsed))
            {
                return parsed.ToString();
            }
        }

        return null;
    }

    /// <summary>The status in get_run's answer, e.g. FAILED or QUEUED.</summary>
    public static string? Status(CallToolResult getRun) =>
        getRun.StructuredContent is { ValueKind: JsonValueKind.Object } content
        && content.TryGetProperty("status", out var status)
        && status.ValueKind == JsonValueKind.String
            ? status.GetString()
            : null;

    /// <summary>The highest task attempt in get_run's answer; a replay shows up as a higher attempt.</summary>
    public static int HighestAttempt(CallToolResult getRun)
    {
        if (getRun.StructuredContent is not { ValueKind: JsonValueKind.Object } content
            || !content.TryGetProperty("tasks", out var tasks)
            || tasks.ValueKind != JsonValueKind.Array)
        {
            return 0;
        }

        var highest = 0;
        foreach (var task in tasks.EnumerateArray())
        {
            if (task.ValueKind == JsonValueKind.Object
                && task.TryGetProperty("attempt", out var attempt)
                && attempt.ValueKind == JsonValueKind.Number
                && attempt.TryGetInt32(out var value))
            {
                highest = Math.Max(highest, value);
            }
        }

        return highest;
    }
}
