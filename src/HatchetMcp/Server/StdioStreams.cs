namespace HatchetMcp.Server;

/// <summary>
/// The two ends of the stdio transport. The SDK writes each message as two writes (the JSON, then its newline) and a
/// flush; straight onto the pipe they are two syscalls, and a client that wakes on the first finds no line end and must
/// sleep and wake again. Buffering stdout until the flush hands the client one whole line per message.
/// </summary>
internal static class StdioStreams
{
    /// <summary>Messages up to this size go out in one write; larger ones still go out whole, in more than one.</summary>
    public const int OutputBufferBytes = 1 << 20;

    public static Stream Input() => new CancellableInputStream(Console.OpenStandardInput());

    public static Stream Output() => new BufferedStream(Console.OpenStandardOutput(), OutputBufferBytes);

    /// <summary>
    /// stdin whose reads end when cancelled: the console stream ignores cancellation tokens, and a read parked in the
    /// kernel would otherwise hold the server's shutdown until the client writes again.
    /// </summary>
    private sealed class CancellableInputStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = inner.ReadAsync(buffer, cancellationToken);
            return read.IsCompletedSuccessfully ? read : new ValueTask<int>(read.AsTask().WaitAsync(cancellationToken));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
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
