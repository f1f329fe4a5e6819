using System.Text.RegularExpressions;

namespace HatchetMcp.Server;

/// <summary>
/// What the server lists and what it holds back, decided once from the <see cref="ToolSelection"/> and the tools as
/// registered (whether a tool writes comes from its <c>ReadOnly</c> annotation, never from a second list). The tool
/// list, the call screen, the instructions and the prompts all read this one decision.
/// </summary>
public sealed partial class ToolAvailability
{
    private readonly Dictionary<string, string> _heldBack;

    private ToolAvailability(ToolSelection selection, IReadOnlyList<string> listed, IReadOnlyList<string> writesListed, Dictionary<string, string> heldBack, IReadOnlyList<string> writesHeldBack)
    {
        Selection = selection;
        Listed = listed;
        WritesListed = writesListed;
        _heldBack = heldBack;
        WritesHeldBack = writesHeldBack;
    }

    public ToolSelection Selection { get; }

    /// <summary>The tools listed, in registration order.</summary>
    public IReadOnlyList<string> Listed { get; }

    /// <summary>The listed tools that change live state.</summary>
    public IReadOnlyList<string> WritesListed { get; }

    /// <summary>The tools registered but not listed.</summary>
    public IReadOnlyCollection<string> HeldBack => _heldBack.Keys;

    /// <summary>The write tools read-only mode holds back (empty when writes are allowed).</summary>
    public IReadOnlyList<string> WritesHeldBack { get; }

    /// <param name="selection">What the operator asked for.</param>
    /// <param name="tools">Every registered tool: its name and whether it is annotated read-only.</param>
    public static ToolAvailability Decide(ToolSelection selection, IEnumerable<(string Name, bool ReadOnly)> tools)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(tools);

        var named = selection.Named();
        var listed = new List<string>();
        var writesListed = new List<string>();
        var writesHeldBack = new List<string>();
        var heldBack = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, readOnly) in tools)
        {
            if (selection.ReadOnly && !readOnly)
            {
                writesHeldBack.Add(name);
                heldBack[name] = $"the server runs read-only ({ToolSelection.ReadOnlyFlag} or {ToolSelection.ReadOnlyVariable}=true), " +
                                 "so it lists and runs no tool that changes live state";
            }
            else if (selection.ExcludeTools.Contains(name, StringComparer.Ordinal))
            {
                heldBack[name] = $"the server was started with {ToolSelection.ExcludeToolsFlag} {name}";
            }
            else if (!named.Contains(name))
            {
                heldBack[name] = $"the server's toolsets ({selection.Describe()}) leave it out; " +
                                 $"it is listed with {ToolSelection.ToolsetsFlag} all or {ToolSelection.ToolsFlag} {name}";
            }
            else
            {
                listed.Add(name);
                if (!readOnly)
                {
                    writesListed.Add(name);
                }
            }
        }

        return new ToolAvailability(selection, listed, writesListed, heldBack, writesHeldBack);
    }

    public bool IsListed(string tool) => !_heldBack.ContainsKey(tool);

    /// <summary>The tool error for a held-back tool called by name; null when <paramref name="tool"/> is listed.</summary>
    public string? Refusal(string tool) => _heldBack.TryGetValue(tool, out var why)
        ? $"'{tool}' is not available on this server: {why}. Nothing was sent to Hatchet."
        : null;

    /// <summary>
    /// The instructions' closing lines: the mode, and what the toolsets leave out (the instructions name the whole
    /// operator flow, so a model must learn which of those tools it will not find).
    /// </summary>
    public string InstructionsText()
    {
        var mode = WritesHeldBack.Count > 0
            ? $"Mode: read-only. {string.Join(", ", WritesHeldBack)} are not available and change nothing if called; " +
              "propose any action for the user to take elsewhere."
            : "Mode: writes available.";
        // In the table's order, so the tools of one area read together.
        var notListed = _heldBack.Keys.Where(tool => !WritesHeldBack.Contains(tool, StringComparer.Ordinal))
            .OrderBy(Tools.Toolsets.Position).ToList();
        return notListed.Count == 0
            ? mode
            : $"{mode} Not listed on this server ({Selection.Describe()}): {string.Join(", ", notListed)}; " +
              "the user can start it with --toolsets all to list them.";
    }

    /// <summary>
    /// A line for text that names held-back tools (a prompt's playbook): which of them are not available, or null when
    /// it names none.
    /// </summary>
    public string? UnavailableLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var named = ToolName().Matches(text).Select(match => match.Value)
            .Where(_heldBack.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
        if (named.Count == 0)
        {
            return null;
        }

        var why = named.All(WritesHeldBack.Contains)
            ? "the server runs read-only"
            : WritesHeldBack.Count > 0 ? "read-only mode or the server's toolsets hold them back" : "the server's toolsets leave them out";
        return $"Not available on this server ({why}): {string.Join(", ", named)}. Skip those steps and say what you could not check or do.";
    }

    [GeneratedRegex(@"\b[a-z][a-z_]*\b")]
    private static partial Regex ToolName();
}
