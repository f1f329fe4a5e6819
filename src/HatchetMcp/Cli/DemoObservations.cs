using System.Text.Json;

namespace HatchetMcp.Cli;

/// <summary>The structured answers the demo's conclusion is drawn from.</summary>
internal sealed record DemoObservations
{
    /// <summary>The window the failures were listed over, as passed to list_runs (e.g. "24h").</summary>
    public required string Window { get; init; }

    /// <summary>list_runs of FAILED runs in the window.</summary>
    public required JsonElement FailedRuns { get; init; }

    /// <summary>list_runs of the failing workflow's COMPLETED runs in the window, newest first; null when not asked.</summary>
    public JsonElement? LastSuccess { get; init; }

    /// <summary>
    /// list_runs of the failing workflow's FAILED runs since its last success (or over the window when it had none),
    /// one row: its page says how many there are.
    /// </summary>
    public JsonElement? FailuresSinceLastSuccess { get; init; }

    /// <summary>The same list's last row: the first failure since the last success.</summary>
    public JsonElement? FirstFailureSinceLastSuccess { get; init; }

    /// <summary>list_workers.</summary>
    public required JsonElement Workers { get; init; }

    /// <summary>get_queue_metrics.</summary>
    public required JsonElement QueueMetrics { get; init; }

    /// <summary>get_run of the replayed run, as last asked; null when nothing was replayed.</summary>
    public JsonElement? ReplayedRun { get; init; }
}
