using HatchetMcp.Hatchet;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace HatchetMcp.Resources;

/// <summary>
/// A tool's answer read as a resource: its text, or a JSON-RPC error a client can act on. A resource has no
/// <c>isError</c> answer, so what the tool would answer as a tool error becomes invalid params (a bad id or name),
/// a run Hatchet does not know becomes "resource not found" (as the negotiated protocol spells it), and a refusal
/// from Hatchet (token, outage) keeps the tool's message.
/// </summary>
internal static class ResourceText
{
    public static async Task<string> OfAsync(string template, string? protocolVersion, Func<Task<CallToolResult>> tool)
    {
        CallToolResult answer;
        try
        {
            answer = await tool().ConfigureAwait(false);
        }
        catch (McpException e) when (e is not McpProtocolException)
        {
            throw e.InnerException switch
            {
                HatchetApiException { Kind: HatchetErrorKind.NotFound } => new McpProtocolException(
                    $"Cannot read {template}: {e.Message}", NotFoundCode(protocolVersion)),
                HatchetApiException => new McpException($"Cannot read {template}: {e.Message}", e),
                _ => InvalidArgument(template, e.Message),
            };
        }

        var text = string.Join("\n", answer.Content.OfType<TextContentBlock>().Select(block => block.Text));
        return answer.IsError == true ? throw InvalidArgument(template, text) : text;
    }

    /// <summary>Runs an argument check, turning its complaint into a resource error.</summary>
    public static T Argument<T>(string template, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (McpException e) when (e is not McpProtocolException)
        {
            throw InvalidArgument(template, e.Message);
        }
    }

    /// <summary>
    /// The SDK's own rule for a URI it cannot resolve: -32002 up to protocol 2025-11-25, invalid params from 2026-07-28
    /// (the SDK keeps its helper internal).
    /// </summary>
    internal static McpErrorCode NotFoundCode(string? protocolVersion) =>
        string.CompareOrdinal(protocolVersion, "2026-07-28") >= 0 ? McpErrorCode.InvalidParams : McpErrorCode.ResourceNotFound;

    public static McpProtocolException InvalidArgument(string template, string problem) =>
        new($"Cannot read {template}: {problem}", McpErrorCode.InvalidParams);
}
