namespace HatchetMcp.Hatchet;

/// <summary>
/// Reads the whole body inside the resilience pipeline, so a connection cut mid-body counts as a transport error
/// (retried for GETs) and the body read is covered by the timeouts. Caps the size of an answer.
/// </summary>
internal sealed class BufferingHandler : DelegatingHandler
{
    internal const long MaxResponseBytes = 32L * 1024 * 1024;

    public BufferingHandler() { }

    public BufferingHandler(HttpMessageHandler inner) : base(inner) { }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }
        return response;
    }
}
