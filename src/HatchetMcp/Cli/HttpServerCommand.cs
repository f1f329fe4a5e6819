using HatchetMcp.Server;
using HatchetMcp.Server.Http;

namespace HatchetMcp.Cli;

/// <summary>
/// <c>serve-http</c>: validate the options and the configuration, serve MCP over Streamable HTTP, print
/// <c>MCP_URL=…</c> as the first stdout line once bound, and on a stop signal drain the requests in flight.
/// </summary>
internal static class HttpServerCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken,
        bool skipConfirmation = false)
    {
        if (arguments is ["--help" or "-h"])
        {
            await stdout.WriteLineAsync(Usage.ServeHttp).ConfigureAwait(false);
            return CommandLine.Success;
        }

        var environment = ServerConfiguration.ProcessEnvironment();
        var options = HttpServerOptions.Read(environment, arguments, out var serverArguments, out var optionsError);
        if (options is null)
        {
            await stderr.WriteLineAsync($"hatchet-mcp: {optionsError}").ConfigureAwait(false);
            return CommandLine.BadUsage;
        }

        // Without a profiles file there is no access section: refuse an unusable start before asking for a token.
        if (string.IsNullOrEmpty(environment.GetValueOrDefault(Profiles.ServerProfiles.EnvironmentVariable))
            && new HttpAccess(options, Server.Http.Auth.AccessConfiguration.None).RefusalToStart() is { } early)
        {
            await stderr.WriteLineAsync($"hatchet-mcp: {early}").ConfigureAwait(false);
            return CommandLine.BadUsage;
        }

        var configuration = await StdioServerCommand.ReadConfigurationAsync(environment, serverArguments, stderr, skipConfirmation).ConfigureAwait(false);
        if (configuration is null)
        {
            return CommandLine.BadUsage;
        }

        var access = HttpAccess.For(options, configuration, out var accessError);
        var refusal = access is null ? accessError : access.RefusalToStart();
        if (refusal is not null)
        {
            await stderr.WriteLineAsync($"hatchet-mcp: {refusal}").ConfigureAwait(false);
            return CommandLine.BadUsage;
        }

        StreamableHttpServer server;
        try
        {
            server = await StreamableHttpServer.StartAsync(configuration, options, stderr, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            await stderr.WriteLineAsync($"hatchet-mcp: serve-http could not start on {string.Join(';', options.Urls)}: {exception.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return CommandLine.Failure;
        }

        await using (server.ConfigureAwait(false))
        {
            await stdout.WriteLineAsync($"MCP_URL={server.McpUrl}").ConfigureAwait(false);
            await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await server.WaitForStopRequestAsync(cancellationToken).ConfigureAwait(false);
            await server.StopAsync().ConfigureAwait(false);
        }

        return CommandLine.Success;
    }
}
