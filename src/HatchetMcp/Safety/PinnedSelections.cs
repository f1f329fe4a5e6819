using System.Collections.Concurrent;

namespace HatchetMcp.Safety;

/// <summary>
/// The runs a bulk action's filter matched at its preview, kept beside the preview's confirmation token until it is
/// used or expires. The second call repeats the filter, not the ids, and a filter must never be resolved again, so the
/// ids have to come from here. Kept in process rather than in the token: a thousand ids would not fit in an argument an
/// agent copies. Keyed by the token's nonce; the token itself binds the digest of these ids, so a set kept for one token
/// cannot be acted on with another, and a swapped set would fail the token's check.
/// </summary>
public sealed class PinnedSelections(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="runs"/> for <paramref name="token"/> until <paramref name="expiresAt"/>.</summary>
    public void Pin(string token, string tool, IReadOnlyList<PinnedRun> runs, DateTimeOffset expiresAt)
    {
        var now = time.GetUtcNow();
        foreach (var (nonce, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.TryRemove(nonce, out _);
            }
        }

        if (ConfirmationTokens.NonceOf(token) is { } key)
        {
            _entries[key] = new Entry(tool, runs, expiresAt);
        }
    }

    /// <summary>The runs pinned for <paramref name="token"/> by <paramref name="tool"/>; null when none (used, expired, another tool, or not a filter's preview).</summary>
    public IReadOnlyList<PinnedRun>? Find(string token, string tool) =>
        ConfirmationTokens.NonceOf(token) is { } key && _entries.TryGetValue(key, out var entry) && entry.Tool == tool && entry.ExpiresAt > time.GetUtcNow()
            ? entry.Runs
            : null;

    /// <summary>Forgets the runs of a token once it has been used.</summary>
    public void Release(string token)
    {
        if (ConfirmationTokens.NonceOf(token) is { } key)
        {
            _entries.TryRemove(key, out _);
        }
    }

    private sealed record Entry(string Tool, IReadOnlyList<PinnedRun> Runs, DateTimeOffset ExpiresAt);
}
