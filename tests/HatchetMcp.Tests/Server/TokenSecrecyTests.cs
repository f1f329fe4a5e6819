using System.Text.Json.Nodes;
using HatchetMcp.Emulator;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// The token never appears in stdout or stderr, whole or as any of its parts: with the most verbose logging, when
/// Hatchet rejects it, and when it is expired.
/// </summary>
public sealed class TokenSecrecyTests
{
    public static TheoryData<string> RejectedTokens() => ["revoked", "other tenant"];

    [Fact]
    public async Task A_working_token_never_appears_in_stdout_or_stderr_at_trace_level()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions(), ct);

        var (stdout, stderr) = await RunSessionAsync(emulator, emulator.Token, ct);

        Assert.Contains("trce", stderr, StringComparison.Ordinal);
        AssertNoSecret(emulator.Token, stdout, stderr);
    }

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task A_token_hatchet_rejects_never_appears_in_stdout_or_stderr(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions(), ct);
        string token;
        if (kind == "revoked")
        {
            token = emulator.Tokens.Mint(emulator.TenantId);
            emulator.Tokens.Revoke(token);
        }
        else
        {
            // A valid token of the other tenant, pointed at the default tenant: Hatchet answers 403.
            token = emulator.Facts.OtherTenantToken;
        }

        var (stdout, stderr) = await RunSessionAsync(emulator, token, ct, tenantOverride: emulator.TenantId);

        Assert.Contains("\"isError\":true", stdout, StringComparison.Ordinal);
        AssertNoSecret(token, stdout, stderr);
    }

    [Fact]
    public async Task An_expired_token_stops_startup_without_appearing_in_stderr()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scenario = "empty" }, ct);
        var token = emulator.Tokens.Mint(emulator.TenantId, TimeSpan.FromHours(1), DateTimeOffset.UtcNow.AddHours(-3));
        await using var process = ServerProcess.Start([], BuiltServer.Environment([new("HATCHET_CLIENT_TOKEN", token)]));

        Assert.Equal(2, await process.WaitForExitAsync(ct));
        Assert.Contains("expired", process.Stderr, StringComparison.OrdinalIgnoreCase);
        AssertNoSecret(token, process.Stdout, process.Stderr);
    }

    [Fact]
    public async Task A_token_expiring_within_7_days_starts_with_one_warning_line_that_does_not_show_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scenario = "empty" }, ct);
        var token = emulator.Tokens.Mint(emulator.TenantId, TimeSpan.FromDays(2));
        await using var session = RawStdioSession.Start(BuiltServer.Environment([new("HATCHET_CLIENT_TOKEN", token)]));

        var initialize = await session.InitializeAsync(ct);
        var exitCode = await session.EndAsync(ct);

        Assert.Equal(0, exitCode);
        Assert.Equal("hatchet-mcp", initialize["serverInfo"]?["name"]?.GetValue<string>());
        var warning = Assert.Single(session.Process.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("hatchet-mcp: warning: ", warning, StringComparison.Ordinal);
        AssertNoSecret(token, string.Join('\n', session.StdoutLines), session.Process.Stderr);
    }

    [Fact]
    public async Task The_in_memory_server_log_at_trace_level_never_contains_the_token()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await McpTestHarness.StartAsync(cancellationToken: ct);

        foreach (var tool in ToolCatalog.ReadTools)
        {
            await harness.Client.CallToolAsync(tool, cancellationToken: ct);
        }

        Assert.Contains("tools/call", harness.ServerLog, StringComparison.Ordinal);
        AssertNoSecret(harness.Token, harness.ServerLog, string.Empty);
    }

    private static async Task<(string Stdout, string Stderr)> RunSessionAsync(
        HatchetEmulator emulator, string token, CancellationToken ct, Guid? tenantOverride = null)
    {
        await using var session = RawStdioSession.Start(BuiltServer.Environment(
        [
            new("HATCHET_CLIENT_TOKEN", token),
            new("HATCHET_API_BASE", emulator.BaseUrl.ToString()),
            new("HATCHET_TENANT_ID", tenantOverride?.ToString()),
            new("HATCHET_MCP_LOG_LEVEL", "Trace"),
        ]));
        await session.InitializeAsync(ct);
        await session.RequestAsync("tools/list", [], ct);
        foreach (var tool in new[] { "whoami", "list_runs", "list_workers" })
        {
            await session.RequestAsync("tools/call", new JsonObject { ["name"] = tool, ["arguments"] = new JsonObject() }, ct);
        }

        Assert.Equal(0, await session.EndAsync(ct));
        return (string.Join('\n', session.StdoutLines), session.Process.Stderr);
    }

    private static void AssertNoSecret(string token, string stdout, string stderr)
    {
        foreach (var secret in TestJwt.SecretParts(token))
        {
            Assert.DoesNotContain(secret, stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, stderr, StringComparison.Ordinal);
        }
    }
}
