using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Scenarios;

/// <summary>A small seeded generator (SplitMix64), identical on every platform and runtime version.</summary>
internal sealed class SeedRandom(ulong seed)
{
    private ulong _state = seed;

    public double NextDouble() => SplitMix.Unit(SplitMix.Next(ref _state));

    public int Next(int maxExclusive) => (int)(NextDouble() * maxExclusive);

    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public TimeSpan Between(TimeSpan min, TimeSpan max) => min + (max - min) * NextDouble();

    /// <summary>Picks an index by relative weight.</summary>
    public int PickWeighted(IReadOnlyList<double> weights)
    {
        var x = NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Count; i++)
        {
            if (x < weights[i]) return i;
            x -= weights[i];
        }
        return weights.Count - 1;
    }
}
