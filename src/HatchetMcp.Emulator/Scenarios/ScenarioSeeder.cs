using HatchetMcp.Emulator.Engine;
using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Scenarios;

/// <summary>A seeded store, the engine that keeps it alive, and the facts tests need.</summary>
public sealed record SeededScenario(EmulatorStore Store, EmulatorEngine Engine, ScenarioFacts Facts);

/// <summary>Builds the named scenario ("realistic" or "empty") deterministically from a seed, a scale and "now".</summary>
public static class ScenarioSeeder
{
    public const string Realistic = "realistic";
    public const string Empty = "empty";
    public static readonly IReadOnlyList<string> Names = [Realistic, Empty];
    /// <summary>Runs seeded in the default tenant when no scale is given.</summary>
    public const int DefaultScale = 3000;

    /// <summary>Throws ArgumentException for an unknown scenario name or a negative scale.</summary>
    public static SeededScenario Seed(string scenario, int seed, int? scale, DateTimeOffset now) =>
        throw new NotImplementedException();
}
