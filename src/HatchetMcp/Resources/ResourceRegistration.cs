using HatchetMcp.Arguments;
using HatchetMcp.Hatchet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Resources;

/// <summary>Registers the Hatchet resources on an MCP server.</summary>
public static class ResourceRegistration
{
    /// <summary>
    /// Adds <see cref="HatchetResources"/> with the AOT-safe generic registration, an answer for a URI none of them
    /// matches, and the token scrubbing every read passes through (its text and its error message alike).
    /// </summary>
    public static IMcpServerBuilder AddHatchetResources(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<Tools.WorkflowCatalog>();
        return builder
            .WithResources<HatchetResources>()
            // Reached only when no resource matched the URI (the SDK tries them first).
            .WithReadResourceHandler((request, _) => throw new McpProtocolException(
                $"Unknown resource URI '{ToolArguments.Echo(request.Params?.Uri ?? string.Empty)}'. The resources are " +
                $"{HatchetResources.WorkersUri}, {HatchetResources.RunTemplate} (a run or task id, a UUID) and " +
                $"{HatchetResources.WorkflowTemplate} (a workflow name or id).",
                ResourceText.NotFoundCode(request.Server.NegotiatedProtocolVersion)))
            .WithRequestFilters(filters => filters.AddReadResourceFilter(next => async (context, cancellationToken) =>
            {
                var scrubber = context.Services?.GetService<HatchetSettings>()?.Token.Scrubber;
                try
                {
                    var result = await next(context, cancellationToken).ConfigureAwait(false);
                    if (scrubber is not null)
                    {
                        foreach (var contents in result.Contents.OfType<TextResourceContents>())
                        {
                            contents.Text = scrubber.Scrub(contents.Text);
                        }
                    }

                    return result;
                }
                catch (McpException e) when (scrubber is not null && scrubber.Finds(e.Message))
                {
                    throw Scrubbed(e, scrubber);
                }
            }));
    }

    /// <summary>The same error with the token taken out of its message (the SDK sends the message to the client).</summary>
    internal static McpException Scrubbed(McpException error, SecretScrubber scrubber) => error is McpProtocolException protocol
        ? new McpProtocolException(scrubber.Scrub(protocol.Message), protocol.ErrorCode)
        : new McpException(scrubber.Scrub(error.Message), error.InnerException);
}
