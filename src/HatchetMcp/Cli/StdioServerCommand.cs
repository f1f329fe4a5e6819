using HatchetMcp.Server;

namespace HatchetMcp.Cli;

/// <summary>No verb (or only the server's options): validate the configuration, then serve MCP over stdio.</summary>
internal static class StdioServerCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter stderr, CancellationToken cancellationToken,
        bool skipConfirmation = false)
    {
        var result = ServerConfiguration.Read(ServerConfiguration.ProcessEnvironment(), TimeProvider.System, arguments);
        if (result.Configuration is null)
        {
            // Exactly one line: MCP clients show the server's stderr, and a single sentence is what a person can act on.
            await stderr.WriteLineAsync($"hatchet-mcp: {result.Error}").ConfigureAwait(false);
            return CommandLine.BadUsage;
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

        await StdioServer.RunAsync(configuration, stderr, cancellationToken).ConfigureAwait(false);
        return CommandLine.Success;
    }
}
