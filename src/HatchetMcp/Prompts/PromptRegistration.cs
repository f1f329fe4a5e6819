using System.Text.Json;
using HatchetMcp.Hatchet;
using HatchetMcp.Resources;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Prompts;

/// <summary>Registers the operator prompts on an MCP server.</summary>
public static class PromptRegistration
{
    /// <summary>
    /// Adds <see cref="OperatorPrompts"/> with the AOT-safe generic registration, a check of the arguments a prompt is
    /// given (present when required, strings, known names) before the SDK binds them, and the token scrubbing every
    /// prompt passes through.
    /// </summary>
    public static IMcpServerBuilder AddHatchetPrompts(this IMcpServerBuilder builder, JsonSerializerOptions json)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .WithPrompts<OperatorPrompts>(json)
            .WithRequestFilters(filters => filters.AddGetPromptFilter(next => async (context, cancellationToken) =>
            {
                var scrubber = context.Services?.GetService<HatchetSettings>()?.Token.Scrubber;
                try
                {
                    if (context.MatchedPrimitive is McpServerPrompt prompt
                        && ArgumentProblem(prompt.ProtocolPrompt, context.Params?.Arguments) is { } problem)
                    {
                        throw Invalid(prompt.ProtocolPrompt.Name, problem);
                    }

                    GetPromptResult result;
                    try
                    {
                        result = await next(context, cancellationToken).ConfigureAwait(false);
                    }
                    catch (McpException e) when (e is not McpProtocolException)
                    {
                        // The prompt's own argument check (a window, a run id): the client's mistake, said as such.
                        throw Invalid(context.Params?.Name ?? "(unknown)", e.Message);
                    }

                    // A playbook naming a tool this server holds back says so, rather than send the model looking for it.
                    if (context.Services?.GetService<Server.ToolAvailability>() is { } availability
                        && result.Messages.LastOrDefault()?.Content is TextContentBlock playbook
                        && availability.UnavailableLine(playbook.Text) is { } unavailable)
                    {
                        playbook.Text += "\n" + unavailable;
                    }

                    if (scrubber is not null)
                    {
                        foreach (var message in result.Messages)
                        {
                            if (message.Content is TextContentBlock text)
                            {
                                text.Text = scrubber.Scrub(text.Text);
                            }
                        }
                    }

                    return result;
                }
                catch (McpException e) when (scrubber is not null && scrubber.Finds(e.Message))
                {
                    throw ResourceRegistration.Scrubbed(e, scrubber);
                }
            }));
    }

    /// <summary>Prompt arguments are strings (the protocol says so); anything else would fail in binding with no message.</summary>
    private static string? ArgumentProblem(Prompt prompt, IDictionary<string, JsonElement>? given)
    {
        var declared = prompt.Arguments ?? [];
        var accepted = declared.Count == 0 ? "it takes no arguments" : "it takes " + string.Join(", ", declared.Select(a => a.Name));
        foreach (var (name, value) in given ?? new Dictionary<string, JsonElement>())
        {
            if (!declared.Any(a => a.Name == name))
            {
                return $"unknown argument '{Arguments.ToolArguments.Echo(name)}'; {accepted}.";
            }

            if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return $"{name} must be a string; got a JSON {value.ValueKind.ToString().ToLowerInvariant()}.";
            }
        }

        foreach (var argument in declared.Where(a => a.Required == true))
        {
            if (given is null || !given.TryGetValue(argument.Name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return $"{argument.Name} is required: {argument.Description}";
            }
        }

        return null;
    }

    private static McpProtocolException Invalid(string prompt, string problem) =>
        new($"Invalid arguments for prompt '{prompt}': {problem}", McpErrorCode.InvalidParams);
}
