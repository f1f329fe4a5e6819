using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using ModelContextProtocol.Authentication;

namespace HatchetMcp.Server.Http.Auth;

/// <summary>
/// The OAuth 2.1 resource server: JWTs validated for issuer, audience (this resource, RFC 8707), signature against the
/// issuer's JWKS and lifetime, then mapped to <see cref="CallerRights"/>: <c>hatchet:write</c> (which includes reading)
/// or <c>hatchet:read</c> to a role, the configured claim to profiles.
/// </summary>
internal static class OAuthTokens
{
    public static void Configure(JwtBearerOptions jwt, OAuthSettings oauth)
    {
        jwt.MetadataAddress = oauth.MetadataUrl.ToString();
        // The issuer's documents come over TLS, except from a loopback issuer (a local authorization server, tests).
        jwt.RequireHttpsMetadata = !oauth.MetadataUrl.IsLoopback;
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = oauth.Issuer,
            ValidateAudience = true,
            ValidAudiences = [oauth.Audience, oauth.Audience.TrimEnd('/')],
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (context.Principal is { } principal)
                {
                    context.Principal.AddIdentity(Rights(principal, oauth));
                }

                return Task.CompletedTask;
            },
        };
    }

    public static ProtectedResourceMetadata ResourceMetadata(OAuthSettings oauth)
    {
        var metadata = new ProtectedResourceMetadata
        {
            Resource = oauth.Audience,
            ScopesSupported = [OAuthSettings.ReadScope, OAuthSettings.WriteScope],
            BearerMethodsSupported = ["header"],
        };
        foreach (var server in oauth.AuthorizationServers)
        {
            metadata.AuthorizationServers.Add(server.ToString());
        }

        return metadata;
    }

    /// <summary>The caller's rights from the token's scopes and profiles claim; no role when it has no hatchet scope.</summary>
    private static ClaimsIdentity Rights(ClaimsPrincipal token, OAuthSettings oauth)
    {
        var scopes = token.FindAll("scope").Concat(token.FindAll("scp"))
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        var role = scopes.Contains(OAuthSettings.WriteScope) ? CallerRights.WriteRole
            : scopes.Contains(OAuthSettings.ReadScope) ? CallerRights.ReadRole
            : null;
        var subject = token.FindFirst("sub")?.Value ?? token.FindFirst("client_id")?.Value ?? "unknown";
        IEnumerable<string>? profiles = null;
        if (oauth.ProfilesClaim is { } claim)
        {
            // Configured, the claim is required: a token without it may use no profile.
            profiles = token.FindAll(claim).SelectMany(value => Values(value.Value)).ToList();
        }

        return CallerRights.Identity(JwtBearerDefaults.AuthenticationScheme, "oauth:" + subject, role, profiles);
    }

    /// <summary>A claim value as profile names: a JSON array, or names separated by spaces or commas.</summary>
    private static IEnumerable<string> Values(string value)
    {
        if (value.StartsWith('['))
        {
            try
            {
                using var doc = JsonDocument.Parse(value);
                return [.. doc.RootElement.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)];
            }
            catch (JsonException)
            {
                return [];
            }
        }

        return value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Where(name => name != CallerRights.AllProfiles);
    }
}
