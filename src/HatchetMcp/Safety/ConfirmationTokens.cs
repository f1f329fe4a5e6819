using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace HatchetMcp.Safety;

/// <summary>
/// Issues and checks preview tokens: <c>v1.{tool}.{nonce}.{expiry}.{targets}.{input}.{actionable}</c> (each binding a
/// SHA-256 of what the preview showed), then an HMAC-SHA256 of that text under the signing key. The state lives in the
/// token, so any replica holding the key can check it; only the spent nonces are kept here (single use in this
/// process; across replicas see <see cref="ConfirmationDecision.Nonce"/>). The multi-round-trip route's request state
/// is the same text under another version tag (<c>r1</c>), so state the client echoes cannot be passed off as a preview
/// token, nor a preview token as a human's answer.
/// </summary>
public sealed class ConfirmationTokens
{
    private const string Version = "v1";

    /// <summary>The version tag of multi-round-trip request state.</summary>
    internal const string RoundTripVersion = "r1";
    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _spent = new(StringComparer.Ordinal);

    public ConfirmationTokens(ConfirmationOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = options.SigningKey is { Length: > 0 } key ? key.ToArray() : RandomNumberGenerator.GetBytes(32);
        _time = time;
        _lifetime = options.TokenLifetime;
    }

    /// <summary>A fresh single-use token for <paramref name="proposal"/>, and when it expires.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(WriteProposal proposal) => Issue(proposal, Version);

    /// <summary>Signed request state for a multi-round-trip question about <paramref name="proposal"/>.</summary>
    internal (string State, DateTimeOffset ExpiresAt) IssueRoundTrip(WriteProposal proposal) => Issue(proposal, RoundTripVersion);

    /// <summary>Checks and spends request state echoed by a multi-round-trip retry (see <see cref="Redeem(string, WriteProposal)"/>).</summary>
    internal string? RedeemRoundTrip(string state, WriteProposal proposal) => Redeem(state, proposal, RoundTripVersion);

    /// <summary>When the token was issued (its expiry less the lifetime), or null when it is not shaped like one; nothing is checked.</summary>
    public DateTimeOffset? IssuedAt(string token)
    {
        var parts = (token ?? string.Empty).Trim().Split('.');
        return parts.Length == 8 && long.TryParse(parts[3], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) - _lifetime
            : null;
    }

    private (string Token, DateTimeOffset ExpiresAt) Issue(WriteProposal proposal, string version)
    {
        var expires = _time.GetUtcNow() + _lifetime;
        var nonce = Base64Url(RandomNumberGenerator.GetBytes(12));
        var body = string.Join('.', version, Bound(proposal), nonce, expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            Digest(proposal.Targets), Digest(proposal.Input), Digest(proposal.Actionable));
        return ($"{body}.{Sign(body)}", DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }

    /// <summary>
    /// Checks <paramref name="token"/> against the call now being made and spends it; the refusal (one sentence) when it
    /// does not hold, else null.
    /// </summary>
    public string? Redeem(string token, WriteProposal proposal) => Redeem(token, proposal, Version);

    private string? Redeem(string token, WriteProposal proposal, string version)
    {
        var parts = token.Trim().Split('.');
        if (parts.Length != 8 || parts[0] != version)
        {
            return "the confirmation_token is not one this server issued (malformed).";
        }

        var body = string.Join('.', parts[..7]);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(body)), Encoding.ASCII.GetBytes(parts[7])))
        {
            return "the confirmation_token's signature does not match: it was altered, or issued by a server with another signing key (replicas must share HATCHET_MCP_CONFIRMATION_KEY).";
        }

        var (tool, profile) = parts[1].IndexOf(':', StringComparison.Ordinal) is var colon and >= 0
            ? (parts[1][..colon], parts[1][(colon + 1)..])
            : (parts[1], string.Empty);
        if (tool != proposal.Tool)
        {
            return $"the confirmation_token was issued for {tool}, not {proposal.Tool}.";
        }

        if (profile != proposal.Profile)
        {
            return $"the confirmation_token was issued on profile '{profile}', not '{proposal.Profile}': preview the write again on the profile it is for.";
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture));
        var now = _time.GetUtcNow();
        if (now >= expires)
        {
            return $"the confirmation_token expired at {Shaping.TimeText.Iso(expires)} (tokens last {_lifetime.TotalMinutes:0} minutes).";
        }

        if (_spent.ContainsKey(parts[2]))
        {
            return "the confirmation_token was already used (each token confirms one call).";
        }

        if (parts[4] != Digest(proposal.Targets))
        {
            return "the confirmation_token was issued for other targets (other run ids or another workflow) than this call names.";
        }

        if (parts[5] != Digest(proposal.Input))
        {
            return "the confirmation_token was issued for another input than this call's.";
        }

        if (parts[6] != Digest(proposal.Actionable))
        {
            return "what would be sent changed since the preview (a run started or finished, or appeared or vanished), so the confirmed set no longer holds.";
        }

        foreach (var (nonce, expiry) in _spent)
        {
            if (expiry <= now)
            {
                _spent.TryRemove(nonce, out _);
            }
        }

        // Two concurrent calls with one token: only the first to record it proceeds.
        return _spent.TryAdd(parts[2], expires) ? null : "the confirmation_token was already used (each token confirms one call).";
    }

    /// <summary>The token's nonce (what identifies one preview), or null when it is not shaped like a token; nothing is checked.</summary>
    public static string? NonceOf(string token)
    {
        var parts = (token ?? string.Empty).Trim().Split('.');
        return parts.Length == 8 && parts[0] is Version or RoundTripVersion && parts[2].Length > 0 ? parts[2] : null;
    }

    // Profile names are [a-z0-9_-], so neither ':' nor '.' can appear in one.
    private static string Bound(WriteProposal proposal) =>
        proposal.Profile.Length == 0 ? proposal.Tool : $"{proposal.Tool}:{proposal.Profile}";

    private string Sign(string body) => Base64Url(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(body)));

    private static string Digest(IReadOnlyList<string> values) => Digest(string.Join('\n', values));

    private static string Digest(string value) => Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(value))[..16]);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
