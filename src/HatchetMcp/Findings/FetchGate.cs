using System.Globalization;

namespace HatchetMcp.Findings;

/// <summary>
/// How many Hatchet requests the findings layer has in flight at once, shared by every tool call so that one wide
/// scan cannot flood Hatchet (default <see cref="DefaultLimit"/>). Gate single requests only, never an operation that
/// itself waits on the gate, or a full gate would wait on itself.
/// </summary>
public sealed class FetchGate : IDisposable
{
    /// <summary>Environment variable that overrides <see cref="Limit"/>.</summary>
    public const string EnvironmentVariable = "HATCHET_MCP_MAX_CONCURRENCY";

    public const int DefaultLimit = 4;
    public const int MinimumLimit = 1;
    public const int MaximumLimit = 32;

    private readonly SemaphoreSlim _slots;

    public FetchGate(int limit = DefaultLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, MinimumLimit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaximumLimit);
        Limit = limit;
        _slots = new SemaphoreSlim(limit, limit);
    }

    /// <summary>Requests allowed in flight at once.</summary>
    public int Limit { get; }

    /// <summary>Runs one request once a slot is free; the slot is given back however the request ends.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await request(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Runs one request per item through the gate, all started at once and at most <see cref="Limit"/> in flight; results in item order.</summary>
    public Task<TResult[]> EachAsync<TItem, TResult>(IEnumerable<TItem> items, Func<TItem, CancellationToken, Task<TResult>> request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(request);
        return Task.WhenAll(items.Select(item => RunAsync(ct => request(item, ct), cancellationToken)));
    }

    /// <summary>
    /// Reads HATCHET_MCP_MAX_CONCURRENCY (1 to 32). The default gate when unset; an unusable value yields an error line
    /// for the caller to print (and exit 2), never an exception.
    /// </summary>
    public static FetchGate FromEnvironment(IReadOnlyDictionary<string, string?> environment, out string? error)
    {
        ArgumentNullException.ThrowIfNull(environment);
        error = null;
        if (!environment.TryGetValue(EnvironmentVariable, out var raw) || string.IsNullOrWhiteSpace(raw))
        {
            return new FetchGate();
        }

        if (!int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ||
            limit is < MinimumLimit or > MaximumLimit)
        {
            error = $"{EnvironmentVariable} must be a whole number of requests from {MinimumLimit} to {MaximumLimit} (e.g. {DefaultLimit}), got '{raw.Trim()}'.";
            return new FetchGate();
        }

        return new FetchGate(limit);
    }

    public void Dispose() => _slots.Dispose();
}
