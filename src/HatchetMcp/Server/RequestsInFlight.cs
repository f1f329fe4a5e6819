using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;

namespace HatchetMcp.Server;

/// <summary>
/// Requests read from stdin against requests finished. The SDK ends the session, and drops every answer not yet
/// written, as soon as its input ends; a client that writes its requests and closes stdin at once (a script piping a
/// file, <c>printf ... | hatchet-mcp</c>) would get no answer at all. stdio therefore reports the end of its input only
/// once every request it read has been answered (or has ended without an answer, as a cancelled one does).
/// </summary>
public sealed class RequestsInFlight
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(5);

    private readonly ConcurrentDictionary<RequestId, byte> _finished = new();
    private readonly ArrayBufferWriter<byte> _partialLine = new();
    private long _requestsRead;

    /// <summary>Requests read from the input so far.</summary>
    public long RequestsRead => Interlocked.Read(ref _requestsRead);

    /// <summary>Distinct requests answered or ended so far.</summary>
    public int RequestsFinished => _finished.Count;

    /// <summary>
    /// Takes the next bytes of input, as they arrive (a line may be split across chunks), and counts each complete line
    /// that is a JSON-RPC request: an object with a method and an id. One reader calls this; it is not thread-safe.
    /// </summary>
    public void Read(ReadOnlySpan<byte> chunk)
    {
        for (var newline = chunk.IndexOf((byte)'\n'); newline >= 0; newline = chunk.IndexOf((byte)'\n'))
        {
            if (_partialLine.WrittenCount == 0)
            {
                CountLine(chunk[..newline]);
            }
            else
            {
                _partialLine.Write(chunk[..newline]);
                CountLine(_partialLine.WrittenSpan);
                _partialLine.ResetWrittenCount();
            }

            chunk = chunk[(newline + 1)..];
        }

        _partialLine.Write(chunk);
    }

    /// <summary>The input ended: a last line without its newline still counts (the SDK reads it too).</summary>
    public void EndOfInput()
    {
        CountLine(_partialLine.WrittenSpan);
        _partialLine.ResetWrittenCount();
    }

    private void CountLine(ReadOnlySpan<byte> line)
    {
        if (IsRequest(line))
        {
            Interlocked.Increment(ref _requestsRead);
        }
    }

    internal void Finished(RequestId id) => _finished.TryAdd(id, 0);

    /// <summary>Returns once every request read has finished, or after <paramref name="limit"/> at most.</summary>
    public async Task WhenAllAnsweredAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (RequestsFinished < RequestsRead && clock.Elapsed < limit)
        {
            await Task.Delay(PollEvery, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsRequest(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            bool hasId = false, hasMethod = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                hasId |= reader.ValueTextEquals("id"u8);
                hasMethod |= reader.ValueTextEquals("method"u8);
                reader.Read();
                reader.Skip();
            }

            return hasId && hasMethod;
        }
        catch (JsonException)
        {
            return false; // the SDK drops a line it cannot parse; nothing will answer it
        }
    }
}

public static class RequestsInFlightRegistration
{
    /// <summary>Marks a request finished when its answer has been handed to the transport, or when its handling ends.</summary>
    public static IMcpServerBuilder TrackRequestsInFlight(this IMcpServerBuilder builder, RequestsInFlight requests)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(requests);
        return builder.WithMessageFilters(filters => filters
            .AddIncomingFilter(next => async (context, cancellationToken) =>
            {
                try
                {
                    await next(context, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    if (context.JsonRpcMessage is JsonRpcRequest request)
                    {
                        requests.Finished(request.Id);
                    }
                }
            })
            .AddOutgoingFilter(next => async (context, cancellationToken) =>
            {
                await next(context, cancellationToken).ConfigureAwait(false);
                if (context.JsonRpcMessage is JsonRpcResponse or JsonRpcError)
                {
                    requests.Finished(((JsonRpcMessageWithId)context.JsonRpcMessage).Id);
                }
            }));
    }
}
