using System.Runtime;
using HatchetMcp.Emulator.Engine;
using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Scenarios;

/// <summary>A seeded store, the engine that keeps it alive (already advanced to "now"), and the facts tests need.</summary>
public sealed record SeededScenario(EmulatorStore Store, EmulatorEngine Engine, ScenarioFacts Facts);

/// <summary>Builds the named scenario ("realistic" or "empty") deterministically from a seed, a scale and "now".</summary>
public static class ScenarioSeeder
{
    public const string Realistic = "realistic";
    public const string Empty = "empty";
    public static readonly IReadOnlyList<string> Names = [Realistic, Empty];
    /// <summary>Runs seeded in the default tenant when no scale is given.</summary>
    public const int DefaultScale = 3000;

    /// <summary>
    /// "realistic": two tenants, 48 hours of history (about <paramref name="scale"/> runs in the default tenant, never
    /// fewer than the ~60 the story needs: its
    /// crons, schedules, stuck run, report backlog and sample runs). "empty": the same workflows, workers and rate limits, no runs,
    /// crons, schedules or events. Throws <see cref="ArgumentException"/> for an unknown name or a negative scale.
    /// <see cref="ScenarioFacts.OtherTenantToken"/> is left empty for the host to fill.
    /// </summary>
    public static SeededScenario Seed(string scenario, int seed, int? scale, DateTimeOffset now)
    {
        if (scale < 0) throw new ArgumentException($"scale must not be negative, got {scale}", nameof(scale));
        if (!Names.Contains(scenario, StringComparer.Ordinal))
        {
            throw new ArgumentException($"unknown scenario '{scenario}' (expected one of: {string.Join(", ", Names)})", nameof(scenario));
        }
        EnterSeeding();
        try
        {
            var (store, engine, facts) = RealisticScenario.Seed(seed, scale ?? DefaultScale, now, withRuns: scenario == Realistic);
            return new SeededScenario(store, engine, facts);
        }
        finally
        {
            LeaveSeeding();
        }
    }

    // Seeding builds a large, long-lived object graph quickly; blocking gen2 collections only slow that down. The
    // process-wide latency mode is switched while any seeding runs (seeders may run in parallel in tests).
    private static readonly Lock LatencyLock = new();
    private static int _seeding;
    private static GCLatencyMode _savedLatency;

    private static void EnterSeeding()
    {
        lock (LatencyLock)
        {
            if (_seeding++ > 0) return;
            _savedLatency = GCSettings.LatencyMode;
            GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        }
    }

    private static void LeaveSeeding()
    {
        lock (LatencyLock)
        {
            if (--_seeding == 0) GCSettings.LatencyMode = _savedLatency;
        }
    }

    /// <summary>The tenant of the facts' default tenant id.</summary>
    public static TenantData DefaultTenant(this SeededScenario scenario) =>
        scenario.Store.TryGetTenant(scenario.Facts.TenantId, out var t) ? t : throw new InvalidOperationException("no default tenant");
}
