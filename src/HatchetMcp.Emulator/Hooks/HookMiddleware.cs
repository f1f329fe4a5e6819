using System.Text;
using Microsoft.AspNetCore.Http;

namespace HatchetMcp.Emulator.Hooks;

/// <summary>
/// Outermost middleware: records every request (except the /_emulator/* hooks) and applies injected faults
/// before the request reaches routing.
/// </summary>
internal sealed class HookMiddleware(EmulatorTestHooks hooks, TimeProvider time)
{
    public const string HookPrefix = "/_emulator";

    private const string HtmlPage =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n" +
        "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        string path = http.Request.Path.Value ?? "/";
        if (path.StartsWith(HookPrefix, StringComparison.Ordinal))
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        string query = http.Request.QueryString.HasValue ? http.Request.QueryString.Value![1..] : "";
        // A late-served request swaps in a token that never fires; the log must still see the client's abort.
        CancellationToken clientAborted = http.RequestAborted;
        DateTimeOffset at = time.GetUtcNow();
        FaultSpec? fault = hooks.TakeFault(http.Request.Method, path);
        int recorded = 0;
        void Record(int status)
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                hooks.Record(new RecordedRequest(http.Request.Method, path, query, status, at));
            }
        }

        // Record as the response starts, before the client can see it: a client that reads the log right after
        // its last answer must find that request there. A dropped request never starts a response, and its client
        // sees the reset at once, so it is recorded before the connection is aborted.
        if (fault?.Kind == FaultKind.Drop)
        {
            Record(0);
        }

        http.Response.OnStarting(() =>
        {
            Record(fault?.Kind == FaultKind.Drop ? 0 : http.Response.StatusCode);
            return Task.CompletedTask;
        });
        try
        {
            if (fault is null)
            {
                await next(http).ConfigureAwait(false);
            }
            else
            {
                await ApplyAsync(fault, http, next).ConfigureAwait(false);
            }
        }
        finally
        {
            Record(fault?.Kind == FaultKind.Drop || clientAborted.IsCancellationRequested ? 0 : http.Response.StatusCode);
        }
    }

    private static async Task ApplyAsync(FaultSpec fault, HttpContext http, RequestDelegate next)
    {
        if (fault.ServeFirst && fault.Kind is FaultKind.Status or FaultKind.Drop or FaultKind.Malformed or FaultKind.Html)
        {
            await ServeSilentlyAsync(http, next).ConfigureAwait(false);
            http.Response.Clear();
        }

        switch (fault.Kind)
        {
            case FaultKind.Status:
                http.Response.StatusCode = fault.Status;
                if (fault.RetryAfterSeconds is { } retryAfter)
                {
                    http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                if (!string.IsNullOrEmpty(fault.Body))
                {
                    string trimmed = fault.Body.TrimStart();
                    http.Response.ContentType = trimmed.StartsWith('{') || trimmed.StartsWith('[') ? "application/json" : "text/plain; charset=utf-8";
                    await http.Response.WriteAsync(fault.Body, http.RequestAborted).ConfigureAwait(false);
                }

                break;
            case FaultKind.Drop:
                http.Abort();
                break;
            case FaultKind.Truncate:
                await TruncateAsync(http, next).ConfigureAwait(false);
                break;
            case FaultKind.Malformed:
                http.Response.StatusCode = StatusCodes.Status200OK;
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync("{\"rows\":[{\"metadata\":{\"id\":", http.RequestAborted).ConfigureAwait(false);
                break;
            case FaultKind.Html:
                http.Response.StatusCode = StatusCodes.Status502BadGateway;
                http.Response.ContentType = "text/html";
                await http.Response.WriteAsync(HtmlPage, http.RequestAborted).ConfigureAwait(false);
                break;
            case FaultKind.Delay:
                // Wall-clock delay (not the emulator clock): it simulates a slow network, not simulated time.
                await Task.Delay(Math.Max(0, fault.DelayMs), http.RequestAborted).ConfigureAwait(false);
                await next(http).ConfigureAwait(false);
                break;
            case FaultKind.LateServe:
                await LateServeAsync(fault, http, next).ConfigureAwait(false);
                break;
            default:
                await next(http).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Runs the request through the API with its answer kept off the wire (to be replaced by the fault's).</summary>
    private static async Task<byte[]> ServeSilentlyAsync(HttpContext http, RequestDelegate next)
    {
        Stream original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http).ConfigureAwait(false);
        }
        finally
        {
            http.Response.Body = original;
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Reads the whole request, waits, then serves it whatever the client did meanwhile; the answer goes out only if
    /// the client is still there.
    /// </summary>
    private static async Task LateServeAsync(FaultSpec fault, HttpContext http, RequestDelegate next)
    {
        CancellationToken clientAborted = http.RequestAborted;
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, clientAborted).ConfigureAwait(false);
        body.Position = 0;
        http.Request.Body = body;

        // Wall-clock delay, as for Delay; the API then runs as if nobody had left.
        await Task.Delay(Math.Max(0, fault.DelayMs), CancellationToken.None).ConfigureAwait(false);
        http.RequestAborted = CancellationToken.None;
        byte[] answer = await ServeSilentlyAsync(http, next).ConfigureAwait(false);
        http.RequestAborted = clientAborted;
        if (clientAborted.IsCancellationRequested)
        {
            return;
        }

        try
        {
            http.Response.ContentLength = answer.Length;
            await http.Response.Body.WriteAsync(answer, clientAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client left while the answer was going out; the request was served all the same.
        }
    }

    /// <summary>Produces the normal response, announces its full length, sends half of it and aborts.</summary>
    private static async Task TruncateAsync(HttpContext http, RequestDelegate next)
    {
        byte[] full = await ServeSilentlyAsync(http, next).ConfigureAwait(false);
        Stream original = http.Response.Body;
        if (full.Length == 0)
        {
            full = Encoding.UTF8.GetBytes("{\"message\":\"truncated\"}");
        }

        http.Response.ContentLength = full.Length;
        await original.WriteAsync(full.AsMemory(0, Math.Max(1, full.Length / 2)), http.RequestAborted).ConfigureAwait(false);
        await original.FlushAsync(http.RequestAborted).ConfigureAwait(false);
        http.Abort();
    }
}
