using System.Buffers;
using System.Net;

namespace HatchetMcp.Hatchet;

/// <summary>
/// Reads the whole body inside the resilience pipeline, so a connection cut mid-body counts as a transport error
/// (retried for GETs) and the body read is covered by the timeouts. Caps the size of an answer. The body is kept in a
/// pooled buffer, returned when the response is disposed: a page of runs is ~90 KB, and a fresh array per call would
/// be a large-object allocation on every list_runs.
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
            var original = response.Content;
            var body = await PooledBody.ReadAsync(original, MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            response.Content = body;
            foreach (var header in original.Headers)
            {
                body.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            original.Dispose();
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }
}

/// <summary>A response body held in an array rented from the shared pool; disposing the content returns it.</summary>
internal sealed class PooledBody : HttpContent
{
    private byte[]? _buffer;
    private readonly int _length;

    private PooledBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    /// <summary>The body's bytes; valid until the content (or its response) is disposed.</summary>
    public ReadOnlySpan<byte> Span => (_buffer ?? throw new ObjectDisposedException(nameof(PooledBody))).AsSpan(0, _length);

    public static async Task<PooledBody> ReadAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(content.Headers.ContentLength is { } known and > 0 and < int.MaxValue
                ? (int)Math.Min(known + 1, maxBytes + 1)
                : 16 * 1024);
            var length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        buffer = Grow(buffer, length);
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return new PooledBody(buffer, length);
                    }

                    length += read;
                    if (length > maxBytes)
                    {
                        throw new HttpRequestException(HttpRequestError.ConfigurationLimitExceeded,
                            $"The answer is larger than {maxBytes / (1024 * 1024)} MB; narrow the request.");
                    }
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // A connection cut mid-body: a transport error, as HttpContent's own buffering reports it, so reads are
                // retried and the client says the server could not be reached.
                ArrayPool<byte>.Shared.Return(buffer);
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "The connection ended while the answer was being read.", e);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }
    }

    private static byte[] Grow(byte[] buffer, int length)
    {
        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync((_buffer ?? throw new ObjectDisposedException(nameof(PooledBody))).AsMemory(0, _length), cancellationToken).AsTask();

    protected override Task<Stream> CreateContentReadStreamAsync() =>
        Task.FromResult<Stream>(new MemoryStream(_buffer ?? throw new ObjectDisposedException(nameof(PooledBody)), 0, _length, writable: false));

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        base.Dispose(disposing);
    }
}
