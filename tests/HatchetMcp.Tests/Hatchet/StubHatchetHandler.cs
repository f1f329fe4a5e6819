using HatchetMcp.Hatchet;
using Xunit;
using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace HatchetMcp.Tests.Hatchet;

/// <summary>One request as the stub saw it (the body read at send time).</summary>
internal sealed record SeenRequest(HttpMethod Method, Uri Uri, string? Body, string? Authorization, DateTimeOffset At)
{
    /// <summary>The body's Content-Length as the client announced it before sending (null: it would go out chunked).</summary>
    public long? ContentLength { get; init; }

    /// <summary>The body's Content-Type header, exactly as sent.</summary>
    public string? ContentType { get; init; }

    /// <summary>Every value of a query key, decoded, in order.</summary>
    public IReadOnlyList<string> Query(string key) =>
        Uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(parts => Uri.UnescapeDataString(parts[0]) == key)
            .Select(parts => Uri.UnescapeDataString(parts.Length > 1 ? parts[1] : ""))
            .ToList();
}

/// <summary>
/// A scripted HttpMessageHandler: each request is answered by the next responder (the last one repeats), and every
/// request is recorded. Responders get the caller's cancellation token, so a test can see it cancelled.
/// </summary>
internal sealed class StubHatchetHandler(TimeProvider? time = null) : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? _last;
    private readonly ConcurrentQueue<SeenRequest> _seen = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public IReadOnlyList<SeenRequest> Requests => _seen.ToArray();

    public StubHatchetHandler Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> responder)
    {
        _script.Enqueue(responder);
        return this;
    }

    public StubHatchetHandler ThenRespond(Func<HttpRequestMessage, HttpResponseMessage> responder) =>
        Then((request, _) => Task.FromResult(responder(request)));

    public StubHatchetHandler ThenJson(HttpStatusCode status, string json, Action<HttpResponseMessage>? edit = null) =>
        ThenRespond(_ =>
        {
            var response = Json(status, json);
            edit?.Invoke(response);
            return response;
        });

    public StubHatchetHandler ThenThrow(Exception exception) =>
        Then((_, _) => Task.FromException<HttpResponseMessage>(exception));

    /// <summary>Never answers; completes only when the request is cancelled (by the caller or a timeout).</summary>
    public StubHatchetHandler ThenHang(Action<CancellationToken>? onCancelled = null) =>
        Then(async (_, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }
            catch (OperationCanceledException)
            {
                onCancelled?.Invoke(ct);
                throw;
            }
            throw new InvalidOperationException("unreachable");
        });

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The length is read before the body: reading it would buffer the content and so give it a length.
        var length = request.Content?.Headers.ContentLength;
        var type = request.Content?.Headers.ContentType?.ToString();
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        _seen.Enqueue(new SeenRequest(request.Method, request.RequestUri!, body, request.Headers.Authorization?.ToString(), _time.GetUtcNow())
        {
            ContentLength = length,
            ContentType = type,
        });
        if (_script.TryDequeue(out var next)) _last = next;
        if (_last is null) throw new InvalidOperationException("The stub has no scripted answer.");
        return await _last(request, cancellationToken);
    }
}
