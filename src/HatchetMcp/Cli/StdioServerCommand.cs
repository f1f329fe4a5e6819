using HatchetMcp.Server;

namespace HatchetMcp.Cli;

/// <summary>No verb (or only the server's options): validate the configuration, then serve MCP over stdio.</summary>
internal static class StdioServerCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter stderr, CancellationToken cancellationToken,
        bool skipConfirmation = false)
    {
        var configuration = await ReadConfigurationAsync(ServerConfiguration.ProcessEnvironment(), arguments, stderr, skipConfirmation).ConfigureAwait(false);
        if (configuration is null)
        {
            return CommandLine.BadUsage;
        }

        await StdioServer.RunAsync(configuration, stderr, cancellationToken).ConfigureAwait(false);
        return CommandLine.Success;
    }

    /// <summary>
    /// The configuration every transport serves, or null after one error line on stderr; warnings (a token near expiry,
    /// confirmation off) are printed and the configuration returned.
    /// </summary>
    internal static async Task<ServerConfiguration?> ReadConfigurationAsync(IReadOnlyDictionary<string, string?> environment,
        IReadOnlyList<string> arguments, TextWriter stderr, bool skipConfirmation)
    {
        var result = ServerConfiguration.Read(environment, TimeProvider.System, arguments);
        if (result.Configuration is null)
        {
            // Exactly one line: MCP clients show the server's stderr, and a single sentence is what a person can act on.
            await stderr.WriteLineAsync($"hatchet-mcp: {result.Error}").ConfigureAwait(false);
            return null;
        }

        if (result.Warning is not null)
        {
            await stderr.WriteLineAsync($"hatchet-mcp: warning: {result.Warning}").ConfigureAwait(false);
        }

        var configuration = skipConfirmation ? result.Configuration with { Confirmation = Safety.ConfirmationOptions.Skipped } : result.Configuration;
        if (configuration.Confirmation.Skip)
        {
            await stderr.WriteLineAsync($"hatchet-mcp: warning: {Safety.ConfirmationOptions.SkipWarning}").ConfigureAwait(false);
        }

        return configuration;
    }
}
