using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace HatchetMcp.Hatchet;

/// <summary>Turns a non-success answer or a transport failure into a <see cref="HatchetApiException"/> with an actionable message.</summary>
internal sealed class HatchetErrorTranslator(HatchetSettings settings, TimeProvider time)
{
    private const int MaxHatchetMessage = 300;
    private readonly string _base = settings.ApiBase.GetLeftPart(UriPartial.Path).TrimEnd('/');

    public HatchetApiException FromResponse(HttpResponseMessage response, string body, HatchetResource resource)
    {
        var status = (int)response.StatusCode;
        // Scrub before anything is cut: a proxy or backend may echo the token, and a cut fragment no longer matches it whole.
        body = settings.Token.Scrub(body);
        var isHtml = IsHtml(response.Content.Headers.ContentType, body);
        var said = isHtml ? null : ExtractMessage(body);
        var retryAfter = RetryAfterHeader.Read(response, time);
        var quoted = said is null ? "" : $" ({said})";

        var (kind, message) = response.StatusCode switch
        {
            HttpStatusCode.BadRequest => (HatchetErrorKind.BadRequest,
                $"Hatchet rejected the request (400): {said ?? "no reason given"}."),
            HttpStatusCode.Unauthorized => (HatchetErrorKind.Unauthorized,
                $"Hatchet refused the request (401){quoted}: the operation is not allowed with this API token; check {HatchetEnvironmentVariables.Token}."),
            HttpStatusCode.Forbidden => (HatchetErrorKind.Forbidden,
                $"Hatchet refused the request (403{(said is null ? "" : ": " + said)}): token invalid, expired or for another tenant; check {HatchetEnvironmentVariables.Token}{(resource.Kind == "tenant" ? "" : $" and that the {resource.Kind} belongs to your tenant")}."),
            HttpStatusCode.NotFound => (HatchetErrorKind.NotFound, resource.NotFoundMessage),
            HttpStatusCode.TooManyRequests => (HatchetErrorKind.RateLimited,
                retryAfter is { } wait
                    ? $"Hatchet is rate limiting requests (429){quoted}; retry after {Seconds(wait)}."
                    : $"Hatchet is rate limiting requests (429){quoted}; wait a little and retry."),
            _ when status >= 500 => (HatchetErrorKind.ServerError, ServerErrorMessage(status, said, isHtml, retryAfter)),
            _ => (HatchetErrorKind.BadRequest, $"Hatchet answered {status}{quoted}."),
        };

        return new HatchetApiException(kind, settings.Token.Scrub(message), status, retryAfter, said);
    }

    public HatchetApiException Unreachable(HttpRequestException exception)
    {
        var reason = exception.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "the host name does not resolve",
            HttpRequestError.ConnectionError => "the connection was refused or failed",
            HttpRequestError.SecureConnectionError => "the TLS handshake failed",
            HttpRequestError.ResponseEnded => "the connection closed before a complete answer arrived",
            HttpRequestError.InvalidResponse => "the answer was not valid HTTP",
            HttpRequestError.ProxyTunnelError => "the proxy refused the connection",
            _ => "the connection failed",
        };
        return new HatchetApiException(HatchetErrorKind.Unreachable,
            settings.Token.Scrub($"cannot reach Hatchet at {_base}: {reason}; check {HatchetEnvironmentVariables.ApiBase} (or the token's server_url) and that the server is up."),
            innerException: exception,
            neverSent: exception.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
                or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError);
    }

    public HatchetApiException Timeout(Exception? inner) =>
        new(HatchetErrorKind.Timeout,
            $"Hatchet at {_base} did not answer within {Seconds(settings.Timeout)}; narrow the request (smaller window or limit) or raise {HatchetEnvironmentVariables.TimeoutSeconds}.",
            innerException: inner);

    public HatchetApiException InvalidBody(string what, Exception? inner) =>
        new(HatchetErrorKind.InvalidResponse,
            $"Hatchet at {_base} answered {what} with a body that is not the expected JSON; check that {HatchetEnvironmentVariables.ApiBase} points at the Hatchet API.",
            innerException: inner);

    /// <summary>errors[].description, then description, then message, then the raw text; one line, truncated.</summary>
    internal static string? ExtractMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        var trimmed = body.Trim();
        if (trimmed is "null" or "{}") return null;

        if (trimmed.StartsWith('{'))
        {
            try
            {
                var parsed = JsonSerializer.Deserialize(trimmed, HatchetErrorJsonContext.Default.ApiErrorBody);
                var descriptions = parsed?.Errors?
                    .Select(e => e?.Description)
                    .Where(d => !string.IsNullOrWhiteSpace(d))
                    .ToList();
                if (descriptions is { Count: > 0 }) return Shorten(string.Join("; ", descriptions));
                if (!string.IsNullOrWhiteSpace(parsed?.Description)) return Shorten(parsed.Description);
                if (!string.IsNullOrWhiteSpace(parsed?.Message)) return Shorten(parsed.Message);
                if (parsed?.Errors is not null) return null; // {"errors":null} or [] carries no words
            }
            catch (JsonException)
            {
                // Not the JSON it looks like: fall through to the raw text.
            }
        }
        return Shorten(trimmed);
    }

    private static string ServerErrorMessage(int status, string? said, bool isHtml, TimeSpan? retryAfter)
    {
        var temporary = status is 502 or 503 or 504 ? "; this is often temporary, retry later" : "";
        if (isHtml) return $"Hatchet (or a proxy in front of it) failed with {status} and an HTML error page{temporary}.";
        var wait = retryAfter is { } w ? $" (retry after {Seconds(w)})" : "";
        return $"Hatchet failed with {status}: {said ?? "no details"}{wait}{temporary}.";
    }

    private static bool IsHtml(MediaTypeHeaderValue? contentType, string body) =>
        string.Equals(contentType?.MediaType, "text/html", StringComparison.OrdinalIgnoreCase)
        || body.TrimStart().StartsWith('<');

    private static string Shorten(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxHatchetMessage + 1));
        var lastWasSpace = false;
        foreach (var c in text)
        {
            var isSpace = char.IsWhiteSpace(c) || char.IsControl(c);
            if (isSpace && lastWasSpace) continue;
            builder.Append(isSpace ? ' ' : c);
            lastWasSpace = isSpace;
            if (builder.Length > MaxHatchetMessage) break;
        }
        var oneLine = builder.ToString().Trim().TrimEnd('.');
        return oneLine.Length > MaxHatchetMessage ? string.Concat(oneLine.AsSpan(0, MaxHatchetMessage), "…") : oneLine;
    }

    internal static string Seconds(TimeSpan span) =>
        span.TotalSeconds >= 1 && span.TotalSeconds == Math.Floor(span.TotalSeconds)
            ? $"{(long)span.TotalSeconds} s"
            : $"{Math.Ceiling(span.TotalSeconds * 10) / 10:0.#} s";
}
