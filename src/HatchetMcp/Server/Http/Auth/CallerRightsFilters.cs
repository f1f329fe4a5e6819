using System.Text.Json;
using HatchetMcp.Profiles;
using HatchetMcp.Safety;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Server.Http.Auth;

/// <summary>
/// What a signed-in caller may do, checked before anything reaches Hatchet: a read principal calling a tool that changes
/// live state, or any principal naming a profile it may not use, gets a tool error (isError) saying which right is
/// missing. A tool error rather than HTTP 403: the caller is authenticated and its request well formed; the refusal is
/// about one tool on one profile, and a tool error reaches the model, which can tell the user, where a 403 would be
/// taken by clients as an authorization failure of the whole connection. tools/list lists every tool to every caller
/// (one stable list; clients cache it). Calls without a principal (stdio, anonymous loopback) pass unchanged.
/// Registered before the profiles' filter, so the <c>profile</c> argument is still there to read.
/// </summary>
internal static class CallerRightsFilters
{
    public static IMcpServerBuilder AuthorizeCallers(this IMcpServerBuilder builder, ServerProfiles profiles)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(profiles);
        return builder.WithRequestFilters(filters =>
        {
            filters.AddCallToolFilter(next => async (context, cancellationToken) =>
            {
                var caller = CallerRights.From(context.User);
                if (caller is not null && context.Params is { } call && Refusal(caller, call, context, profiles) is { } refusal)
                {
                    return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = refusal }] };
                }

                CallPrincipal.Name = caller?.Name;
                return await next(context, cancellationToken).ConfigureAwait(false);
            });
            // Resources and prompts act on the default profile.
            filters.AddReadResourceFilter(next => (context, cancellationToken) =>
                CallerRights.From(context.User) is { } caller && !caller.MayUse(profiles.Default.Name)
                    ? throw new ModelContextProtocol.McpException(ProfileRefusal(caller, profiles.Default.Name, "resources"))
                    : next(context, cancellationToken));
            filters.AddGetPromptFilter(next => (context, cancellationToken) =>
                CallerRights.From(context.User) is { } caller && !caller.MayUse(profiles.Default.Name)
                    ? throw new ModelContextProtocol.McpException(ProfileRefusal(caller, profiles.Default.Name, "prompts"))
                    : next(context, cancellationToken));
        });
    }

    private static string? Refusal(CallerRights caller, CallToolRequestParams call, RequestContext<CallToolRequestParams> context, ServerProfiles profiles)
    {
        var profile = profiles.Default.Name;
        if (call.Arguments is { } arguments && arguments.TryGetValue(ProfileRegistration.Argument, out var named) && named.ValueKind == JsonValueKind.String)
        {
            profile = named.GetString()!;
        }

        if (!caller.MayUse(profile) && profiles.Find(profile) is not null)
        {
            return ProfileRefusal(caller, profile, $"'{call.Name}'");
        }

        if (!caller.CanWrite && ProfileRegistration.IsWrite(context, call.Name))
        {
            return $"'{call.Name}' changes live state and {caller.Name} may only read (role read; an OAuth token needs scope hatchet:write). " +
                   "Nothing was sent to Hatchet. Ask the server's operator for a write key or scope.";
        }

        return null;
    }

    private static string ProfileRefusal(CallerRights caller, string profile, string what) =>
        $"{caller.Name} may not use profile '{profile}', so {what} cannot run on it; nothing was sent to Hatchet. " +
        (caller.Profiles is { Count: > 0 } allowed ? $"Its profiles: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}." : "It may use no profile.");
}
