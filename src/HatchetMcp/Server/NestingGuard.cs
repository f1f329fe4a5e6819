using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HatchetMcp.Server;

/// <summary>
/// The SDK's transport parses each request with System.Text.Json's default limit of 64 levels and answers a deeper one
/// with a bare "Failed to parse the JSON-RPC request." before any of our code runs. Reading the input line by line
/// first, a tools/call nested deeper than that is replaced by one the SDK can parse: the same id and tool, no
/// arguments, and the problem in <c>_meta</c>, which <see cref="ToolCallScreen"/> turns into a tool error naming the
/// argument. Every other line passes unchanged.
/// </summary>
internal static class NestingGuard
{
    /// <summary>The depth the SDK's JSON reader accepts for a whole request.</summary>
    public const int RequestDepthLimit = 64;

    /// <summary>An argument's value sits inside the request, its params and its arguments object.</summary>
    public const int ArgumentDepthLimit = RequestDepthLimit - 3;

    private const string ProblemKey = "hatchet-mcp/nesting-problem";

    public static Stream Wrap(Stream input) => new GuardedInput(input);

    /// <summary>The problem a rewritten request carries, or null for an ordinary one.</summary>
    public static string? ProblemIn(JsonObject parameters) =>
        parameters["_meta"] is JsonObject meta && meta[ProblemKey] is JsonValue problem && problem.GetValueKind() == JsonValueKind.String
            ? problem.GetValue<string>()
            : null;

    /// <summary>The replacement for a too-deep tools/call line, or null to pass <paramref name="line"/> on unchanged.</summary>
    internal static byte[]? Rewrite(ReadOnlySpan<byte> line)
    {
        // Cheap exclusion: a line with no more than the limit of opening brackets cannot be nested beyond it.
        if (line.Count((byte)'[') + line.Count((byte)'{') <= RequestDepthLimit || Depth(line) <= RequestDepthLimit)
        {
            return null;
        }

        try
        {
            using var request = JsonDocument.Parse(line.ToArray(), new JsonDocumentOptions { MaxDepth = int.MaxValue });
            var root = request.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("id", out var id) || id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number)
                || !root.TryGetProperty("method", out var method) || !method.ValueEquals("tools/call")
                || !root.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object
                || !parameters.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            return Replacement(id, name, Problem(parameters));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return null; // not JSON, or names not readable as text: the SDK's own answer stands
        }
    }

    private static string Problem(JsonElement parameters)
    {
        if (parameters.TryGetProperty("arguments", out var arguments) && arguments.ValueKind == JsonValueKind.Object)
        {
            foreach (var argument in arguments.EnumerateObject())
            {
                var depth = Depth(Encoding.UTF8.GetBytes(argument.Value.GetRawText()));
                if (depth > ArgumentDepthLimit)
                {
                    return $"{argument.Name} is nested {depth} levels deep; a value may nest at most {ArgumentDepthLimit} levels " +
                           $"(the protocol reader stops at {RequestDepthLimit} for the whole request). Send a flatter value " +
                           "(a JSON-valued argument such as input also accepts a string holding the JSON).";
                }
            }
        }

        return $"arguments must be a JSON object of argument names to values, nested at most {ArgumentDepthLimit} levels deep; " +
               $"this request is nested beyond the {RequestDepthLimit} levels the protocol reader accepts.";
    }

    private static byte[] Replacement(JsonElement id, JsonElement name, string problem)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WritePropertyName("id");
            id.WriteTo(writer);
            writer.WriteString("method", "tools/call");
            writer.WriteStartObject("params");
            writer.WritePropertyName("name");
            name.WriteTo(writer);
            writer.WriteStartObject("arguments");
            writer.WriteEndObject();
            writer.WriteStartObject("_meta");
            writer.WriteString(ProblemKey, problem);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>How many levels of arrays and objects the JSON text nests (0 for a scalar); 0 for text that is not JSON.</summary>
    private static int Depth(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = int.MaxValue });
        var deepest = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
                {
                    deepest = Math.Max(deepest, reader.CurrentDepth + 1);
                }
            }
        }
        catch (JsonException)
        {
            return 0;
        }

        return deepest;
    }

    /// <summary>Hands the SDK whole lines, each either unchanged or rewritten.</summary>
    private sealed class GuardedInput(Stream inner) : Stream
    {
        private readonly ArrayBufferWriter<byte> _partialLine = new();
        private readonly byte[] _chunk = new byte[16 * 1024];
        private byte[] _ready = [];
        private int _readyOffset;
        private bool _ended;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_readyOffset == _ready.Length)
            {
                if (_ended)
                {
                    return 0;
                }

                var count = await inner.ReadAsync(_chunk, cancellationToken).ConfigureAwait(false);
                _ready = count > 0 ? Take(_chunk.AsSpan(0, count)) : Finish();
                _readyOffset = 0;
                _ended = count == 0;
            }

            var copied = Math.Min(buffer.Length, _ready.Length - _readyOffset);
            _ready.AsSpan(_readyOffset, copied).CopyTo(buffer.Span);
            _readyOffset += copied;
            return copied;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        /// <summary>The complete lines in <paramref name="chunk"/> (with what came before), each guarded; keeps the rest.</summary>
        private byte[] Take(ReadOnlySpan<byte> chunk)
        {
            var output = new ArrayBufferWriter<byte>(chunk.Length + _partialLine.WrittenCount);
            for (var newline = chunk.IndexOf((byte)'\n'); newline >= 0; newline = chunk.IndexOf((byte)'\n'))
            {
                _partialLine.Write(chunk[..(newline + 1)]);
                Guard(_partialLine.WrittenSpan, output);
                _partialLine.ResetWrittenCount();
                chunk = chunk[(newline + 1)..];
            }

            _partialLine.Write(chunk);
            return output.WrittenSpan.ToArray();
        }

        /// <summary>At end of input, a last line without its newline.</summary>
        private byte[] Finish()
        {
            var output = new ArrayBufferWriter<byte>(_partialLine.WrittenCount + 1);
            if (_partialLine.WrittenCount > 0)
            {
                Guard(_partialLine.WrittenSpan, output);
                _partialLine.ResetWrittenCount();
            }

            return output.WrittenSpan.ToArray();
        }

        private static void Guard(ReadOnlySpan<byte> line, ArrayBufferWriter<byte> output)
        {
            if (Rewrite(line) is { } replacement)
            {
                output.Write(replacement);
                if (line.EndsWith("\n"u8))
                {
                    output.Write("\n"u8);
                }
            }
            else
            {
                output.Write(line);
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
