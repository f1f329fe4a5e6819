using ModelContextProtocol.Server;

namespace HatchetMcp.Safety;

/// <summary>
/// The one call every write tool makes before sending anything. Which route confirms (elicitation, multi-round-trip
/// requests on stateless HTTP, a preview token) is chosen behind it, from the client's capabilities, the transport and
/// the call's own arguments, so adding a route never touches a tool. (The multi-round-trip route reads the retried
/// call's answer and request state from <see cref="CurrentToolCall"/>.)
/// </summary>
public interface IWriteConfirmation
{
    /// <param name="proposal">What would be sent, from reads only.</param>
    /// <param name="confirmationToken">The tool's <c>confirmation_token</c> argument, when the caller gave one.</param>
    /// <param name="server">The server of this call: the client's capabilities, and the route back to the human.</param>
    /// <param name="cancellationToken">The call's cancellation.</param>
    Task<ConfirmationDecision> ConfirmAsync(WriteProposal proposal, string? confirmationToken, McpServer server, CancellationToken cancellationToken);
}
