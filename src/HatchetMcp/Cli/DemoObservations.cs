using System.Text.Json;

namespace HatchetMcp.Cli;

/// <summary>The structured answers the demo's conclusion is drawn from.</summary>
internal sealed record DemoObservations
{
    /// <summary>The window the failures were summarised over, as passed to summarize_failures (e.g. "24h").</summary>
    public required string Window { get; init; }

    /// <summary>summarize_failures over the window.</summary>
    public required JsonElement Failures { get; init; }

    /// <summary>diagnose_run of the failing workflow's newest failure; null when nothing failed.</summary>
    public JsonElement? Diagnosis { get; init; }

    /// <summary>find_stuck_runs with its defaults.</summary>
    public required JsonElement Stuck { get; init; }

    /// <summary>get_run of the replayed run, as last asked; null when nothing was replayed.</summary>
    public JsonElement? ReplayedRun { get; init; }
}
