using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Safety;

/// <summary>
/// Chooses the route that confirms a write, strongest first: confirmation off; a token the caller presents (checked,
/// never bypassed by another route); the human through elicitation when the client offers it; else a preview with a
/// token. Fails closed: no route that cannot prove approval lets a write through. Where the transport cannot carry the
/// question (stateless HTTP) but the client speaks multi-round-trip requests, the same question goes back as an
/// input-required result whose request state is a signed token of the proposal: the retried call, on any replica with
/// the key, proves both what was asked and that it is still what would be sent.
/// </summary>
public sealed class WriteConfirmation(ConfirmationOptions options, ConfirmationTokens tokens, TimeProvider time) : IWriteConfirmation
{
    public async Task<ConfirmationDecision> ConfirmAsync(WriteProposal proposal, string? confirmationToken, McpServer server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(server);
        if (options.Skip)
        {
            return new ConfirmationDecision { Path = ConfirmationResults.SkippedPath, Result = ConfirmationResults.Skipped };
        }

        if (!string.IsNullOrWhiteSpace(confirmationToken))
        {
            return tokens.Redeem(confirmationToken, proposal) is { } refusal
                ? new ConfirmationDecision { Path = ConfirmationResults.TokenPath, Result = ConfirmationResults.Refused, Reason = $"Refused: {refusal} Nothing was sent. Call {proposal.Tool} again without confirmation_token for a fresh preview." }
                : new ConfirmationDecision
                {
                    Path = ConfirmationResults.TokenPath, Result = ConfirmationResults.Approved,
                    Nonce = ConfirmationTokens.NonceOf(confirmationToken), IssuedAt = tokens.IssuedAt(confirmationToken),
                };
        }

        if (CurrentToolCall.Params is { RequestState: { } state } retried && state.StartsWith(ConfirmationTokens.RoundTripVersion + ".", StringComparison.Ordinal))
        {
            return Answered(proposal, state, retried.InputResponses);
        }

        if (server.ClientCapabilities?.Elicitation?.Form is not null)
        {
            if (!options.AskByRoundTrips)
            {
                return await ElicitAsync(proposal, server, cancellationToken).ConfigureAwait(false);
            }

            if (server.IsMrtrSupported)
            {
                var (question, _) = tokens.IssueRoundTrip(proposal);
                throw new InputRequiredException(new Dictionary<string, InputRequest>
                {
                    [QuestionKey] = InputRequest.ForElicitation(Question(proposal)),
                }, question);
            }

            // A client that declares elicitation but cannot be asked over this transport gets the preview and token.
        }

        var (token, expires) = tokens.Issue(proposal);
        return new ConfirmationDecision { Path = ConfirmationResults.TokenPath, Result = ConfirmationResults.Preview, Token = token, ExpiresAt = expires };
    }

    /// <summary>The key of the one input request: the approve/reject question.</summary>
    internal const string QuestionKey = "confirm_write";

    private static ElicitRequestParams Question(WriteProposal proposal) => new()
    {
        Message = proposal.Summary + "\n\nApprove to send it now; reject to send nothing.",
        // No fields: the human's accept or decline is the whole answer.
        RequestedSchema = new ElicitRequestParams.RequestSchema(),
    };

    /// <summary>The retried call of a multi-round-trip question: the human's answer, held to the state that was asked.</summary>
    private ConfirmationDecision Answered(WriteProposal proposal, string state, IDictionary<string, InputResponse>? responses)
    {
        var answer = responses is not null && responses.TryGetValue(QuestionKey, out var response)
            ? response.Deserialize(InputResponse.ElicitResultJsonTypeInfo)
            : null;
        switch (answer?.Action)
        {
            case "decline":
                return Stop(ConfirmationResults.Declined, "Not sent: the user rejected it, so nothing was sent. Do not retry unless the user asks for it.");
            case "accept":
                break;
            default:
                return Stop(ConfirmationResults.Cancelled, "Not sent: the confirmation request was dismissed or not answered, so nothing was sent. Ask the user before trying again.");
        }

        // Spent here, so one answer confirms one call; the state binds what was asked to what would be sent now.
        return tokens.RedeemRoundTrip(state, proposal) is { } refusal
            ? Stop(ConfirmationResults.Refused, $"Refused: {refusal.Replace("confirmation_token", "approved question", StringComparison.Ordinal)} Nothing was sent. Call {proposal.Tool} again to be asked afresh.")
            : new ConfirmationDecision
            {
                Path = ConfirmationResults.ElicitationPath, Result = ConfirmationResults.Approved,
                Nonce = ConfirmationTokens.NonceOf(state), IssuedAt = tokens.IssuedAt(state),
            };
    }

    private async Task<ConfirmationDecision> ElicitAsync(WriteProposal proposal, McpServer server, CancellationToken cancellationToken)
    {
        var stopAsking = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The bound is a race on the server's clock, started before the question is sent, rather than a cancellation,
        // so it holds even if the request's cancellation is not honoured on the way.
        var bound = Task.Delay(options.ElicitationTimeout, time, stopAsking.Token);
        var asking = server.ElicitAsync(Question(proposal), stopAsking.Token).AsTask();

        if (await Task.WhenAny(asking, bound).ConfigureAwait(false) != asking)
        {
            // Withdraw the question without waiting on it: the client may take its time to let go.
            _ = asking.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            _ = Task.Run(() =>
            {
                using (stopAsking)
                {
                    stopAsking.Cancel();
                }
            }, CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return Stop(ConfirmationResults.TimedOut, $"Not sent: no answer to the confirmation request within {options.ElicitationTimeout.TotalMinutes:0.#} minutes, so nothing was sent.");
        }

        ElicitResult answer;
        try
        {
            answer = await asking.ConfigureAwait(false);
        }
        catch (McpException e)
        {
            // A client that declared elicitation but failed to ask: fail closed.
            return Stop(ConfirmationResults.Cancelled, $"Not sent: the confirmation request failed ({e.Message.TrimEnd('.')}), so nothing was sent.");
        }

        stopAsking.Dispose();
        return answer.Action switch
        {
            "accept" => new ConfirmationDecision { Path = ConfirmationResults.ElicitationPath, Result = ConfirmationResults.Approved },
            "decline" => Stop(ConfirmationResults.Declined, "Not sent: the user rejected it, so nothing was sent. Do not retry unless the user asks for it."),
            _ => Stop(ConfirmationResults.Cancelled, "Not sent: the user dismissed the confirmation request, so nothing was sent. Ask the user before trying again."),
        };
    }

    private static ConfirmationDecision Stop(string result, string reason) =>
        new() { Path = ConfirmationResults.ElicitationPath, Result = result, Reason = reason };
}
