using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace HatchetMcp.Server;

/// <summary>
/// Applies a <see cref="ToolSelection"/> after the tools are registered: the generic, AOT-safe registration stays
/// whole, and the held-back tools are taken out of the server's tool collection (so tools/list never shows them), the
/// instructions are told the mode and what is held back, and <see cref="ToolAvailability"/> is there for the call
/// screen and the prompts.
/// </summary>
internal static class ToolAvailabilityRegistration
{
    public static IMcpServerBuilder ApplyToolSelection(this IMcpServerBuilder builder, ToolSelection selection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(selection);

        // The SDK registers each tool as an McpServerTool singleton; their annotations say which ones write.
        builder.Services.AddSingleton(services => ToolAvailability.Decide(
            selection,
            services.GetServices<McpServerTool>().Select(tool =>
                (tool.ProtocolTool.Name, tool.ProtocolTool.Annotations?.ReadOnlyHint == true))));
        builder.Services.AddOptions<McpServerOptions>().PostConfigure<ToolAvailability>((options, availability) =>
        {
            if (options.ToolCollection is { } tools)
            {
                foreach (var tool in tools.Where(tool => !availability.IsListed(tool.ProtocolTool.Name)).ToList())
                {
                    tools.Remove(tool);
                }
            }

            options.ServerInstructions = string.IsNullOrEmpty(options.ServerInstructions)
                ? availability.InstructionsText()
                : options.ServerInstructions + " " + availability.InstructionsText();
        });
        return builder;
    }
}
