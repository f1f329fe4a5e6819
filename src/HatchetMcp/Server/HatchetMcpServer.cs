using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using HatchetMcp.Profiles;
using HatchetMcp.Prompts;
using HatchetMcp.Resources;
using HatchetMcp.Safety;
using HatchetMcp.Server.Telemetry;
using HatchetMcp.Server.Http.Auth;
using HatchetMcp.Shaping;
using HatchetMcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;

namespace HatchetMcp.Server;

/// <summary>
/// The one place the server is composed: the Hatchet client, the MCP server identity and instructions, the tools,
/// resources and prompts.
/// Callers add the transport (stdio, in-memory streams, HTTP) and logging, so every mode serves the same server.
/// </summary>
public static class HatchetMcpServer
{
    /// <summary>Registers the server on <paramref name="services"/>; add a transport to the returned builder.</summary>
    /// <param name="services">The container to register into.</param>
    /// <param name="settings">Where Hatchet is and with which token.</param>
    /// <param name="output">The tools' text budget; defaults when null.</param>
    /// <param name="time">The clock tools use for relative windows ("24h"); the system clock when null.</param>
    /// <param name="dashboard">Links into the Hatchet dashboard; the API base's origin when null.</param>
    /// <param name="tools">Which tools are listed (read-only mode, toolsets); every tool when null.</param>
    /// <param name="confirmation">How writes are confirmed; every write confirmed when null.</param>
    /// <param name="audit">Where audit lines go besides stderr; stderr only when null.</param>
    /// <param name="profiles">The Hatchet connections; <paramref name="settings"/> alone when null. Its default's settings must be <paramref name="settings"/>.</param>
    public static IMcpServerBuilder Configure(
        IServiceCollection services,
        HatchetSettings settings,
        ToolOutputOptions? output = null,
        TimeProvider? time = null,
        DashboardLinks? dashboard = null,
        ToolSelection? tools = null,
        ConfirmationOptions? confirmation = null,
        AuditLogOptions? audit = null,
        ServerProfiles? profiles = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);

        // Registered before the tools so their defaults (added with TryAdd) do not replace these.
        services.AddSingleton(output ?? new ToolOutputOptions());
        services.AddSingleton(dashboard ?? DashboardLinks.ForApi(settings));
        confirmation ??= new ConfirmationOptions();
        services.AddSingleton(confirmation);
        services.AddSingleton(audit ?? new AuditLogOptions());
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        profiles ??= ServerProfiles.Single(settings, dashboard);
        services.AddHatchetClient(settings);
        return services
            .AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation
                {
                    Name = ServerIdentity.Name,
                    Title = ServerIdentity.Title,
                    Version = ServerIdentity.Version,
                };
                options.ServerInstructions = ServerInstructions.For(confirmation) + ProfilesText(profiles);
            })
            // First, so it is the outermost call-tool filter and measures the answer the client gets.
            .AddToolTelemetry()
            .AddHatchetTools()
            .ApplyToolSelection(tools ?? ToolSelection.Everything)
            .AddHatchetResources()
            .AddHatchetPrompts(ToolRegistration.JsonOptions)
            .ScreenToolCalls()
            .AuthorizeCallers(profiles)
            .AddProfiles(profiles)
            .KeepToolCallForConfirmation();
    }

    /// <summary>With several profiles, the instructions name them, say which are read-only and what resources use.</summary>
    private static string ProfilesText(ServerProfiles profiles) => profiles.AreSeveral
        ? $" Profiles (Hatchet connections): {string.Join(", ", profiles.All.Select(p => p.ReadOnly ? $"{p.Name} (read-only)" : p.Name))}; " +
          $"every tool takes profile (default {profiles.Default.Name}); resources and prompts use {profiles.Default.Name}. " +
          "Name the profile when you report or act."
        : string.Empty;

    /// <summary>
    /// Serves the composed server over a pair of streams (stdio, or in-memory pipes), with requests nested beyond the
    /// SDK's reader limit turned into tool errors (see <see cref="NestingGuard"/>).
    /// </summary>
    public static IMcpServerBuilder WithHatchetStreams(this IMcpServerBuilder builder, Stream input, Stream output)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithStreamServerTransport(NestingGuard.Wrap(input), output);
    }

    /// <summary>Registers the server from a configuration read from the environment.</summary>
    public static IMcpServerBuilder Configure(IServiceCollection services, ServerConfiguration configuration, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(new FetchGate(configuration.MaxConcurrency));
        services.AddSingleton(configuration.BulkCap);
        services.AddHatchetTelemetry(configuration.Telemetry);
        return Configure(services, configuration.Settings, configuration.Output, time, configuration.Dashboard, configuration.Tools, configuration.Confirmation, configuration.Audit, configuration.Profiles);
    }
}
