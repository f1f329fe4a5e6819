using System.Diagnostics;
using System.Text.Json;
using HatchetMcp.Profiles;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Server.Telemetry;

/// <summary>
/// Measures every tool call as a filter, so stdio and HTTP get the same span and metrics. Registered before every other
/// call-tool filter (the first filter is the outermost), it sees the answer the client gets: argument checks, profile
/// refusals and the token scrub included.
/// </summary>
internal static class ToolCallTelemetry
{
    public static IMcpServerBuilder AddToolTelemetry(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithRequestFilters(filters => filters.AddCallToolFilter(next => async (context, cancellationToken) =>
        {
            if (!ToolTelemetry.IsObserved)
            {
                return await next(context, cancellationToken).ConfigureAwait(false);
            }

            var tool = KnownToolName(context);
            var profile = ProfileName(context);
            var started = Stopwatch.GetTimestamp();
            using var span = ToolTelemetry.Source.StartActivity($"tools/call {tool}", ActivityKind.Internal);
            span?.SetTag(ToolTelemetry.MethodTag, "tools/call");
            span?.SetTag(ToolTelemetry.OperationTag, "execute_tool");
            span?.SetTag(ToolTelemetry.ToolTag, tool);
            span?.SetTag(ToolTelemetry.ProfileTag, profile);
            var outcome = ToolTelemetry.Ok;
            try
            {
                var result = await next(context, cancellationToken).ConfigureAwait(false);
                outcome = result.IsError == true ? ToolTelemetry.ToolError : ToolTelemetry.Ok;
                return result;
            }
            catch (Exception failure)
            {
                outcome = OutcomeOf(failure, cancellationToken);
                throw;
            }
            finally
            {
                // No status description and no exception event: both would carry message text, which may quote input.
                span?.SetTag(ToolTelemetry.OutcomeTag, outcome);
                if (IsError(outcome))
                {
                    span?.SetTag(ToolTelemetry.ErrorTypeTag, outcome);
                    span?.SetStatus(ActivityStatusCode.Error);
                }

                Record(tool, profile, outcome, Stopwatch.GetElapsedTime(started));
            }
        }));
    }

    /// <summary>
    /// What the client gets when the call throws: a JSON-RPC error for a protocol exception, nothing for its own cancel,
    /// and for anything else the SDK's isError answer.
    /// </summary>
    internal static string OutcomeOf(Exception failure, CancellationToken cancellationToken) => failure switch
    {
        McpProtocolException => ToolTelemetry.ProtocolError,
        OperationCanceledException when cancellationToken.IsCancellationRequested => ToolTelemetry.Cancelled,
        _ => ToolTelemetry.ToolError,
    };

    /// <summary>A client's cancel is not the server's error.</summary>
    private static bool IsError(string outcome) => outcome is ToolTelemetry.ToolError or ToolTelemetry.ProtocolError;

    private static void Record(string tool, string? profile, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { ToolTelemetry.ToolTag, tool },
            { ToolTelemetry.OutcomeTag, outcome },
        };
        if (profile is not null)
        {
            tags.Add(ToolTelemetry.ProfileTag, profile);
        }

        ToolTelemetry.Calls.Add(1, tags);
        ToolTelemetry.Duration.Record(elapsed.TotalMilliseconds, tags);
        if (IsError(outcome))
        {
            tags.Add(ToolTelemetry.ErrorTypeTag, outcome);
            ToolTelemetry.Errors.Add(1, tags);
        }
    }

    /// <summary>The tool's name when the server has that tool; otherwise a fixed placeholder (the name is the client's text).</summary>
    private static string KnownToolName(RequestContext<CallToolRequestParams> context)
    {
        if (context.MatchedPrimitive is McpServerTool matched)
        {
            return matched.ProtocolTool.Name;
        }

        return context.Params?.Name is { } name && context.Server.ServerOptions.ToolCollection is { } tools &&
               tools.TryGetPrimitive(name, out var tool)
            ? tool.ProtocolTool.Name
            : ToolTelemetry.UnknownTool;
    }

    /// <summary>
    /// With several profiles, the one the call names when it is a configured profile, else the default; null with one
    /// profile. A name that is not configured is not recorded: it is the client's text (the call is refused anyway).
    /// </summary>
    private static string? ProfileName(RequestContext<CallToolRequestParams> context)
    {
        if ((context.Services ?? context.Server.Services)?.GetService<ServerProfiles>() is not { AreSeveral: true } profiles)
        {
            return null;
        }

        if (context.Params?.Arguments is { } arguments && arguments.TryGetValue(ProfileRegistration.Argument, out var named))
        {
            return named.ValueKind == JsonValueKind.String && named.GetString() is { } name && profiles.Find(name) is { } found
                ? found.Name
                : null;
        }

        return profiles.Default.Name;
    }
}
