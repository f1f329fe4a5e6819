using HatchetMcp.Safety;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace HatchetMcp.Tests.Safety;

/// <summary>
/// The multi-round-trip question's request state is a signed token of the proposal under its own tag: the client sees
/// it, so it must not work as a confirmation_token (that would skip the human's answer), nor a preview token as state.
/// </summary>
public sealed class RoundTripStateTests
{
    private static readonly WriteProposal Proposal = new()
    {
        Tool = "cancel_runs", Targets = ["a"], Input = "{}", Actionable = ["a"], Summary = "cancel a",
    };

    private readonly ConfirmationTokens _tokens = new(new ConfirmationOptions(), new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Request_state_is_refused_as_a_confirmation_token()
    {
        var (state, _) = _tokens.IssueRoundTrip(Proposal);

        Assert.NotNull(_tokens.Redeem(state, Proposal));
    }

    [Fact]
    public void A_preview_token_is_refused_as_request_state()
    {
        var (token, _) = _tokens.Issue(Proposal);

        Assert.NotNull(_tokens.RedeemRoundTrip(token, Proposal));
    }

    [Fact]
    public void Request_state_confirms_its_own_proposal_once()
    {
        var (state, _) = _tokens.IssueRoundTrip(Proposal);

        Assert.Null(_tokens.RedeemRoundTrip(state, Proposal));
        Assert.Contains("already used", _tokens.RedeemRoundTrip(state, Proposal), StringComparison.Ordinal);
    }

    [Fact]
    public void Request_state_is_refused_when_what_would_be_sent_changed_since_the_question()
    {
        var (state, _) = _tokens.IssueRoundTrip(Proposal);

        Assert.Contains("changed since the preview", _tokens.RedeemRoundTrip(state, Proposal with { Actionable = ["a", "b"] }), StringComparison.Ordinal);
    }
}
