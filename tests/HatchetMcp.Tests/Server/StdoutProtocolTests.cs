using System.Text.Json.Nodes;
using HatchetMcp.Emulator;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>In stdio mode stdout is the protocol: one stray byte of logging there breaks the client's session.</summary>
public sealed class StdoutProtocolTests
{
    /// <summary>The built server's environment pointed at <paramref name="emulator"/>, every tool listed, plus any extra settings.</summary>
    private static Dictionary<string, string?> Against(HatchetEmulator emulator, params KeyValuePair<string, string?>[] extra) =>
        BuiltServer.Environment(
        [
            new("HATCHET_CLIENT_TOKEN", emulator.Token),
            new("HATCHET_API_BASE", emulator.BaseUrl.ToString()),
            new("HATCHET_MCP_TOOLSETS", "all"),
            .. extra,
        ]);

    [Fact]
    public async Task Every_stdout_line_is_json_rpc_even_with_trace_logging_and_logs_go_to_stderr()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scenario = "empty" }, ct);
        await using var session = RawStdioSession.Start(Against(emulator, new KeyValuePair<string, string?>("HATCHET_MCP_LOG_LEVEL", "Trace")));

        var initialize = await session.InitializeAsync(ct);
        var list = await session.RequestAsync("tools/list", [], ct);
        var whoami = await session.RequestAsync("tools/call", new JsonObject { ["name"] = "whoami", ["arguments"] = new JsonObject() }, ct);
        var exitCode = await session.EndAsync(ct);

        Assert.Equal(0, exitCode);
        Assert.Equal("hatchet-mcp", initialize["serverInfo"]?["name"]?.GetValue<string>());
        Assert.Equal(ToolCatalog.ReadTools.Count + ToolCatalog.WriteTools.Count, list["tools"]?.AsArray().Count);
        Assert.NotEqual(true, whoami["isError"]?.GetValue<bool>());
        Assert.NotEmpty(session.StdoutLines);
        Assert.All(session.StdoutLines, line => RawStdioSession.ParseJsonRpc(line));
        Assert.Contains("tools/list", session.Process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_id_gets_a_tool_error_and_no_error_log_or_stack_trace_at_the_default_level()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scenario = "empty" }, ct);
        await using var session = RawStdioSession.Start(Against(emulator));
        await session.InitializeAsync(ct);

        var answer = await session.RequestAsync("tools/call",
            new JsonObject { ["name"] = "get_run", ["arguments"] = new JsonObject { ["run_id"] = "nope" } }, ct);
        var exitCode = await session.EndAsync(ct);

        Assert.Equal(0, exitCode);
        Assert.True(answer["isError"]?.GetValue<bool>());
        var text = answer["content"]?[0]?["text"]?.GetValue<string>();
        Assert.Equal("An error occurred invoking 'get_run': run_id must be a UUID such as 0b4f7a5e-2c1d-4e8f-9a3b-5d6c7e8f9a0b " +
                     "(36 characters with dashes); got 'nope'.", text);
        Assert.Equal(string.Empty, session.Process.Stderr);
    }

    [Fact]
    public async Task Requests_piped_in_with_stdin_closed_at_once_are_all_answered_before_the_server_exits()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions(), ct);
        await using var process = ServerProcess.Start([], Against(emulator));
        string[] lines =
        [
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"script","version":"1"}}}""",
            """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
            """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""",
            "this line is not JSON and gets no answer",
            """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_runs","arguments":{"statuses":["FAILED"],"limit":2}}}""",
            """{"jsonrpc":"2.0","id":4,"method":"no/such/method"}""",
        ];

        // The whole script, then end of input, before the server has even started up.
        foreach (var line in lines)
        {
            await process.WriteLineAsync(line);
        }
        process.CloseStdin();
        var answers = new List<System.Text.Json.Nodes.JsonObject>();
        while (await process.ReadLineAsync(ct) is { } line)
        {
            answers.Add(RawStdioSession.ParseJsonRpc(line));
        }

        Assert.Equal(0, await process.WaitForExitAsync(ct));
        Assert.Equal([1, 2, 3, 4], answers.Select(a => a["id"]!.GetValue<int>()).Order());
        var listRuns = answers.Single(a => a["id"]!.GetValue<int>() == 3);
        Assert.NotEqual(true, listRuns["result"]?["isError"]?.GetValue<bool>());
        Assert.NotNull(answers.Single(a => a["id"]!.GetValue<int>() == 4)["error"]);
    }

    [Fact]
    public async Task The_server_exits_0_when_the_client_closes_stdin()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scenario = "empty" }, ct);
        await using var session = RawStdioSession.Start(BuiltServer.Environment(
        [
            new("HATCHET_CLIENT_TOKEN", emulator.Token),
        ]));

        await session.InitializeAsync(ct);

        Assert.Equal(0, await session.EndAsync(ct));
        Assert.Equal(string.Empty, session.Process.Stderr);
    }

    [Fact]
    public async Task The_server_stops_cleanly_with_exit_0_on_sigterm()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scenario = "empty" }, ct);
        await using var session = RawStdioSession.Start(BuiltServer.Environment(
        [
            new("HATCHET_CLIENT_TOKEN", emulator.Token),
        ]));
        await session.InitializeAsync(ct);

        session.Process.Terminate();

        Assert.Equal(0, await session.Process.WaitForExitAsync(ct));
        Assert.True(session.Process.Stderr.Length == 0, "stderr: " + session.Process.Stderr);
    }

    [Fact]
    public async Task On_sigterm_a_call_already_read_is_answered_before_the_server_exits_0_quietly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scenario = "empty", EnableTestHooks = true }, ct);
        emulator.Hooks.InjectFault(new HatchetMcp.Emulator.Hooks.FaultSpec("GET", "/api/v1/tenants/*/worker", 1, HatchetMcp.Emulator.Hooks.FaultKind.Delay) { DelayMs = 1_500 });
        await using var session = RawStdioSession.Start(Against(emulator));
        await session.InitializeAsync(ct);

        var call = session.RequestAsync("tools/call", new JsonObject { ["name"] = "list_workers", ["arguments"] = new JsonObject() }, ct);
        await Eventually.WaitUntilAsync(() => emulator.Hooks.FaultUsesLeft == 0); // the call is at Hatchet now
        session.Process.Terminate();

        var result = await call;
        Assert.NotEqual(true, result["isError"]?.GetValue<bool>());
        Assert.Contains("Workers", result["content"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await session.Process.WaitForExitAsync(ct));
        Assert.True(session.Process.Stderr.Length == 0, "stderr: " + session.Process.Stderr);
    }
}
