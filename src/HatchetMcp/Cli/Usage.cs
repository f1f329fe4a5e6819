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
          hatchet-mcp serve-http [--urls URLS] [--allow-anonymous-loopback] [server options above]
                                      serve MCP over Streamable HTTP at /mcp (stateless), with /healthz and
                                      /readyz; prints MCP_URL=... first; callers authenticate with the API keys
                                      or OAuth of the HATCHET_MCP_CONFIG file's "access" section, or (loopback
                                      only) anonymously with --allow-anonymous-loopback
          hatchet-mcp keys new [--name NAME] [--role read|write] [--profiles a,b]
                                      make an API key for serve-http: prints it once and the entry (its hash)
                                      to add to the HATCHET_MCP_CONFIG file's "access" section, "api_keys" list
          hatchet-mcp demo            walk a debugging flow against the built-in emulator and print each call
          hatchet-mcp emulator [--port N] [--scenario realistic|empty] [--seed N] [--scale N] [--test-hooks]
                                      serve the Hatchet API emulator; prints HATCHET_API_BASE=... and
                                      HATCHET_CLIENT_TOKEN=... then serves until stopped
          hatchet-mcp <verb> --help   help on serve-http, demo or emulator
          hatchet-mcp --help | -h     this text
          hatchet-mcp --version       the version and the commit it was built from

        Under dotnet dnx, the tool's own arguments go after "--": dotnet dnx HatchetMcp --yes -- demo

        Environment (server):
        {ServerEnvironmentHelp.Text}

        Exit codes: 0 done, 1 failure, 2 unusable configuration or arguments.
        """;

    public static string ServeHttp { get; } =
        $"""
        hatchet-mcp serve-http: serve MCP over Streamable HTTP for clients that do not launch processes.

        Usage:
          hatchet-mcp serve-http [--urls URLS] [--allow-anonymous-loopback] [--read-only] [--toolsets LIST] [--tools LIST]
                                 [--exclude-tools LIST] [--dangerously-skip-confirmation]

          --urls URLS                   addresses to listen on, separated by ';' (default {Server.Http.HttpServerOptions.DefaultUrl};
                                        port 0 picks a free port)
          --allow-anonymous-loopback    serve callers without credentials when the HATCHET_MCP_CONFIG file has no
                                        "access" section; only loopback addresses (127.0.0.1, ::1, localhost) are
                                        accepted. With "access", every call sends Authorization: Bearer <API key or
                                        OAuth access token>: 401 without a valid one, 403 signed in without a role

        The same tools, resources, prompts, confirmation and audit as stdio, at /mcp, stateless (no session is kept, so
        replicas need no affinity). GET /healthz answers 200 while the process runs; GET /readyz answers 200 when Hatchet
        answers this server's token (checked at most every 5 s) and 503 with the reason when it does not.
        The first stdout line is MCP_URL=<the bound /mcp address>; logs go to stderr (JSON lines with
        HATCHET_MCP_LOG_FORMAT=json). Refused with 403: a Host or Origin that is not loopback or listed in
        HATCHET_MCP_ALLOWED_HOSTS / HATCHET_MCP_ALLOWED_ORIGINS; 413: a body over HATCHET_MCP_MAX_BODY_BYTES; 429 with
        Retry-After: more than HATCHET_MCP_RATE_LIMIT requests a minute from one client; 504: a request over
        HATCHET_MCP_REQUEST_TIMEOUT_SECONDS. SIGTERM or Ctrl+C stops accepting and lets requests in flight finish.

        Environment: as the stdio server (hatchet-mcp --help).

        Exit codes: 0 stopped, 1 could not listen, 2 unusable configuration or arguments (one line on stderr).
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
