using HatchetMcp.Server;

namespace HatchetMcp.Cli;

/// <summary>Dispatches the verb: none runs the stdio server, serve-http the HTTP server; the others are tools for people.</summary>
internal static class CommandLine
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadUsage = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // Some launchers forward a lone "--" separator; it carries no meaning here.
        var rest = args.Length > 0 && args[0] == "--" ? args[1..] : args;
        var skipConfirmation = rest.Contains(Safety.ConfirmationOptions.SkipFlag);
        var serverArguments = rest.Where(a => a != Safety.ConfirmationOptions.SkipFlag).ToArray();
        if (serverArguments.Length == 0 || ToolSelection.IsServerOption(serverArguments[0]) || ServerConfiguration.IsBulkCapOption(serverArguments[0]))
        {
            using var signal = new ShutdownSignal();
            return await StdioServerCommand.RunAsync(serverArguments, stderr, signal.Token, skipConfirmation).ConfigureAwait(false);
        }

        var verb = rest[0];
        var verbArgs = rest[1..];
        switch (verb)
        {
            case "--help" or "-h" or "help":
                await stdout.WriteLineAsync(Usage.Text).ConfigureAwait(false);
                return Success;
            case "--version":
                var commit = ServerIdentity.Commit ?? "unknown: built outside a git checkout";
                await stdout.WriteLineAsync($"{ServerIdentity.Name} {ServerIdentity.Version} (commit {commit})").ConfigureAwait(false);
                return Success;
            case "emulator":
            {
                using var signal = new ShutdownSignal();
                return await EmulatorCommand.RunAsync(verbArgs, stdout, stderr, signal.Token).ConfigureAwait(false);
            }

            case "serve-http":
            {
                using var signal = new ShutdownSignal();
                return await HttpServerCommand.RunAsync(serverArguments[1..], stdout, stderr, signal.Token, skipConfirmation).ConfigureAwait(false);
            }

            case "keys":
                return await KeysCommand.RunAsync(verbArgs, stdout, stderr).ConfigureAwait(false);

            case "demo":
            {
                if (verbArgs is ["--help" or "-h"])
                {
                    await stdout.WriteLineAsync(Usage.Demo).ConfigureAwait(false);
                    return Success;
                }

                if (verbArgs.Length > 0)
                {
                    return await RejectAsync(stderr, $"demo takes no arguments but --help, got '{verbArgs[0]}'.").ConfigureAwait(false);
                }

                using var signal = new ShutdownSignal();
                return await DemoCommand.RunAsync(stdout, stderr, signal.Token).ConfigureAwait(false);
            }

            default:
                return await RejectAsync(stderr, $"unknown verb or option '{verb}'.").ConfigureAwait(false);
        }
    }

    private static async Task<int> RejectAsync(TextWriter stderr, string problem)
    {
        await stderr.WriteLineAsync($"hatchet-mcp: {problem}").ConfigureAwait(false);
        await stderr.WriteLineAsync().ConfigureAwait(false);
        await stderr.WriteLineAsync(Usage.Text).ConfigureAwait(false);
        return BadUsage;
    }
}
