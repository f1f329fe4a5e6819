using HatchetMcp.Emulator;
using HatchetMcp.Server;
using Microsoft.Extensions.Logging;

namespace HatchetMcp.Cli;

/// <summary>
/// <c>demo</c>: the built-in emulator, the real server against it and a real MCP client over in-memory pipes, walking the
/// debugging flow an operator would. Calls and answers go to stdout; logs to stderr.
/// </summary>
internal static class DemoCommand
{
    public static async Task<int> RunAsync(TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions(), cancellationToken).ConfigureAwait(false);
            var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["HATCHET_CLIENT_TOKEN"] = emulator.Token,
                ["HATCHET_API_BASE"] = emulator.BaseUrl.ToString(),
            };
            var read = ServerConfiguration.Read(environment, emulator.Time);
            if (read.Configuration is null)
            {
                await stderr.WriteLineAsync($"hatchet-mcp demo: the emulator's configuration was refused: {read.Error}").ConfigureAwait(false);
                return CommandLine.Failure;
            }

            await using var server = await InMemoryMcpServer.StartAsync(
                read.Configuration.Settings,
                new InMemoryMcpServerOptions
                {
                    Output = read.Configuration.Output with { ServerMode = "demo (in-memory pipes)" },
                    Time = emulator.Time,
                    Log = stderr,
                    LogLevel = LogLevel.Warning,
                },
                cancellationToken).ConfigureAwait(false);

            await stdout.WriteLineAsync(
                $"hatchet-mcp demo: an MCP client talking to hatchet-mcp {ServerIdentity.Version}, which talks to the built-in "
                + $"Hatchet emulator at {emulator.BaseUrl} (tenant \"{emulator.Facts.TenantName}\", realistic scenario).").ConfigureAwait(false);
            return await new DemoFlow(server.Client, stdout).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DemoStepFailedException e)
        {
            await stderr.WriteLineAsync($"hatchet-mcp demo: {e.Message}").ConfigureAwait(false);
            return CommandLine.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("hatchet-mcp demo: stopped.").ConfigureAwait(false);
            return CommandLine.Failure;
        }
    }
}
