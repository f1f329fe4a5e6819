namespace HatchetMcp.Cli;

/// <summary>The text printed by <c>--help</c> (on stdout) and after an unknown verb (on stderr).</summary>
internal static class Usage
{
    public static string Text { get; } =
        $"""
        hatchet-mcp {Server.ServerIdentity.Version}: an MCP server for the Hatchet workflow engine.

        Usage:
          hatchet-mcp                 run the MCP server over stdio (what MCP clients launch)
          hatchet-mcp demo            walk a debugging flow against the built-in emulator and print each call
          hatchet-mcp emulator [--port N] [--scenario realistic|empty] [--seed N] [--scale N] [--test-hooks]
                                      serve the Hatchet API emulator; prints HATCHET_API_BASE=... and
                                      HATCHET_CLIENT_TOKEN=... then serves until stopped
          hatchet-mcp --help | -h     this text
          hatchet-mcp --version       the version

        Environment (server):
          HATCHET_CLIENT_TOKEN         required: Hatchet API token (JWT carrying tenant, API base and expiry)
          HATCHET_API_BASE             optional: overrides the API base URL from the token
          HATCHET_TENANT_ID            optional: overrides the tenant id from the token
          HATCHET_MCP_TIMEOUT_SECONDS  optional: per-call timeout for Hatchet requests (default 30)
          HATCHET_MCP_OUTPUT_BUDGET    optional: maximum bytes of text per tool answer (default 24000)
          HATCHET_MCP_LOG_LEVEL        optional: stderr log level (Trace..Critical, None; default Warning)

        Exit codes: 0 done, 1 failure, 2 unusable configuration or arguments.
        """;
}
