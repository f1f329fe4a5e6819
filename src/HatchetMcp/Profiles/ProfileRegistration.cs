using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Profiles;

/// <summary>
/// With several profiles: every tool takes <c>profile</c> (an enum of the names, in its input schema), and each call
/// runs on that profile's services. With one, nothing changes: no argument, the same schemas.
/// </summary>
internal static class ProfileRegistration
{
    public const string Argument = "profile";

    public static IMcpServerBuilder AddProfiles(this IMcpServerBuilder builder, ServerProfiles profiles)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(profiles);
        builder.Services.AddSingleton(profiles);
        builder.Services.AddSingleton(profiles.Default);
        if (!profiles.AreSeveral)
        {
            return builder;
        }

        builder.Services.AddSingleton(services => new ProfileServices(services, profiles));
        builder.Services.PostConfigure<McpServerOptions>(options =>
        {
            if (options.ToolCollection is { } tools)
            {
                foreach (var tool in tools)
                {
                    tool.ProtocolTool.InputSchema = WithProfile(tool.ProtocolTool.InputSchema, profiles);
                }
            }
        });

        // The tools stay as they are: the SDK builds each tool instance from the request context's Services (settable
        // by a filter), so pointing them at the profile's container routes the whole call, findings and caches included.
        return builder.WithRequestFilters(filters => filters.AddCallToolFilter(next => async (context, cancellationToken) =>
        {
            if (context.Params is not { } call)
            {
                return await next(context, cancellationToken).ConfigureAwait(false);
            }

            var profile = profiles.Default;
            if (call.Arguments is { } arguments && arguments.TryGetValue(Argument, out var named))
            {
                arguments.Remove(Argument);
                var name = named.ValueKind == JsonValueKind.String ? named.GetString() : null;
                if (name is null || profiles.Find(name) is not { } found)
                {
                    return Error($"Invalid arguments for '{call.Name}': profile must be one of {string.Join(", ", profiles.Names)} " +
                                 $"(default {profiles.Default.Name}); nothing was sent to Hatchet.");
                }

                profile = found;
            }

            var isWrite = IsWrite(context, call.Name);
            if (profile.ReadOnly && isWrite)
            {
                return Error($"'{call.Name}' is not available on profile '{profile.Name}': that profile is read-only, so no tool that changes " +
                             "live state runs on it. Nothing was sent to Hatchet.");
            }

            var before = context.Services;
            var routed = context.Server.Services?.GetRequiredService<ProfileServices>()
                         ?? throw new InvalidOperationException("The profiles' services are not registered.");
            context.Services = routed.For(profile, before);
            CallToolResult result;
            try
            {
                result = await next(context, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                context.Services = before;
            }

            // A write's preview or outcome is read by the human who approves it: it says which connection it is for.
            if (isWrite && result.Content.FirstOrDefault() is TextContentBlock first)
            {
                first.Text = $"Profile: {profile.Name}\n{first.Text}";
            }

            return result;
        }));
    }

    internal static bool IsWrite(RequestContext<CallToolRequestParams> context, string name)
    {
        var tool = context.MatchedPrimitive as McpServerTool
                   ?? (context.Server.ServerOptions.ToolCollection is { } tools && tools.TryGetPrimitive(name, out var found) ? found : null);
        // Unknown means unsafe: only a tool annotated read-only runs on a read-only profile.
        return tool?.ProtocolTool.Annotations?.ReadOnlyHint != true;
    }

    private static CallToolResult Error(string text) => new() { IsError = true, Content = [new TextContentBlock { Text = text }] };

    private static JsonElement WithProfile(JsonElement schema, ServerProfiles profiles)
    {
        var node = JsonNode.Parse(schema.GetRawText()) as JsonObject ?? new JsonObject { ["type"] = "object" };
        if (node["properties"] is not JsonObject properties)
        {
            properties = [];
            node["properties"] = properties;
        }

        var names = new JsonArray();
        foreach (var name in profiles.Names)
        {
            names.Add((JsonNode?)JsonValue.Create(name));
        }

        properties[Argument] = new JsonObject
        {
            ["type"] = "string",
            ["enum"] = names,
            ["description"] = $"Hatchet connection to act on (default {profiles.Default.Name}).",
        };
        return JsonSerializer.SerializeToElement(node, NodeJson);
    }

    private static readonly JsonTypeInfo<JsonNode> NodeJson =
        (JsonTypeInfo<JsonNode>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonNode));
}
