using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace HatchetMcp.Server;

/// <summary>
/// Serves one MCP session over stdin/stdout until the client closes stdin or the process is asked to stop; either way the
/// requests already read are answered first.
/// No generic host: it would walk and watch the working directory and read configuration files before the first request.
/// </summary>
public static class StdioServer
{
    /// <summary>
    /// At end of input or on a stop signal, how long answers still being worked on may hold the exit: a Hatchet call's own
    /// limit, and a little.
    /// </summary>
    private static TimeSpan DrainLimit(ServerConfiguration configuration) => configuration.Settings.Timeout + TimeSpan.FromSeconds(5);

    public static async Task RunAsync(ServerConfiguration configuration, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(log);

        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .ClearProviders()
            .SetMinimumLevel(configuration.LogLevel)
            .AddProvider(new StderrLoggerProvider(log, configuration.LogLevel,
                configuration.Profiles?.All.Select(profile => profile.Settings.Token) ?? [configuration.Settings.Token])));
        var requests = new RequestsInFlight();
        HatchetMcpServer.Configure(services, configuration)
            .TrackRequestsInFlight(requests)
            .WithHatchetStreams(StdioStreams.Input(requests, DrainLimit(configuration), cancellationToken), StdioStreams.Output());

        await using var provider = services.BuildServiceProvider();
        Telemetry.TelemetryRegistration.StartTelemetry(provider);
        var server = provider.GetRequiredService<McpServer>();
        try
        {
            // The stop signal reaches the session through the input stream, which ends like a closed stdin once the
            // requests already read are answered; cancelling the session itself would cut those requests off.
            await server.RunAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: a normal way for a stdio server to end.
        }
    }
}
