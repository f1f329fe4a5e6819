using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace HatchetMcp.Server.Http.Auth;

public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    public IReadOnlyList<ApiKey> Keys { get; set; } = [];
}

/// <summary>
/// Signs in a caller whose <c>Authorization: Bearer hmcp_…</c> matches a configured key. No header: no result (the
/// policy then challenges with 401); an unknown key: a failure, also 401.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<ApiKeyAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    public const string SchemeName = "HatchetApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken(Request.Headers.Authorization.ToString()) is not { } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (ApiKeys.Match(Options.Keys, presented) is not { } key)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not one this server knows."));
        }

        var identity = CallerRights.Identity(SchemeName, "key:" + key.Name, key.CanWrite ? CallerRights.WriteRole : CallerRights.ReadRole, key.Profiles);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer realm=\"hatchet-mcp\"";
        return Task.CompletedTask;
    }

    /// <summary>The token of an <c>Authorization: Bearer …</c> header; null when there is none.</summary>
    public static string? BearerToken(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header[7..].Trim() is { Length: > 0 } token ? token : null;
}
