using System.Text.Json;
using HatchetMcp.Shaping;

namespace HatchetMcp.Findings;

/// <summary>
/// What differs between two run snapshots: workflow, version, status, input and metadata (per key, values
/// summarised), and per task (matched by name) its attempts, the worker and the duration of its latest attempt.
/// Durations count as different when one is at least half again the other and they are 100 ms or more apart.
/// </summary>
public static class RunDifferences
{
    /// <summary>Input or metadata keys listed one by one; the rest are counted.</summary>
    public const int MaxKeysListed = 8;

    private const int MaxDepth = 3;

    public static (IReadOnlyList<RunDifference> Differences, IReadOnlyList<string> Identical) Compare(RunSnapshot a, RunSnapshot b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var diffs = new List<RunDifference>();
        var same = new List<string>();
        void Scalar(string aspect, string? x, string? y)
        {
            if (string.Equals(x, y, StringComparison.Ordinal))
            {
                same.Add(aspect);
            }
            else
            {
                diffs.Add(new RunDifference(aspect, x ?? "(none)", y ?? "(none)"));
            }
        }

        Scalar("workflow", a.WorkflowName ?? a.WorkflowId?.ToString(), b.WorkflowName ?? b.WorkflowId?.ToString());
        if (a.VersionId == b.VersionId)
        {
            same.Add("version");
        }
        else
        {
            diffs.Add(new RunDifference("version", Version(a), Version(b)));
        }

        Scalar("status", a.Status, b.Status);
        Keyed("input", Flatten(a.Input), Flatten(b.Input), diffs, same);
        Keyed("metadata", Leaves(a.Metadata), Leaves(b.Metadata), diffs, same);

        var bTasks = b.Tasks.GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First());
        var aNames = a.Tasks.Select(t => t.Name).ToHashSet();
        var onlyA = a.Tasks.Where(t => !bTasks.ContainsKey(t.Name)).Select(t => t.Name).ToList();
        var onlyB = b.Tasks.Where(t => !aNames.Contains(t.Name)).Select(t => t.Name).ToList();
        if (onlyA.Count + onlyB.Count > 0)
        {
            diffs.Add(new RunDifference("tasks", onlyA.Count == 0 ? "(none of its own)" : string.Join(", ", onlyA),
                onlyB.Count == 0 ? "(none of its own)" : string.Join(", ", onlyB)));
        }
        else
        {
            same.Add("tasks");
        }

        var attemptsSame = true;
        var workersSame = true;
        var durationsSame = true;
        foreach (var task in a.Tasks)
        {
            if (!bTasks.TryGetValue(task.Name, out var other))
            {
                continue;
            }

            var (x, y) = (task.Attempts.Current, other.Attempts.Current);
            if (x.Number != y.Number)
            {
                attemptsSame = false;
                diffs.Add(new RunDifference($"attempts of {task.Name}", x.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    y.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            var (wx, wy) = (a.WorkerLabel(x.WorkerId), b.WorkerLabel(y.WorkerId));
            if (!string.Equals(wx, wy, StringComparison.Ordinal))
            {
                workersSame = false;
                diffs.Add(new RunDifference($"worker of {task.Name} (attempt {x.Number} vs {y.Number})", wx ?? "(none)", wy ?? "(none)"));
            }

            var (dx, dy) = (Duration(x), Duration(y));
            if (dx != dy && (dx is null || dy is null || FarApart(dx.Value, dy.Value)))
            {
                durationsSame = false;
                diffs.Add(new RunDifference($"duration of {task.Name} (attempt {x.Number} vs {y.Number})", Text(dx), Text(dy)));
            }
        }

        if (attemptsSame) same.Add("attempts");
        if (workersSame) same.Add("workers");
        if (durationsSame) same.Add("task durations (within half)");
        return (diffs, same);
    }

    private static string Version(RunSnapshot run) =>
        run.Version is { } v ? VersionText.Of(v) : run.VersionId?.ToString() ?? "(none)";

    private static TimeSpan? Duration(AttemptFacts a) => a.StartedAt is { } s && a.FinishedAt is { } f ? f - s : null;

    private static bool FarApart(TimeSpan x, TimeSpan y)
    {
        var (lo, hi) = x < y ? (x, y) : (y, x);
        return hi - lo >= TimeSpan.FromMilliseconds(100) && hi.Ticks >= lo.Ticks * 1.5;
    }

    private static string Text(TimeSpan? d) => d is { } v ? DurationText.Format(v) : "(not finished)";

    private static Dictionary<string, Leaf> Leaves(IReadOnlyDictionary<string, string> metadata) =>
        metadata.ToDictionary(kv => kv.Key, kv => new Leaf("\"" + ValueSummary.Clip(kv.Value) + "\"", kv.Value), StringComparer.Ordinal);

    private static void Keyed(string aspect, IReadOnlyDictionary<string, Leaf> a, IReadOnlyDictionary<string, Leaf> b,
        List<RunDifference> diffs, List<string> same)
    {
        var keys = a.Keys.Union(b.Keys).Order(StringComparer.Ordinal).ToList();
        var differing = keys.Where(k => !a.TryGetValue(k, out var x) || !b.TryGetValue(k, out var y) || !string.Equals(x.Raw, y.Raw, StringComparison.Ordinal)).ToList();
        if (differing.Count == 0)
        {
            same.Add(aspect);
            return;
        }

        foreach (var key in differing.Take(MaxKeysListed))
        {
            var (x, y) = (a.GetValueOrDefault(key)?.Shown ?? "(absent)", b.GetValueOrDefault(key)?.Shown ?? "(absent)");
            // Two containers of the same size read alike: say that their content differs.
            diffs.Add(x == y ? new RunDifference($"{aspect}.{key}", x + " (content differs)", y, true) : new RunDifference($"{aspect}.{key}", x, y, true));
        }

        if (differing.Count > MaxKeysListed)
        {
            diffs.Add(new RunDifference($"{aspect} (more keys)", $"{differing.Count - MaxKeysListed} more keys differ", "(not listed)"));
        }
    }

    /// <summary>An object's leaves by dotted path (to a small depth; deeper values and arrays are compared whole).</summary>
    public static IReadOnlyDictionary<string, Leaf> Flatten(JsonElement? value)
    {
        var result = new Dictionary<string, Leaf>(StringComparer.Ordinal);
        if (value is { ValueKind: JsonValueKind.Object } root)
        {
            Walk(root, string.Empty, 1, result);
        }
        else if (value is { } other && other.ValueKind is not JsonValueKind.Undefined and not JsonValueKind.Null)
        {
            result["(value)"] = new Leaf(ValueSummary.Scalar(other), other.GetRawText());
        }

        return result;
    }

    private static void Walk(JsonElement obj, string prefix, int depth, Dictionary<string, Leaf> into)
    {
        foreach (var p in obj.EnumerateObject())
        {
            var path = prefix + p.Name;
            if (p.Value.ValueKind == JsonValueKind.Object && depth < MaxDepth)
            {
                Walk(p.Value, path + ".", depth + 1, into);
            }
            else
            {
                into[path] = new Leaf(ValueSummary.Scalar(p.Value), p.Value.GetRawText());
            }
        }
    }

    /// <summary>A value as shown (summarised) and as compared (its whole JSON text).</summary>
    public sealed record Leaf(string Shown, string Raw);
}
