using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using HatchetMcp.Safety;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>Registers the Hatchet operator tools on an MCP server.</summary>
public static class ToolRegistration
{
    /// <summary>
    /// Adds the ten Hatchet tools with the AOT-safe generic registration. The host registers <c>IHatchetClient</c> and
    /// <c>HatchetSettings</c> (whoami reports them); a <see cref="ToolOutputOptions"/> and a <see cref="TimeProvider"/> are
    /// added with defaults unless already registered.
    /// </summary>
    public static IMcpServerBuilder AddHatchetTools(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(new ToolOutputOptions());
        builder.Services.TryAddSingleton(TimeProvider.System);

        var json = JsonOptions;
        return builder
            .WithTools<IdentityTools>(json)
            .WithTools<WorkflowTools>(json)
            .WithTools<RunTools>(json)
            .WithTools<LogTools>(json)
            .WithTools<WorkerTools>(json)
            .WithTools<MetricsTools>(json)
            .WithTools<WriteTools>(json)
            .WithRequestFilters(filters => filters.AddCallToolFilter(next => async (context, cancellationToken) =>
            {
                // Wrong argument shapes would otherwise fail in binding with a message-less error.
                if (context.Params is { } call && ToolFor(context, call.Name) is { } tool &&
                    ArgumentShapeCheck.FindProblem(tool.ProtocolTool.InputSchema, call.Arguments?.AsReadOnly()) is { } problem)
                {
                    return new CallToolResult
                    {
                        IsError = true,
                        Content = [new TextContentBlock { Text = $"Invalid arguments for '{call.Name}': {problem}" }],
                    };
                }

                return await next(context, cancellationToken).ConfigureAwait(false);
            }));
    }

    private static McpServerTool? ToolFor(RequestContext<CallToolRequestParams> context, string name) =>
        context.MatchedPrimitive as McpServerTool
        ?? (context.Server.ServerOptions.ToolCollection is { } tools && tools.TryGetPrimitive(name, out var tool) ? tool : null);

    /// <summary>SDK protocol types first, then the tools' own source-generated records and argument types.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(McpJsonUtilities.DefaultOptions);
        options.TypeInfoResolverChain.Clear();
        options.TypeInfoResolverChain.Add(McpJsonUtilities.DefaultOptions.TypeInfoResolver!);
        options.TypeInfoResolverChain.Add(ToolsJsonContext.Default);
        options.MakeReadOnly();
        return options;
    }
}
