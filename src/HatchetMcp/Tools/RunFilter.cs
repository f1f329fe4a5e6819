using HatchetMcp.Arguments;
using ModelContextProtocol;

namespace HatchetMcp.Tools;

/// <summary>
/// The filter cancel_runs and replay_runs take instead of run_ids, checked before anything is read. Its canonical text
/// (the arguments as given, not the times they resolve to) is what a preview's token binds, so the second call must
/// repeat the same filter; the runs it matched are pinned at the preview and never looked for again.
/// </summary>
internal sealed record RunFilter(string? Workflow, IReadOnlyList<string> Statuses, string Since, string? Until, IReadOnlyList<string> Metadata, TimeWindow Window)
{
    internal const string WorkflowDescription = "Filter (instead of run_ids): workflow name or id.";
    internal const string StatusesDescription = "Filter:";
    internal const string SinceDescription = "Filter: window start, ISO 8601 or back from now (90m, 7d). Default 24h.";
    internal const string UntilDescription = "Filter: window end. Default now.";
    internal const string MetadataDescription = "Filter: key=value pairs, all must match.";
    private const string DefaultSince = "24h";

    /// <summary>
    /// The filter, or null when the call names run_ids; a tool error when it names both or neither, or a filter
    /// argument is unusable. <paramref name="allowed"/> are the statuses the tool can act on (the first ones are the default).
    /// </summary>
    public static RunFilter? Read(string tool, IReadOnlyList<string>? runIds, string? workflow, IReadOnlyList<string>? statuses, string? since,
        string? until, IReadOnlyList<string>? metadata, IReadOnlyList<string> allowed, IReadOnlyList<string> defaults, DateTimeOffset now)
    {
        var filtered = !string.IsNullOrWhiteSpace(workflow) || statuses is { Count: > 0 } || !string.IsNullOrWhiteSpace(since)
                       || !string.IsNullOrWhiteSpace(until) || metadata is { Count: > 0 };
        var named = runIds is { Count: > 0 };
        if (named && filtered)
        {
            throw new McpException($"{tool} takes either run_ids or a filter (workflow, statuses, since, until, metadata), not both.");
        }

        if (!named && !filtered)
        {
            throw new McpException($"{tool} needs run_ids or a filter: run_ids (1 to {ToolArguments.MaxIdsPerCall} UUIDs from list_runs), or any of workflow, statuses, since, until, metadata.");
        }

        if (!filtered)
        {
            return null;
        }

        var chosen = ToolArguments.Choices(statuses, "statuses", allowed, $"status {tool} acts on");
        var sinceText = string.IsNullOrWhiteSpace(since) ? DefaultSince : since.Trim();
        var untilText = string.IsNullOrWhiteSpace(until) ? null : until.Trim();
        return new RunFilter(
            ToolArguments.Text(workflow, "workflow", 300),
            chosen.Count == 0 ? defaults : [.. chosen.Order(StringComparer.Ordinal)],
            sinceText,
            untilText,
            [.. ToolArguments.MetadataFilters(metadata).Order(StringComparer.Ordinal)],
            TimeWindow.Parse(sinceText, untilText, now, TimeSpan.FromHours(24)));
    }

    /// <summary>The filter as a token binds it: one line, arguments in a fixed order.</summary>
    public string Canonical =>
        $"workflow={Workflow}\nstatuses={string.Join(',', Statuses)}\nsince={Since}\nuntil={Until}\nmetadata={string.Join(',', Metadata)}";

    /// <summary>A relative time as given and the time it stood for when the filter was read ("24h (2026-11-23T12:00:00Z)").</summary>
    private static string Point(string given, DateTimeOffset resolved) =>
        TimeWindow.TryRelative(given, out _) ? $"{given} ({Shaping.TimeText.Iso(resolved)})" : Shaping.TimeText.Iso(resolved);

    /// <summary>The filter as the human reads it.</summary>
    public string Describe() =>
        string.Join(", ", new[]
        {
            Workflow is null ? null : $"workflow {Workflow}",
            $"statuses {string.Join(",", Statuses)}",
            $"since {Point(Since, Window.Since)}" + (Until is null || Window.Until is not { } end ? string.Empty : $" until {Point(Until, end)}"),
            Metadata.Count == 0 ? null : "metadata " + string.Join(",", Metadata.Select(m => m.Replace(':', '='))),
        }.OfType<string>());
}
