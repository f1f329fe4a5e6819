using HatchetMcp.Emulator.Model;
using HatchetMcp.Emulator.Scenarios;

namespace HatchetMcp.Emulator.Tests.Engine;

/// <summary>Seeds scenarios at a fixed instant and finds things in them, for the engine's own tests.</summary>
internal static class EngineTestKit
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 15, 30, TimeSpan.Zero);

    public static SeededScenario Empty(int seed = 1) => ScenarioSeeder.Seed(ScenarioSeeder.Empty, seed, null, Now);

    public static SeededScenario Realistic(int seed = 1, int scale = 400) => ScenarioSeeder.Seed(ScenarioSeeder.Realistic, seed, scale, Now);

    public static TenantData Tenant(this SeededScenario s) => s.DefaultTenant();

    public static RunRecord Run(this SeededScenario s, Guid id) =>
        s.Store.TryGetRun(id, out var run) ? run : throw new InvalidOperationException($"no run {id}");

    public static TaskRecord Task(this SeededScenario s, Guid id) =>
        s.Store.TryGetTask(id, out var task) ? task : throw new InvalidOperationException($"no task {id}");

    public static WorkerRecord Worker(this SeededScenario s, Guid id) =>
        s.Store.TryGetWorker(id, out var worker) ? worker : throw new InvalidOperationException($"no worker {id}");

    /// <summary>A compact, comparable picture of a tenant's runs and tasks.</summary>
    public static List<string> Snapshot(TenantData tenant) =>
        tenant.RunsOldestFirst.SelectMany(r => r.Tasks.Select(t =>
            $"{r.ExternalId}/{r.Status}/{r.InsertedAt.UtcTicks}/{t.ExternalId}/{t.Status}/{t.RetryCount}/{t.StartedAt?.UtcTicks}/{t.FinishedAt?.UtcTicks}/{t.WorkerId}/{t.Events.Count}"))
        .ToList();
}
