namespace HatchetMcp.Cli;

/// <summary>The texts printed by <c>--help</c> (on stdout) and after bad arguments (on stderr).</summary>
internal static class Usage
{
    public static string Text { get; } =
        $"""
        hatchet-mcp {Server.ServerIdentity.Version}: an MCP server for the Hatchet workflow engine.

        Usage:
          hatchet-mcp [--read-only] [--toolsets LIST] [--tools LIST] [--exclude-tools LIST] [--bulk-cap N]
                                      run the MCP server over stdio (what MCP clients launch);
                                      --read-only: no tool that changes live state is listed or run;
                                      --toolsets: areas to list (default, all, or areas such as runs,findings);
                                      --tools: single tools to list besides (alone: only these);
                                      --exclude-tools: tools never listed (wins over the others);
                                      --bulk-cap: most runs a cancel/replay filter may match (default 100)
          hatchet-mcp --dangerously-skip-confirmation [options above]
                                      the same, with writes acting on the first call, unconfirmed (unattended
                                      automation only; warns on stderr and in the server's instructions)
          hatchet-mcp demo            walk a debugging flow against the built-in emulator and print each call
          hatchet-mcp emulator [--port N] [--scenario realistic|empty] [--seed N] [--scale N] [--test-hooks]
                                      serve the Hatchet API emulator; prints HATCHET_API_BASE=... and
                                      HATCHET_CLIENT_TOKEN=... then serves until stopped
          hatchet-mcp <verb> --help   help on demo or emulator
          hatchet-mcp --help | -h     this text
          hatchet-mcp --version       the version and the commit it was built from

        Under dotnet dnx, the tool's own arguments go after "--": dotnet dnx HatchetMcp --yes -- demo

        Environment (server):
        {ServerEnvironmentHelp.Text}

        Exit codes: 0 done, 1 failure, 2 unusable configuration or arguments.
        """;

    public static string Demo { get; } =
        """
        hatchet-mcp demo: walk an operator's debugging flow against the built-in Hatchet emulator.

        Usage:
          hatchet-mcp demo

        Starts the emulator in-process (realistic scenario), the MCP server against it, and a real MCP client over
        in-memory pipes. The client then asks what an operator would: whoami, the failed runs of the last 24 hours,
        when the most failing workflow last succeeded, its latest failure and logs, worker and queue health, then replays
        that run and checks it was re-queued. Each call and its answer is printed, and the demo ends with the conclusion
        it draws from the answers (which workflow is failing, since when, on which error, whether capacity is the
        problem, whether a replay will help).

        Needs no Hatchet account, token or network, and reads no environment variables. Logs go to stderr.

        Exit codes: 0 done, 1 a step did not give the answer the next one needs, 2 bad arguments.
        """;
}
