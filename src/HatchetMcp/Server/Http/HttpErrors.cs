using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace HatchetMcp.Server.Http;

/// <summary>Writes the transport's refusals: a status and a short JSON-RPC-shaped message, nothing more.</summary>
internal static class HttpErrors
{
    /// <summary>JSON-RPC's "invalid request"; the HTTP status says which kind.</summary>
    private const int InvalidRequest = -32600;

    /// <summary>JSON-RPC's "internal error".</summary>
    private const int InternalError = -32603;

    public static Task WriteAsync(HttpContext context, int status, string message, CancellationToken cancellationToken = default)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var answer = new HttpErrorAnswer { Error = new HttpErrorDetail(status >= 500 ? InternalError : InvalidRequest, message) };
        return context.Response.WriteAsync(JsonSerializer.Serialize(answer, HttpJsonContext.Default.HttpErrorAnswer), cancellationToken);
    }
}
