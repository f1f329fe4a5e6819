using HatchetMcp.Hatchet;

namespace HatchetMcp.Server.Http;

/// <summary>One Hatchet connection /readyz asks: the profile's name (null with a single connection), its settings, its client.</summary>
internal sealed record ReadinessTarget(string? Profile, HatchetSettings Settings, IHatchetClient Client);

/// <summary>
/// Whether Hatchet answers every connection this server serves: one cheap authenticated GET (the tenant) per profile,
/// asked together, the verdict kept a few seconds so probes from many places cost Hatchet one request per profile per
/// interval. Ready only when every profile answers; the reason names each one that did not, never with a token.
/// </summary>
internal sealed class HatchetReadiness(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private ReadinessAnswer? _last;
    private DateTimeOffset _checkedAt;

    public async Task<ReadinessAnswer> CheckAsync(IReadOnlyList<ReadinessTarget> targets, CancellationToken cancellationToken)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another probe may have refreshed it while this one waited.
            if (Fresh() is { } refreshed)
            {
                return refreshed;
            }

            var problems = await Task.WhenAll(targets.Select(target => ProblemAsync(target, cancellationToken))).ConfigureAwait(false);
            var failing = problems.OfType<string>().ToList();
            var answer = failing.Count == 0 ? new ReadinessAnswer("ready") : new ReadinessAnswer("not_ready", string.Join("; ", failing));
            _last = answer;
            _checkedAt = clock.GetUtcNow();
            return answer;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private ReadinessAnswer? Fresh() => _last is not null && clock.GetUtcNow() - _checkedAt < CacheFor ? _last : null;

    /// <summary>Null when the target's Hatchet answers; else why not, without its token.</summary>
    private static async Task<string?> ProblemAsync(ReadinessTarget target, CancellationToken cancellationToken)
    {
        try
        {
            await target.Client.GetTenantAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            var reason = target.Settings.Token.Scrub(exception.Message.ReplaceLineEndings(" "));
            var who = target.Profile is null ? string.Empty : $"profile {target.Profile}: ";
            return $"{who}Hatchet at {target.Settings.ApiBase} did not answer the tenant request: {(reason.Length > 300 ? reason[..300] + "…" : reason)}";
        }
    }
}
