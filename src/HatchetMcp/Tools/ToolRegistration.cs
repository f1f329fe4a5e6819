using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol;

namespace HatchetMcp.Tools;

/// <summary>Registers the Hatchet operator tools on an MCP server.</summary>
public static class ToolRegistration
{
    /// <summary>
    /// Adds every Hatchet tool with the AOT-safe generic registration. The host registers <c>IHatchetClient</c>; a
    /// <see cref="ToolOutputOptions"/> and a <see cref="TimeProvider"/> are added with defaults unless already registered.
    /// </summary>
    public static IMcpServerBuilder AddHatchetTools(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(new ToolOutputOptions());
        builder.Services.TryAddSingleton(TimeProvider.System);

        var json = CreateJsonOptions();
        _ = json;
        return builder;
    }

    /// <summary>SDK types first, then the tools' own source-generated records.</summary>
    internal static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(McpJsonUtilities.DefaultOptions);
        options.TypeInfoResolverChain.Clear();
        options.TypeInfoResolverChain.Add(McpJsonUtilities.DefaultOptions.TypeInfoResolver!);
        options.MakeReadOnly();
        return options;
    }
}
