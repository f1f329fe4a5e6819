namespace HatchetMcp.Hatchet;

/// <summary>
/// A failed Hatchet call. <see cref="Exception.Message"/> is one actionable sentence for an operator or a model, and
/// never contains the token.
/// </summary>
public sealed class HatchetApiException : Exception
{
    public HatchetApiException(HatchetErrorKind kind, string message, int? statusCode = null, TimeSpan? retryAfter = null,
        string? hatchetMessage = null, Exception? innerException = null)
        : base(message, innerException)
    {
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

    /// <summary>Hatchet's own error text (errors[].description, description or message, else the raw body, truncated).</summary>
    public string? HatchetMessage { get; }
}
