using System.Collections.Concurrent;

namespace HatchetMcp.Tests.Safety;

/// <summary>
/// Every request the server's Hatchet client sends, with its body, recorded on the way out: an independent witness of
/// what a write sent (the emulator's log has no bodies).
/// </summary>
public sealed class SentRequests
{
    private readonly ConcurrentQueue<(string Method, string Path, string Body)> _sent = new();

    public IReadOnlyList<(string Method, string Path, string Body)> All => [.. _sent];

    /// <summary>Everything but GET: what could change live state.</summary>
    public IReadOnlyList<(string Method, string Path, string Body)> Mutating => [.. _sent.Where(r => r.Method != "GET")];

    /// <summary>A fresh handler for each chain the client factory builds (a handler may sit in one chain only).</summary>
    public DelegatingHandler Handler() => new Recorder(_sent);

    private sealed class Recorder(ConcurrentQueue<(string Method, string Path, string Body)> sent) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            sent.Enqueue((request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty, body));
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
