using HatchetMcp.Emulator;

namespace HatchetMcp.Cli;

/// <summary>
/// <c>emulator</c>: hands over to the emulator's own command line. Kept apart from <see cref="CommandLine"/> so the stdio
/// server's start-up never loads the emulator assembly.
/// </summary>
internal static class EmulatorCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        EmulatorCli.RunAsync(args, stdout, stderr, cancellationToken);
}
