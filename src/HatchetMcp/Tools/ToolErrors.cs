using HatchetMcp.Hatchet;
using ModelContextProtocol;

namespace HatchetMcp.Tools;

/// <summary>
/// Turns client failures into tool errors (isError: true) carrying the client's actionable sentence. Only McpException
/// messages reach the model; anything else would surface as a generic error with no detail.
/// </summary>
internal static class ToolErrors
{
    public static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (HatchetApiException e)
        {
            throw From(e);
        }
        catch (ArgumentException e)
        {
            // The client validates what reaches a URL; its messages name the argument and the accepted form.
            throw new McpException(e.Message, e);
        }
    }

    public static McpException From(HatchetApiException e)
    {
        var message = e.Message;
        if (e.Kind == HatchetErrorKind.RateLimited && e.RetryAfter is { } wait && !message.Contains("retry", StringComparison.OrdinalIgnoreCase))
        {
            message += $" Retry in about {Math.Ceiling(wait.TotalSeconds)} s.";
        }

        return new McpException(message, e);
    }
}
