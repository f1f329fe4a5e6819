using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace HatchetMcp.Server;

/// <summary>
/// Serves one MCP session over stdin/stdout until the client closes stdin or the process is asked to stop.
/// No generic host: it would walk and watch the working directory and read configuration files before the first request.
/// </summary>
public static class StdioServer
{
    public static async Task RunAsync(ServerConfiguration configuration, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(log);

        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .ClearProviders()
            .SetMinimumLevel(configuration.LogLevel)
            .AddProvider(new StderrLoggerProvider(log, configuration.LogLevel, configuration.Settings.Token)));
        HatchetMcpServer.Configure(services, configuration)
            .WithStreamServerTransport(StdioStreams.Input(), StdioStreams.Output());

        await using var provider = services.BuildServiceProvider();
        var server = provider.GetRequiredService<McpServer>();
        try
        {
            await server.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: a normal way for a stdio server to end.
        }
    }
}
