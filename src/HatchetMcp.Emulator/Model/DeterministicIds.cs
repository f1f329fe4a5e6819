namespace HatchetMcp.Emulator.Model;

/// <summary>
/// A seeded source of version-4-shaped UUIDs, so the same seed gives the same ids in every process.
/// Not thread-safe: callers hold <see cref="EmulatorStore.Sync"/>.
/// </summary>
public sealed class DeterministicIds
{
    private ulong _state;

    public DeterministicIds(ulong seed) => _state = seed ^ 0x9E3779B97F4A7C15UL;

    public Guid Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, SplitMix.Next(ref _state));
        BitConverter.TryWriteBytes(bytes[8..], SplitMix.Next(ref _state));
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid's little-endian _c field)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}

/// <summary>SplitMix64: a tiny, well-mixed, platform-independent generator and hash.</summary>
public static class SplitMix
{
    public static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A stable hash of several values (never HashCode, which is randomised per process).</summary>
    public static ulong Hash(ulong a, ulong b, ulong c = 0, ulong d = 0) =>
        Mix(Mix(Mix(Mix(a) ^ b) ^ c) ^ d);

    /// <summary>A uniform double in [0, 1) from a hash.</summary>
    public static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));
}
