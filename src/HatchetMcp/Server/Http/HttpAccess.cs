using HatchetMcp.Server.Http.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.AspNetCore.Authentication;

namespace HatchetMcp.Server.Http;

/// <summary>
/// The one place that decides who may call the HTTP server. With an <c>access</c> section in the profiles file, every
/// call to /mcp authenticates with <c>Authorization: Bearer</c>: an API key (<c>hmcp_…</c>) or an OAuth access token
/// (a JWT); without one, access is anonymous, on loopback, opted into with <c>--allow-anonymous-loopback</c>.
/// What a signed-in caller may do per call (role, profiles) is enforced by <see cref="CallerRightsFilters"/>.
/// </summary>
public sealed class HttpAccess(HttpServerOptions options, AccessConfiguration access)
{
    /// <summary>Chooses the API-key or the JWT scheme by the bearer's form, and challenges with the right header.</summary>
    private const string Scheme = "Hatchet";
    private const string CallerPolicy = "hatchet-caller";

    public AccessConfiguration Configuration => access;

    /// <summary>The access the configuration's profiles file grants; null with one error line when its section is unusable.</summary>
    public static HttpAccess? For(HttpServerOptions options, ServerConfiguration configuration, out string? error)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var access = AccessConfiguration.From(configuration.Profiles?.Access, configuration.Profiles, out error);
        return access is null ? null : new HttpAccess(options, access);
    }

    /// <summary>Why the server must not start with these options, in one line; null when it may.</summary>
    public string? RefusalToStart()
    {
        if (access.IsOn)
        {
            return options.AllowAnonymousLoopback
                ? $"serve-http: {ServerProfiles} has an access section, so every caller authenticates; drop {HttpServerOptions.AllowAnonymousLoopbackFlag}."
                : null;
        }

        if (!options.AllowAnonymousLoopback)
        {
            return $"serve-http needs to know who may call: configure API keys or OAuth in the {ServerProfiles} file's \"access\" section, " +
                   $"or serve anonymous callers on loopback with {HttpServerOptions.AllowAnonymousLoopbackFlag}.";
        }

        var exposed = options.Urls.FirstOrDefault(url => !BindAddress.TryParse(url, out var address) || !address!.IsLoopback);
        return exposed is null
            ? null
            : $"serve-http refuses to listen on '{exposed}': {HttpServerOptions.AllowAnonymousLoopbackFlag} allows loopback addresses only (127.0.0.1, ::1, localhost); configure API keys or OAuth to serve beyond it.";
    }

    /// <summary>Checks the addresses actually bound (a name may resolve wider than it reads); null when all are loopback or callers authenticate.</summary>
    public string? RefusalAfterBinding(IEnumerable<string> bound)
    {
        if (access.IsOn)
        {
            return null;
        }

        var exposed = bound.FirstOrDefault(url => !BindAddress.TryParse(url, out var address) || !address!.IsLoopback);
        return exposed is null ? null : $"serve-http bound a non-loopback address '{exposed}' without authentication; stopping.";
    }

    /// <summary>The schemes (API key, JWT bearer, the SDK's protected-resource metadata) and the policy on /mcp.</summary>
    public void AddServices(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!access.IsOn)
        {
            return;
        }

        var oauth = access.OAuth;
        var authentication = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or OAuth bearer", policy =>
            {
                policy.ForwardDefaultSelector = context =>
                    oauth is null || ApiKeyAuthenticationHandler.BearerToken(context.Request.Headers.Authorization.ToString())?.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal) == true
                        ? ApiKeyAuthenticationHandler.SchemeName
                        : JwtBearerDefaults.AuthenticationScheme;
                // With OAuth on, the SDK's challenge names the protected-resource metadata (RFC 9728) in WWW-Authenticate.
                policy.ForwardChallenge = oauth is null ? ApiKeyAuthenticationHandler.SchemeName : McpAuthenticationDefaults.AuthenticationScheme;
                policy.ForwardForbid = ApiKeyAuthenticationHandler.SchemeName;
            })
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, keys => keys.Keys = access.Keys);
        if (oauth is not null)
        {
            authentication
                .AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, jwt => OAuthTokens.Configure(jwt, oauth))
                .AddMcp(mcp => mcp.ResourceMetadata = OAuthTokens.ResourceMetadata(oauth));
        }

        services.AddAuthorization(authorization => authorization.AddPolicy(CallerPolicy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            // A token with neither hatchet:read nor hatchet:write is signed in but has no right here: 403.
            .RequireClaim(CallerRights.RoleClaim)));
    }

    /// <summary>Authentication and authorization middleware, after the request screens and before the endpoints.</summary>
    public void Use(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (access.IsOn)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }
    }

    /// <summary>The policy /mcp requires; anonymous loopback needs none.</summary>
    public void Protect(IEndpointConventionBuilder mcp)
    {
        ArgumentNullException.ThrowIfNull(mcp);
        if (access.IsOn)
        {
            mcp.RequireAuthorization(CallerPolicy);
        }
    }

    /// <summary>Whose budget a request spends in the rate limit: the signed-in principal, else the remote address.</summary>
    public static string ClientKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CallerRights.From(context.User) is { } caller
            ? "principal:" + caller.Name
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    private const string ServerProfiles = Profiles.ServerProfiles.EnvironmentVariable;
}
