namespace HatchetMcp.Hatchet;

/// <summary>
/// A failed Hatchet call. <see cref="Exception.Message"/> is one actionable sentence for an operator or a model, and
/// never contains the token.
/// </summary>
public sealed class HatchetApiException : Exception
{
    public HatchetApiException(HatchetErrorKind kind, string message, int? statusCode = null, TimeSpan? retryAfter = null,
        string? hatchetMessage = null, Exception? innerException = null, bool neverSent = false)
        : base(message, innerException)
    {
        NeverSent = neverSent;
        Kind = kind;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        HatchetMessage = hatchetMessage;
    }

    public HatchetErrorKind Kind { get; }

    /// <summary>The HTTP status, when Hatchet answered at all.</summary>
    public int? StatusCode { get; }

    /// <summary>From a Retry-After header (delta or date), when present.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True when no connection could be made, so the request never left this process.</summary>
    public bool NeverSent { get; }

    /// <summary>
    /// True when Hatchet certainly did not act on the request, so a write can be reported as "not done": the request
    /// never left, Hatchet refused it with a 4xx, or a 503 came back. Hatchet itself never answers 503; a proxy or load
    /// balancer does when it has no backend to forward to. Other 5xx stay ambiguous: Hatchet answers 500 for a trigger
    /// whose run it created but could not read back in time, and a 502 or 504 from a proxy can follow a request the
    /// backend received. Timeouts, dropped connections and unreadable success answers are ambiguous too.
    /// </summary>
    public bool CertainlyNotApplied =>
        NeverSent
        || Kind is HatchetErrorKind.BadRequest or HatchetErrorKind.Unauthorized or HatchetErrorKind.Forbidden
            or HatchetErrorKind.NotFound or HatchetErrorKind.RateLimited
        || StatusCode == 503;

    /// <summary>Hatchet's own error text (errors[].description, description or message, else the raw body, truncated).</summary>
    public string? HatchetMessage { get; }
}
