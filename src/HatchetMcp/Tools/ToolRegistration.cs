using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using HatchetMcp.Arguments;
using HatchetMcp.Shaping;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>Registers the Hatchet operator tools on an MCP server.</summary>
public static class ToolRegistration
{
    /// <summary>
    /// Adds the Hatchet tools with the AOT-safe generic registration. The host registers <c>IHatchetClient</c> and
    /// <c>HatchetSettings</c> (whoami reports them); a <see cref="ToolOutputOptions"/> and a <see cref="TimeProvider"/> are
    /// added with defaults unless already registered.
    /// </summary>
    public static IMcpServerBuilder AddHatchetTools(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(new ToolOutputOptions());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<WorkflowCatalog>();
        builder.Services.TryAddSingleton(services => DashboardLinks.ForApi(services.GetRequiredService<HatchetSettings>()));
        builder.Services.TryAddSingleton<ProgressBlockers>();
        builder.Services.TryAddSingleton(_ => new FetchGate());
        builder.Services.TryAddSingleton<WorkflowVersionNames>();
        builder.Services.TryAddSingleton<WorkflowHistory>();
        builder.Services.TryAddSingleton<FailureSummaryScan>();
        builder.Services.TryAddSingleton(new Safety.ConfirmationOptions());
        builder.Services.TryAddSingleton(new Safety.AuditLogOptions());
        builder.Services.TryAddSingleton<Safety.ConfirmationTokens>();
        builder.Services.TryAddSingleton<Safety.IWriteConfirmation, Safety.WriteConfirmation>();
        builder.Services.TryAddSingleton<Safety.AuditLog>();
        builder.Services.TryAddSingleton<WriteSteps>();
        builder.Services.TryAddSingleton<Safety.PinnedSelections>();
        builder.Services.TryAddSingleton(new Safety.BulkCap());

        // Tools build their own structured answers; see PrebuiltResultTool for why the SDK must not see their schemas.
        builder.Services.PostConfigure<McpServerOptions>(options =>
        {
            if (options.ToolCollection is { } tools)
            {
                PrebuiltResultTool.WrapAll(tools);
            }
        });

        var json = JsonOptions;
        return builder
            .WithTools<IdentityTools>(json)
            .WithTools<WorkflowTools>(json)
            .WithTools<WorkflowDetailTools>(json)
            .WithTools<RunTools>(json)
            .WithTools<DiagnosisTools>(json)
            .WithTools<LogTools>(json)
            .WithTools<LogSearchTools>(json)
            .WithTools<WorkerTools>(json)
            .WithTools<WorkerDetailTools>(json)
            .WithTools<RateLimitTools>(json)
            .WithTools<TriggerTools>(json)
            .WithTools<EventTools>(json)
            .WithTools<MetricsTools>(json)
            .WithTools<StuckRunTools>(json)
            .WithTools<FailureSummaryTools>(json)
            .WithTools<TriggerWorkflowTools>(json)
            .WithTools<RunActionTools>(json)
            .WithTools<PauseTools>(json)
            // Outermost: every answer, error answers included, leaves without any part of the token.
            .WithRequestFilters(filters => filters.AddCallToolFilter(next => async (context, cancellationToken) =>
            {
                var result = await next(context, cancellationToken).ConfigureAwait(false);
                if (context.Services?.GetService<Profiles.ServerProfiles>() is { } profiles)
                {
                    // Every profile's token: an answer from one tenant may quote anything.
                    foreach (var profile in profiles.All)
                    {
                        result = SecretScrubbing.Scrub(result, profile.Settings.Token.Scrubber);
                    }

                    return result;
                }

                return context.Services?.GetService<HatchetSettings>()?.Token.Scrubber is { } scrubber
                    ? SecretScrubbing.Scrub(result, scrubber)
                    : result;
            }))
            .WithRequestFilters(filters => filters.AddCallToolFilter(next => async (context, cancellationToken) =>
            {
                // Wrong argument shapes would otherwise fail in binding with a message-less error.
                if (context.Params is { } call && ToolFor(context, call.Name) is { } tool &&
                    ArgumentShapeCheck.FindProblem(tool.ProtocolTool.InputSchema, call.Arguments?.AsReadOnly()) is { } problem)
                {
                    return InvalidArguments(call.Name, problem);
                }

                try
                {
                    return await next(context, cancellationToken).ConfigureAwait(false);
                }
                catch (McpException expected) when (expected is not McpProtocolException)
                {
                    // A bad argument or a refusal from Hatchet is an answer, not a server fault. Answered here, it gets
                    // the same text the SDK would give, without the SDK's "unhandled exception" error and stack trace on
                    // stderr (eight writes) for every mistyped id.
                    var name = context.Params?.Name ?? "(unknown)";
                    LogToolError(context, name, expected);
                    return new CallToolResult
                    {
                        IsError = true,
                        Content = [new TextContentBlock { Text = $"An error occurred invoking '{name}': {expected.Message}" }],
                    };
                }
            }));
    }

    /// <summary>The tool error for arguments that do not fit the tool's schema, whoever finds the problem.</summary>
    internal static CallToolResult InvalidArguments(string tool, string problem) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = $"Invalid arguments for '{tool}': {problem}" }],
    };

    /// <summary>Hatchet's refusals (token, outage) are worth a warning line; argument mistakes only at debug level.</summary>
    private static void LogToolError(RequestContext<CallToolRequestParams> context, string tool, McpException error)
    {
        var logger = context.Services?.GetService<ILoggerFactory>()?.CreateLogger("HatchetMcp.Tools");
        if (logger is null)
        {
            return;
        }

        var level = error.InnerException is HatchetApiException ? LogLevel.Warning : LogLevel.Debug;
        if (logger.IsEnabled(level))
        {
            logger.Log(level, "{Tool} answered with an error: {Message}", tool, error.Message);
        }
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
