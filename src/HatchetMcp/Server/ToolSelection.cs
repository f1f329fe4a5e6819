using HatchetMcp.Tools;

namespace HatchetMcp.Server;

/// <summary>
/// Which tools the server lists, as the operator asked at start: read-only mode, toolsets, single tools added and
/// single tools excluded. A flag wins over its environment variable. Names are checked against
/// <see cref="Toolsets.Table"/> here, so an unknown one stops the server before it speaks.
/// </summary>
public sealed record ToolSelection
{
    public const string ReadOnlyVariable = "HATCHET_MCP_READ_ONLY";
    public const string ToolsetsVariable = "HATCHET_MCP_TOOLSETS";
    public const string ToolsVariable = "HATCHET_MCP_TOOLS";
    public const string ExcludeToolsVariable = "HATCHET_MCP_EXCLUDE_TOOLS";

    public const string ReadOnlyFlag = "--read-only";
    public const string ToolsetsFlag = "--toolsets";
    public const string ToolsFlag = "--tools";
    public const string ExcludeToolsFlag = "--exclude-tools";

    public static IReadOnlyList<string> EnvironmentVariables { get; } =
        [ReadOnlyVariable, ToolsetsVariable, ToolsVariable, ExcludeToolsVariable];

    /// <summary>Every tool, writes included: what a server composed in code lists unless told otherwise.</summary>
    public static ToolSelection Everything { get; } = new() { Toolsets = [HatchetMcp.Tools.Toolsets.All] };

    /// <summary>Write tools are neither listed nor run.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Toolset names (areas, <c>default</c>, <c>all</c>) whose tools are listed.</summary>
    public IReadOnlyList<string> Toolsets { get; init; } = [HatchetMcp.Tools.Toolsets.Default];

    /// <summary>Single tools listed besides the toolsets'.</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>Single tools never listed, whatever else names them.</summary>
    public IReadOnlyList<string> ExcludeTools { get; init; } = [];

    /// <summary>Whether <paramref name="argument"/> is one of the server's own options (so no verb is meant).</summary>
    public static bool IsServerOption(string argument) =>
        argument == ReadOnlyFlag || ValueFlags.Any(flag => argument == flag || argument.StartsWith(flag + "=", StringComparison.Ordinal));

    private static readonly string[] ValueFlags = [ToolsetsFlag, ToolsFlag, ExcludeToolsFlag];

    /// <summary>
    /// Reads the selection from the server's arguments and environment; on a problem returns null and one line saying
    /// what is wrong and which names or forms are accepted.
    /// </summary>
    public static ToolSelection? Read(IReadOnlyDictionary<string, string?> environment, IReadOnlyList<string> arguments, out string? error)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(arguments);

        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var readOnlyFlag = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument == ReadOnlyFlag)
            {
                readOnlyFlag = true;
                continue;
            }

            var flag = ValueFlags.FirstOrDefault(f => argument == f || argument.StartsWith(f + "=", StringComparison.Ordinal));
            if (flag is null)
            {
                error = $"unknown option '{Arguments.ToolArguments.Echo(argument)}'; the server takes {ReadOnlyFlag}, " +
                        $"{ToolsetsFlag} LIST, {ToolsFlag} LIST and {ExcludeToolsFlag} LIST (see --help).";
                return null;
            }

            string value;
            if (argument.Length > flag.Length)
            {
                value = argument[(flag.Length + 1)..];
            }
            else if (i + 1 < arguments.Count)
            {
                value = arguments[++i];
            }
            else
            {
                error = $"{flag} needs a comma-separated list after it, e.g. {flag} {Example(flag)}.";
                return null;
            }

            if (!flags.TryAdd(flag, value))
            {
                error = $"{flag} is given twice; give it once, with a comma-separated list.";
                return null;
            }
        }

        var readOnly = readOnlyFlag;
        if (!readOnly && environment.TryGetValue(ReadOnlyVariable, out var readOnlyText) && !string.IsNullOrWhiteSpace(readOnlyText))
        {
            switch (readOnlyText.Trim().ToLowerInvariant())
            {
                case "true" or "1":
                    readOnly = true;
                    break;
                case "false" or "0":
                    break;
                default:
                    error = $"{ReadOnlyVariable} must be true or false (or 1 or 0); got '{Arguments.ToolArguments.Echo(readOnlyText)}'.";
                    return null;
            }
        }

        var toolsetsText = Given(flags, environment, ToolsetsFlag, ToolsetsVariable);
        var toolsText = Given(flags, environment, ToolsFlag, ToolsVariable);
        var excludeText = Given(flags, environment, ExcludeToolsFlag, ExcludeToolsVariable);

        // Single tools named without toolsets mean exactly those tools; with toolsets, those tools besides.
        var toolsets = toolsetsText is null
            ? toolsText is null ? [HatchetMcp.Tools.Toolsets.Default] : []
            : List(toolsetsText.Value.Value);
        var tools = toolsText is null ? [] : List(toolsText.Value.Value);
        var exclude = excludeText is null ? [] : List(excludeText.Value.Value);

        error = Unknown(toolsets, HatchetMcp.Tools.Toolsets.ToolsetNames, "toolset", toolsetsText?.Source)
                ?? Unknown(tools, HatchetMcp.Tools.Toolsets.ToolNames, "tool", toolsText?.Source)
                ?? Unknown(exclude, HatchetMcp.Tools.Toolsets.ToolNames, "tool", excludeText?.Source);
        return error is null
            ? new ToolSelection { ReadOnly = readOnly, Toolsets = toolsets, Tools = tools, ExcludeTools = exclude }
            : null;
    }

    /// <summary>The tools this selection lists by name, before read-only mode takes out the writes.</summary>
    public IReadOnlySet<string> Named()
    {
        var named = new HashSet<string>(Toolsets.SelectMany(HatchetMcp.Tools.Toolsets.ToolsOf), StringComparer.Ordinal);
        named.UnionWith(Tools);
        named.ExceptWith(ExcludeTools);
        return named;
    }

    /// <summary>How the selection reads in one phrase, as the operator would have typed it.</summary>
    public string Describe()
    {
        var parts = new List<string> { $"{ToolsetsFlag} {(Toolsets.Count == 0 ? "(none)" : string.Join(",", Toolsets))}" };
        if (Tools.Count > 0)
        {
            parts.Add($"{ToolsFlag} {string.Join(",", Tools)}");
        }

        if (ExcludeTools.Count > 0)
        {
            parts.Add($"{ExcludeToolsFlag} {string.Join(",", ExcludeTools)}");
        }

        return string.Join(" ", parts);
    }

    private static (string Value, string Source)? Given(
        Dictionary<string, string> flags, IReadOnlyDictionary<string, string?> environment, string flag, string variable)
    {
        if (flags.TryGetValue(flag, out var fromFlag))
        {
            return (fromFlag, flag);
        }

        return environment.TryGetValue(variable, out var fromEnvironment) && fromEnvironment is not null
            ? (fromEnvironment, variable)
            : null;
    }

    private static List<string> List(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    private static string? Unknown(IEnumerable<string> names, IReadOnlyList<string> accepted, string kind, string? source)
    {
        var unknown = names.FirstOrDefault(name => !accepted.Contains(name, StringComparer.Ordinal));
        return unknown is null
            ? null
            : $"unknown {kind} '{Arguments.ToolArguments.Echo(unknown)}' in {source}; accepted {kind}s: {string.Join(", ", accepted)}.";
    }

    private static string Example(string flag) => flag == ToolsetsFlag ? "runs,findings" : "get_worker,list_events";
}
