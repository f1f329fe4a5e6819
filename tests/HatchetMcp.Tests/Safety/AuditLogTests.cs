using System.Text.Json;
using HatchetMcp.Safety;
using HatchetMcp.Tests.ToolTests;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace HatchetMcp.Tests.Safety;

/// <summary>One JSON line per write attempt, confirmed or not, on stderr and in HATCHET_MCP_AUDIT_LOG; never a token.</summary>
public sealed class AuditLogTests(ConfirmationFixture fixture) : IClassFixture<ConfirmationFixture>, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"hatchet-mcp-audit-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_path);

    private AuditLogOptions Audit()
    {
        var options = AuditLogOptions.FromEnvironment(new Dictionary<string, string?> { [AuditLogOptions.EnvironmentVariable] = _path }, out var error);
        Assert.Null(error);
        return options;
    }

    private List<JsonElement> Lines() => [.. File.ReadAllLines(_path).Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    [Fact]
    public async Task Every_path_writes_one_line_naming_tool_targets_confirmation_and_outcomes_and_no_token()
    {
        var log = new StringWriter();
        var synchronizedLog = TextWriter.Synchronized(log);
        var queued = await fixture.NewQueuedRunAsync();
        var declined = await fixture.NewQueuedRunAsync();
        var args = $$"""{"run_ids":["{{queued}}"]}""";

        await using (var tokenServer = await fixture.ConnectAsync(new SentRequests(), audit: Audit(), log: synchronizedLog))
        {
            var preview = await tokenServer.CallAsync("cancel_runs", args);
            var token = preview.Structured.GetProperty("confirmation").GetProperty("token").GetString()!;
            var bad = await tokenServer.CallAsync("cancel_runs", $$"""{"run_ids":["{{queued}}"],"confirmation_token":"{{token}}x"}""");
            Assert.True(bad.IsError);
            var done = await tokenServer.CallAsync("cancel_runs", $$"""{"run_ids":["{{queued}}"],"confirmation_token":"{{token}}"}""");
            Assert.False(done.IsError, done.Text);

            var lines = Lines();
            Assert.Equal(["preview", "refused", "approved"], lines.Select(l => l.GetProperty("confirmation_result").GetString()));
            Assert.All(lines, l => Assert.Equal("cancel_runs", l.GetProperty("tool").GetString()));
            Assert.All(lines, l => Assert.Equal(queued.ToString(), l.GetProperty("targets")[0].GetString()));
            Assert.Empty(lines[0].GetProperty("sent").EnumerateArray());
            Assert.Equal("would_cancel", lines[0].GetProperty("outcomes")[0].GetProperty("outcome").GetString());
            Assert.Equal(queued.ToString(), lines[2].GetProperty("sent")[0].GetString());
            Assert.Equal("cancel_requested", lines[2].GetProperty("outcomes")[0].GetProperty("outcome").GetString());
            var signature = token.Split('.')[^1];
            Assert.DoesNotContain(signature, File.ReadAllText(_path), StringComparison.Ordinal);
            Assert.DoesNotContain(signature, log.ToString(), StringComparison.Ordinal);
        }

        var elicitation = new McpClientOptions { Handlers = new McpClientHandlers { ElicitationHandler = (_, _) => ValueTask.FromResult(new ElicitResult { Action = "decline" }) } };
        await using (var asking = await fixture.ConnectAsync(new SentRequests(), client: elicitation, audit: Audit(), log: synchronizedLog))
        {
            await asking.CallAsync("cancel_runs", $$"""{"run_ids":["{{declined}}"]}""");
        }

        await using (var unattended = await fixture.ConnectAsync(new SentRequests(), ConfirmationOptions.Skipped, audit: Audit(), log: synchronizedLog))
        {
            await unattended.CallAsync("cancel_runs", $$"""{"run_ids":["{{await fixture.NewQueuedRunAsync()}}"]}""");
        }

        var all = Lines();
        Assert.Equal(5, all.Count);
        Assert.Equal(("elicitation", "declined"), (all[3].GetProperty("confirmation").GetString(), all[3].GetProperty("confirmation_result").GetString()));
        Assert.Equal(("skipped", "skipped"), (all[4].GetProperty("confirmation").GetString(), all[4].GetProperty("confirmation_result").GetString()));
        Assert.All(all, l => Assert.True(l.TryGetProperty("time", out _)));
        Assert.Equal(5, log.ToString().Split('\n').Count(line => line.Contains("audit {", StringComparison.Ordinal)));
        Assert.DoesNotContain(fixture.Emulator.Token, File.ReadAllText(_path), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Emulator.Token, log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_refused_before_confirmation_still_writes_its_line_with_nothing_sent()
    {
        var batch = $"audit-{Guid.NewGuid():N}";
        for (var i = 0; i < 2; i++)
        {
            await fixture.NewQueuedRunAsync(batch);
        }

        await using (var server = await fixture.ConnectAsync(new SentRequests(), audit: Audit(), bulkCap: 1))
        {
            var overCap = await server.CallAsync("cancel_runs", $$"""{"metadata":["batch={{batch}}"],"since":"1h"}""");
            Assert.True(overCap.IsError);
            var badInput = await server.CallAsync("trigger_workflow", """{"workflow":"send-email","input":{"to":"ops@example.com"}}""");
            Assert.True(badInput.IsError);
        }

        var lines = Lines();
        Assert.Equal(["cancel_runs", "trigger_workflow"], lines.Select(l => l.GetProperty("tool").GetString()));
        Assert.All(lines, l => Assert.Equal(("none", "refused"), (l.GetProperty("confirmation").GetString(), l.GetProperty("confirmation_result").GetString())));
        Assert.All(lines, l => Assert.Empty(l.GetProperty("sent").EnumerateArray()));
        Assert.Contains("cap of 1", lines[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("send-email", lines[1].GetProperty("targets")[0].GetString());
        Assert.Contains("inputJsonSchema", lines[1].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_audit_file_is_created_readable_by_its_owner_only()
    {
        Audit();

        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Windows has no Unix file mode: the file takes its folder's permissions.");
        }
        else
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_path));
        }
    }

    [Fact]
    public void A_path_that_cannot_be_written_stops_the_server_at_start()
    {
        var environment = new Dictionary<string, string?> { [AuditLogOptions.EnvironmentVariable] = Path.Combine(_path, "no", "such", "folder.jsonl") };

        AuditLogOptions.FromEnvironment(environment, out var error);

        Assert.NotNull(error);
        Assert.Contains(AuditLogOptions.EnvironmentVariable, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("on", false)]
    [InlineData("off", true)]
    [InlineData("OFF", true)]
    public void HATCHET_MCP_CONFIRM_turns_confirmation_off_only_when_it_says_off(string? value, bool skipped)
    {
        var options = ConfirmationOptions.FromEnvironment(new Dictionary<string, string?> { [ConfirmationOptions.EnvironmentVariable] = value }, out var error);

        Assert.Null(error);
        Assert.Equal(skipped, options.Skip);
    }

    [Fact]
    public void An_unknown_HATCHET_MCP_CONFIRM_value_stops_the_server_at_start()
    {
        ConfirmationOptions.FromEnvironment(new Dictionary<string, string?> { [ConfirmationOptions.EnvironmentVariable] = "maybe" }, out var error);

        Assert.Contains("'on'", error, StringComparison.Ordinal);
        Assert.Contains("'off'", error, StringComparison.Ordinal);
    }
}
