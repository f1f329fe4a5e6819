using System.Text.Json.Nodes;
using HatchetMcp.Emulator;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// At the default level stderr is for what needs a person's attention: a client's mistake (an unknown tool, malformed
/// arguments) is answered to the client and leaves no stack trace there; start-up warnings are one prefixed line each.
/// </summary>
public sealed class StderrAtDefaultLevelTests
{
    [Fact]
    public async Task Unknown_tools_and_unreadable_arguments_are_answered_without_a_stack_trace_on_stderr()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scenario = "empty" }, ct);
        await using var session = RawStdioSession.Start(BuiltServer.Environment(
            [new("HATCHET_CLIENT_TOKEN", emulator.Token), new("HATCHET_API_BASE", emulator.BaseUrl.ToString())]));
        await session.InitializeAsync(ct);

        var unknown = await SendAsync(session, """{"jsonrpc":"2.0","id":"u","method":"tools/call","params":{"name":"list_run","arguments":{}}}""", ct);
        var surrogate = await SendAsync(session, """{"jsonrpc":"2.0","id":"s","method":"tools/call","params":{"name":"list_runs","arguments":{"workflow":"\ud800"}}}""", ct);
        var notAnObject = await SendAsync(session, """{"jsonrpc":"2.0","id":"a","method":"tools/call","params":{"name":"list_runs","arguments":[1]}}""", ct);
        var exitCode = await session.EndAsync(ct);

        Assert.Equal(0, exitCode);
        Assert.Equal(-32602, unknown["error"]?["code"]?.GetValue<int>());
        Assert.Contains("list_run", unknown["error"]?["message"]?.GetValue<string>() ?? string.Empty, StringComparison.Ordinal);
        Assert.True(surrogate["result"]?["isError"]?.GetValue<bool>());
        Assert.True(notAnObject["result"]?["isError"]?.GetValue<bool>());
        Assert.DoesNotContain("   at ", session.Process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_override_that_is_not_the_tokens_tenant_is_one_warning_line_naming_both_tenants()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scenario = "empty" }, ct);
        var other = Guid.Parse("7c2a9e51-0d3b-4f6a-8e1c-2b5d9f4a6c30");
        await using var session = RawStdioSession.Start(BuiltServer.Environment(
        [
            new("HATCHET_CLIENT_TOKEN", emulator.Token), new("HATCHET_API_BASE", emulator.BaseUrl.ToString()),
            new("HATCHET_TENANT_ID", other.ToString()),
        ]));

        await session.InitializeAsync(ct);
        var exitCode = await session.EndAsync(ct);

        Assert.Equal(0, exitCode);
        var warning = Assert.Single(session.Process.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("hatchet-mcp: warning: HATCHET_TENANT_ID ", warning, StringComparison.Ordinal);
        Assert.Contains(other.ToString(), warning, StringComparison.Ordinal);
        Assert.Contains(emulator.TenantId.ToString(), warning, StringComparison.Ordinal);
        Assert.DoesNotContain(emulator.Token, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expiring_token_warning_carries_its_prefix_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scenario = "empty" }, ct);
        var token = emulator.Tokens.Mint(emulator.TenantId, TimeSpan.FromDays(2));
        await using var session = RawStdioSession.Start(BuiltServer.Environment(
            [new("HATCHET_CLIENT_TOKEN", token), new("HATCHET_API_BASE", emulator.BaseUrl.ToString())]));

        await session.InitializeAsync(ct);
        await session.EndAsync(ct);

        var warning = Assert.Single(session.Process.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("hatchet-mcp: warning: HATCHET_CLIENT_TOKEN expires at ", warning, StringComparison.Ordinal);
    }

    /// <summary>Writes a raw request line and returns the response with its id (the session helper fails on errors).</summary>
    private static async Task<JsonObject> SendAsync(RawStdioSession session, string line, CancellationToken ct)
    {
        var id = JsonNode.Parse(line)!["id"]!.ToJsonString();
        await session.Process.WriteLineAsync(line);
        while (await session.Process.ReadLineAsync(ct) is { } answer)
        {
            var message = RawStdioSession.ParseJsonRpc(answer);
            if (message["id"]?.ToJsonString() == id)
            {
                return message;
            }
        }

        throw new Xunit.Sdk.XunitException($"stdout closed before the answer to {id}; stderr: {session.Process.Stderr}");
    }
}
