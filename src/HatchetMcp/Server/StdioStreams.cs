namespace HatchetMcp.Server;

/// <summary>
/// The two ends of the stdio transport. The SDK writes each message as two writes (the JSON, then its newline) and a
/// flush; straight onto the pipe they are two syscalls, and a client that wakes on the first finds no line end and must
/// sleep and wake again. Buffering stdout until the flush hands the client one whole line per message.
/// </summary>
internal static class StdioStreams
{
    /// <summary>Messages up to this size go out in one write; larger ones still go out whole, in more than one.</summary>
    public const int OutputBufferBytes = 64 * 1024;

    /// <summary>
    /// stdin; at its end, or once <paramref name="stop"/> fires (SIGTERM, Ctrl+C), waits (up to <paramref name="drainLimit"/>)
    /// until every request read has been answered.
    /// </summary>
    public static Stream Input(RequestsInFlight requests, TimeSpan drainLimit, CancellationToken stop) =>
        new CancellableInputStream(Console.OpenStandardInput(), requests, drainLimit, stop);

    public static Stream Output() => new BufferedStream(Console.OpenStandardOutput(), OutputBufferBytes);

    /// <summary>
    /// stdin whose reads end when cancelled (the console stream ignores cancellation tokens, and a read parked in the
    /// kernel would otherwise hold the server's shutdown until the client writes again), which counts the requests it
    /// passes on, and whose end is reported only once those requests are answered: the SDK ends the session, dropping
    /// unwritten answers, at end of input.
    /// </summary>
    private sealed class CancellableInputStream(Stream inner, RequestsInFlight requests, TimeSpan drainLimit, CancellationToken stop) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int count;
            try
            {
                using var readOrStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop);
                count = await inner.ReadAsync(buffer, readOrStop.Token).AsTask().WaitAsync(readOrStop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // A stop signal ends the input as a closed stdin does: requests already read still get their answers,
                // instead of being cut off mid-call (with the SDK logging each cut-off as a failed handler).
                count = 0;
            }

            if (count > 0)
            {
                requests.Read(buffer.Span[..count]);
                return count;
            }

            requests.EndOfInput();
            await requests.WhenAllAnsweredAsync(drainLimit, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
