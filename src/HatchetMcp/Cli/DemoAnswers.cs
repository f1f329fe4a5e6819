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
}
