using System.Text.Json;
using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Engine;

/// <summary>
/// A version's concurrency setting at work: at most MaxRuns runs of one group (the value of its expression, e.g.
/// <c>input.catalog</c>) hold a slot at a time; the rest wait QUEUED. Only the queueing strategies and the WORKFLOW
/// scope are modelled (the seeded workflows use no other).
/// </summary>
internal static class ConcurrencyGroups
{
    /// <summary>The group of a run: the input field an "input.x" expression names, else the expression itself.</summary>
    public static string KeyOf(string expression, string inputJson)
    {
        if (!expression.StartsWith("input.", StringComparison.Ordinal)) return expression;
        try
        {
            using var doc = JsonDocument.Parse(inputJson);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(expression["input.".Length..], out var value)
                ? value.ToString()
                : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    /// <summary>True when the task's run may not start because its group already has MaxRuns runs on workers.</summary>
    public static bool IsHeld(TaskRecord task, IReadOnlyList<WorkerRecord> workers)
    {
        var run = task.Run;
        if (run.Version.Concurrency is not { Scope: ConcurrencyScope.WORKFLOW } concurrency) return false;
        if (concurrency.Strategy is not (ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN or ConcurrencyLimitStrategy.QUEUE_NEWEST)) return false;
        foreach (var other in run.Tasks)
        {
            if (other != task && other.StartedAt is not null) return false; // the run already holds its place
        }

        var running = new HashSet<RunRecord>();
        foreach (var worker in workers)
        {
            foreach (var t in worker.RunningTasks)
            {
                if (t.Run != run && t.Run.Workflow == run.Workflow && t.Run.ConcurrencyKey == run.ConcurrencyKey) running.Add(t.Run);
            }
        }
        return running.Count >= concurrency.MaxRuns;
    }
}
