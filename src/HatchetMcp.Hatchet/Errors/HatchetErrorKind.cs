namespace HatchetMcp.Hatchet;

/// <summary>What went wrong, coarse enough for a tool to decide how to phrase and whether to suggest a retry.</summary>
public enum HatchetErrorKind
{
    /// <summary>400 (and other 4xx without a kind of their own): Hatchet rejected the request; its words are in the message.</summary>
    BadRequest,
    /// <summary>401: the operation is not allowed for an API token.</summary>
    Unauthorized,
    /// <summary>403: token invalid, expired, revoked, or for another tenant (Hatchet never answers 401 for a bad token).</summary>
    Forbidden,
    /// <summary>404: no such resource.</summary>
    NotFound,
    /// <summary>429: too many requests or a tenant resource limit; <see cref="HatchetApiException.RetryAfter"/> when known.</summary>
    RateLimited,
    /// <summary>5xx.</summary>
    ServerError,
    /// <summary>No complete answer within the configured timeout.</summary>
    Timeout,
    /// <summary>Connection refused, DNS failure, TLS failure or connection dropped.</summary>
    Unreachable,
    /// <summary>A success status with a body that is not the expected JSON.</summary>
    InvalidResponse,
}
