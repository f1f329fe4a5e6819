using HatchetMcp.Hatchet;

namespace HatchetMcp.Server.Http;

/// <summary>
/// Whether Hatchet answers this server's token: one cheap authenticated GET (the tenant), its verdict kept a few seconds
/// so probes from many places cost Hatchet one request per interval. The reason never carries the token.
/// </summary>
internal sealed class HatchetReadiness(HatchetSettings settings, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private ReadinessAnswer? _last;
    private DateTimeOffset _checkedAt;

    public async Task<ReadinessAnswer> CheckAsync(IHatchetClient client, CancellationToken cancellationToken)
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

            var answer = await AskAsync(client, cancellationToken).ConfigureAwait(false);
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

    private async Task<ReadinessAnswer> AskAsync(IHatchetClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.GetTenantAsync(cancellationToken).ConfigureAwait(false);
            return new ReadinessAnswer("ready");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            var reason = settings.Token.Scrub(exception.Message.ReplaceLineEndings(" "));
            return new ReadinessAnswer("not_ready", $"Hatchet at {settings.ApiBase} did not answer the tenant request: {(reason.Length > 300 ? reason[..300] + "…" : reason)}");
        }
    }
}
