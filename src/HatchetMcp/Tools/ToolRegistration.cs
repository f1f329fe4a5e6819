using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol;

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
            .WithTools<WriteTools>(json);
    }

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
