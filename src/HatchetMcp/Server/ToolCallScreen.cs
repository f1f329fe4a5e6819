using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using HatchetMcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Server;

/// <summary>
/// Looks at every tools/call before the SDK reads its params. The SDK would answer an unknown tool by throwing (two
/// stack traces on stderr), and a request whose arguments are not an object or hold a lone UTF-16 surrogate with a
/// bare "An error occurred." protocol error. Here the first is a JSON-RPC error listing the tools, logged nowhere, and
/// the others are tool errors (isError: true) naming the argument and the accepted form. A tool held back by read-only
/// mode or the toolsets is refused here as a tool error saying why, so it never runs.
/// </summary>
internal static class ToolCallScreen
{
    public static IMcpServerBuilder ScreenToolCalls(this IMcpServerBuilder builder) =>
        builder.WithMessageFilters(filters => filters.AddIncomingFilter(next => async (context, cancellationToken) =>
        {
            if (context.JsonRpcMessage is JsonRpcRequest { Method: RequestMethods.ToolsCall } request
                && Answer(request, context.Server.ServerOptions.ToolCollection, context.Server.Services?.GetService<ToolAvailability>()) is { } answer)
            {
                await context.Server.SendMessageAsync(answer, cancellationToken).ConfigureAwait(false);
                return;
            }

            await next(context, cancellationToken).ConfigureAwait(false);
        }));

    /// <summary>The answer to send instead of dispatching the call, or null when the SDK can read it.</summary>
    internal static JsonRpcMessage? Answer(JsonRpcRequest request, McpServerPrimitiveCollection<McpServerTool>? tools, ToolAvailability? availability = null)
    {
        try
        {
            return Check(request, tools, availability);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or JsonException)
        {
            // A name in params itself that cannot be read (a lone surrogate outside the arguments).
            return ProtocolError(request, "tools/call params could not be read: a property is repeated or holds a lone UTF-16 surrogate escape " +
                                          "(such as \\ud800); send {\"name\": \"<tool>\", \"arguments\": {...}} once each, in valid Unicode.");
        }
    }

    private static JsonRpcMessage? Check(JsonRpcRequest request, McpServerPrimitiveCollection<McpServerTool>? tools, ToolAvailability? availability)
    {
        if (request.Params is not JsonObject parameters)
        {
            return ProtocolError(request, "tools/call needs params: {\"name\": \"<tool>\", \"arguments\": {...}}.");
        }

        if (parameters["name"] is not JsonValue nameNode || nameNode.GetValueKind() != JsonValueKind.String)
        {
            return ProtocolError(request, "tools/call needs params.name, a tool name as a string; tools/list gives them.");
        }

        var name = nameNode.GetValue<string>();
        if (availability?.Refusal(name) is { } refusal)
        {
            // A tool held back by read-only mode or the toolsets, called by name: refused before anything reaches Hatchet.
            return Refused(request, refusal);
        }

        if (tools is null || !tools.TryGetPrimitive(name, out _))
        {
            var known = tools is null ? string.Empty : string.Join(", ", tools.Select(t => t.ProtocolTool.Name).Order(StringComparer.Ordinal));
            return ProtocolError(request, $"Unknown tool: '{Arguments.ToolArguments.Echo(Readable(name))}'. The tools are: {known}.");
        }

        if (NestingGuard.ProblemIn(parameters) is { } tooDeep)
        {
            return ToolError(request, name, tooDeep);
        }

        var argumentProblem = parameters["arguments"] switch
        {
            null => null,
            JsonObject arguments => UnreadableArgument(arguments),
            var other => $"arguments must be a JSON object of argument names to values, e.g. {{\"limit\": 10}} (or {{}} for none); got a JSON {Kind(other.GetValueKind())}.",
        };
        if (argumentProblem is not null)
        {
            return ToolError(request, name, argumentProblem);
        }

        // The rest of params (_meta) must be readable too, or the SDK fails on it with a bare "An error occurred.".
        _ = parameters.ToJsonString();
        return null;
    }

    /// <summary>
    /// The first argument the SDK could not read, or would read ambiguously: a name or value that is not valid Unicode
    /// text (a lone surrogate fails when the SDK re-reads the params), or a name given twice (the SDK keeps the last).
    /// </summary>
    private static string? UnreadableArgument(JsonObject arguments)
    {
        string text;
        try
        {
            text = arguments.ToJsonString();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return LoneSurrogateIn(arguments);
        }

        using var document = JsonDocument.Parse(text);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var argument in document.RootElement.EnumerateObject())
        {
            if (!seen.Add(argument.Name))
            {
                return $"{argument.Name} is given more than once; give each argument once.";
            }
        }

        return null;
    }

    private static string LoneSurrogateIn(JsonObject arguments)
    {
        const string NotText = "contains a lone UTF-16 surrogate (an escape such as \\ud800 without its pair), which is not text;";
        try
        {
            foreach (var (argument, value) in arguments)
            {
                try
                {
                    _ = value?.ToJsonString();
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException)
                {
                    return $"{argument} {NotText} send valid Unicode (a character beyond U+FFFF is a pair such as \\ud83d\\ude00).";
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // Enumerating reads the names: one of them is the culprit (or a name is repeated).
        }

        return $"an argument name {NotText} argument names are plain ASCII, as tools/list gives them.";
    }

    private static JsonRpcError ProtocolError(JsonRpcRequest request, string message) => new()
    {
        Id = request.Id,
        Error = new JsonRpcErrorDetail { Code = (int)McpErrorCode.InvalidParams, Message = message },
    };

    private static JsonRpcResponse ToolError(JsonRpcRequest request, string tool, string problem) => new()
    {
        Id = request.Id,
        Result = JsonSerializer.SerializeToNode(ToolRegistration.InvalidArguments(tool, problem), ResultJson),
    };

    private static JsonRpcResponse Refused(JsonRpcRequest request, string refusal) => new()
    {
        Id = request.Id,
        Result = JsonSerializer.SerializeToNode(
            new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = refusal }] }, ResultJson),
    };

    private static readonly JsonTypeInfo<CallToolResult> ResultJson =
        (JsonTypeInfo<CallToolResult>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolResult));

    /// <summary>A name echoed in a message must itself be writable.</summary>
    private static string Readable(string name) =>
        string.Concat(name.Select(c => char.IsSurrogate(c) ? '\uFFFD' : c));

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
