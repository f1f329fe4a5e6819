namespace HatchetMcp.Tools;

/// <summary>
/// The one table that puts every tool in exactly one area (toolset) and says whether the <c>default</c> set lists it.
/// <c>--toolsets</c> names areas, <c>default</c> or <c>all</c>; <c>--tools</c> and <c>--exclude-tools</c> name tools
/// from this table. Whether a tool writes is not here: read-only mode takes it from the tool's own <c>ReadOnly</c>
/// annotation. The default set is the operator's flow within 24 KB of <c>tools/list</c> (README, "Modes and toolsets").
/// </summary>
public static class Toolsets
{
    public const string Default = "default";
    public const string All = "all";

    /// <summary>One row per tool: its name, its area, and whether <c>default</c> lists it.</summary>
    public static IReadOnlyList<ToolArea> Table { get; } =
    [
        //  tool                    area           default
        new("whoami",              "tenant",      true),
        new("list_runs",           "runs",        true),
        new("get_run",             "runs",        false),
        new("get_run_logs",        "logs",        false),
        new("search_logs",         "logs",        false),
        new("list_workers",        "workers",     false),
        new("get_worker",          "workers",     false),
        new("get_queue_metrics",   "metrics",     false),
        new("list_rate_limits",    "metrics",     false),
        new("list_workflows",      "workflows",   false),
        new("get_workflow",        "workflows",   false),
        new("list_events",         "events",      false),
        new("list_crons",          "schedules",   false),
        new("list_scheduled_runs", "schedules",   false),
        new("summarize_failures",  "findings",    true),
        new("diagnose_run",        "findings",    true),
        new("find_stuck_runs",     "findings",    true),
        new("compare_runs",        "findings",    false),
        new("trigger_workflow",    "actions",     true),
        new("cancel_runs",         "actions",     true),
        new("replay_runs",         "actions",     true),
        new("pause_worker",        "actions",     false),
        new("resume_worker",       "actions",     false),
        new("pause_workflow",      "actions",     false),
        new("resume_workflow",     "actions",     false),
    ];

    /// <summary>The areas, in the table's order.</summary>
    public static IReadOnlyList<string> Areas { get; } = [.. Table.Select(row => row.Area).Distinct(StringComparer.Ordinal)];

    /// <summary>Every name <c>--toolsets</c> accepts.</summary>
    public static IReadOnlyList<string> ToolsetNames { get; } = [Default, All, .. Areas];

    /// <summary>Every name <c>--tools</c> and <c>--exclude-tools</c> accept.</summary>
    public static IReadOnlyList<string> ToolNames { get; } = [.. Table.Select(row => row.Tool)];

    /// <summary>The tools a toolset name stands for; empty for a name that is not one.</summary>
    public static IEnumerable<string> ToolsOf(string toolset) => toolset switch
    {
        All => ToolNames,
        Default => Table.Where(row => row.InDefault).Select(row => row.Tool),
        _ => Table.Where(row => row.Area == toolset).Select(row => row.Tool),
    };

    /// <summary>Where <paramref name="tool"/> sits in the table (to list tools area by area); last if it is not there.</summary>
    public static int Position(string tool)
    {
        for (var i = 0; i < Table.Count; i++)
        {
            if (Table[i].Tool == tool)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    /// <summary>The area of <paramref name="tool"/>, or null for a tool the table does not know.</summary>
    public static string? AreaOf(string tool) => Table.FirstOrDefault(row => row.Tool == tool)?.Area;
}

/// <summary>A tool's row in <see cref="Toolsets.Table"/>.</summary>
public sealed record ToolArea(string Tool, string Area, bool InDefault);
