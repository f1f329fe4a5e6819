using System.Text.Json;
using HatchetMcp.Hatchet;
using HatchetMcp.Arguments;
using HatchetMcp.Safety;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>
/// The steps every write tool shares: confirm the proposal (elicitation, a preview token, or off), write the audit line,
/// and say in the answer how it was confirmed and what a failed request may have done.
/// </summary>
public sealed class WriteSteps(IWriteConfirmation confirmation, AuditLog audit, TimeProvider time,
    Profiles.HatchetProfile? profile = null, Profiles.ServerProfiles? profiles = null)
{
    /// <summary>The profile named in tokens and summaries: only when there are several to tell apart.</summary>
    private string BoundProfile => profiles is { AreSeveral: true } && profile is not null ? profile.Name : string.Empty;

    internal const string TokenDescription = "Omit at first. From a preview the user approved: acts on exactly what it showed (same arguments; single use; 5 minutes).";
    internal static string Sentence(string message) => message.TrimEnd().TrimEnd('.');

    /// <summary>
    /// Says whether a failed write may still have happened (see <see cref="HatchetApiException.CertainlyNotApplied"/>).
    /// Saying "nothing happened" when it may have could make an agent act twice. A success status with a body that
    /// cannot be read is no proof of acceptance either: the outcome is unknown.
    /// </summary>
    internal static string WriteFailure(HatchetApiException e, string action, int count, string done, string check = "get_run")
    {
        if (e.CertainlyNotApplied)
        {
            return $"{e.Message} The {action} request for {CountText.Of(count, "id")} was refused, so nothing was {done}.";
        }

        return e.Kind == HatchetErrorKind.InvalidResponse
            ? $"{e.Message} Outcome unknown: Hatchet answered the {action} request for {CountText.Of(count, "id")} with a success status but a body that could not be read, so they may or may not have been {done}: check with {check} before retrying."
            : $"{e.Message} The {action} request for {CountText.Of(count, "id")} may or may not have reached Hatchet, so some may have been {done}: check with {check} before retrying.";
    }

    internal static readonly ConfirmationDecision NothingToConfirm = new() { Path = ConfirmationResults.NonePath, Result = ConfirmationResults.NotNeeded };

    internal async Task<ConfirmationDecision> ConfirmAsync(WriteProposal proposal, string? token, McpServer? server, CancellationToken cancellationToken)
    {
        var token1 = ToolArguments.Text(token, "confirmation_token", 400);
        if (BoundProfile.Length > 0)
        {
            proposal = proposal with { Profile = BoundProfile, Summary = $"On profile {BoundProfile}: {proposal.Summary}" };
        }

        return await confirmation.ConfirmAsync(proposal, token1,
            server ?? throw new McpException("this call carries no MCP server context, so the write cannot be confirmed; nothing was sent."),
            cancellationToken).ConfigureAwait(false);
    }

    internal void Audit(WriteProposal proposal, ConfirmationDecision decision, IEnumerable<string> sent, IReadOnlyList<AuditOutcome> outcomes, string? error = null) =>
        audit.Record(new AuditEntry
        {
            Time = time.GetUtcNow(),
            Tool = proposal.Tool,
            Profile = profile?.Name,
            Principal = CallPrincipal.Name,
            Targets = proposal.Targets,
            Confirmation = decision.Path,
            ConfirmationResult = decision.Result,
            Sent = [.. sent],
            Outcomes = outcomes,
            Error = error ?? decision.Reason,
        });

    /// <summary>
    /// A write refused before any confirmation (an input its schema rejects, a filter over the cap): still a write
    /// attempt, so it gets its audit line, with nothing sent.
    /// </summary>
    internal void AuditRefusal(string tool, IReadOnlyList<string> targets, string reason) =>
        Audit(new WriteProposal { Tool = tool, Targets = targets, Input = string.Empty, Actionable = [], Summary = string.Empty },
            new ConfirmationDecision { Path = ConfirmationResults.NonePath, Result = ConfirmationResults.Refused, Reason = reason }, [], []);

    internal static WriteConfirmationResult Confirmed(ConfirmationDecision decision) => new()
    {
        Path = decision.Path, Result = decision.Result, Token = decision.Token, ExpiresAt = decision.ExpiresAt,
    };

    internal static string ConfirmationLine(WriteConfirmationResult confirmation) => confirmation.Result switch
    {
        ConfirmationResults.Approved => $"\nConfirmed by {(confirmation.Path == ConfirmationResults.ElicitationPath ? "the user (asked by the client)" : "the preview's confirmation token")}.",
        ConfirmationResults.Skipped => "\nNot confirmed: confirmation is off on this server (unattended mode).",
        _ => string.Empty,
    };

    internal static string IdArray(IEnumerable<Guid> ids) => "[" + string.Join(",", ids.Select(id => $"\"{id}\"")) + "]";

    internal static List<string> NotSentHeader(WriteProposal proposal, ConfirmationDecision decision) =>
        decision.Result == ConfirmationResults.Preview
            ?
            [
                $"Preview: nothing was sent. {proposal.Tool} needs the user's approval of this:",
                proposal.Summary,
                $"Show this to the user. Only if they approve, call {proposal.Tool} again with the same arguments and confirmation_token=\"{decision.Token}\" " +
                $"(single use, expires {TimeText.Iso(decision.ExpiresAt!.Value)}): it acts on exactly the ids marked 'would', or on nothing if that set changed.",
            ]
            : [decision.Reason ?? "Not sent.", proposal.Summary];

    internal static string Canonical(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

}
