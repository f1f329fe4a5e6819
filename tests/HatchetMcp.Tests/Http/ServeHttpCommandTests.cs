using System.Net;
using System.Text.Json;
using HatchetMcp.Emulator;
using HatchetMcp.Server.Http;
using HatchetMcp.Tests.Server;
using Xunit;

namespace HatchetMcp.Tests.Http;

/// <summary>The serve-http verb as a script starts it: the first stdout line names the endpoint; it refuses to expose itself.</summary>
public sealed class ServeHttpCommandTests
{
    [Fact]
    public async Task The_first_stdout_line_is_the_bound_mcp_url_and_sigterm_stops_it_cleanly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions(), ct);
        await using var process = ServerProcess.Start(
            ["serve-http", "--urls", "http://127.0.0.1:0", "--allow-anonymous-loopback"],
            BuiltServer.Environment([new("HATCHET_CLIENT_TOKEN", emulator.Token), new("HATCHET_API_BASE", emulator.BaseUrl.ToString()),
                new("HATCHET_MCP_LOG_FORMAT", "json"), new("HATCHET_MCP_LOG_LEVEL", "Information")]));

        var first = await process.ReadLineAsync(ct);

        Assert.NotNull(first);
        Assert.StartsWith("MCP_URL=http://127.0.0.1:", first, StringComparison.Ordinal);
        var mcp = new Uri(first["MCP_URL=".Length..]);
        Assert.NotEqual(0, mcp.Port);
        Assert.Equal(StreamableHttpServer.McpPath, mcp.AbsolutePath);
        using var http = new HttpClient();
        using (var health = await http.GetAsync(new Uri(mcp, "/healthz"), ct))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync(ct));
        Assert.Equal(first + "\n", process.Stdout);
        var logLines = process.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(logLines);
        foreach (var line in logLines)
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("message", out _), line);
        }
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://+:0")]
    [InlineData("http://192.168.1.10:8080")]
    public async Task Without_authentication_it_refuses_to_listen_beyond_loopback(string url)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var process = ServerProcess.Start(["serve-http", "--urls", url, "--allow-anonymous-loopback"], BuiltServer.Environment([]));

        Assert.Equal(2, await process.WaitForExitAsync(ct));
        var line = Assert.Single(process.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(url, line, StringComparison.Ordinal);
        Assert.Contains("loopback", line, StringComparison.Ordinal);
        Assert.Empty(process.Stdout);
    }

    [Fact]
    public async Task Without_the_anonymous_loopback_flag_it_refuses_to_start()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var process = ServerProcess.Start(["serve-http", "--urls", "http://127.0.0.1:0"], BuiltServer.Environment([]));

        Assert.Equal(2, await process.WaitForExitAsync(ct));
        var line = Assert.Single(process.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(HttpServerOptions.AllowAnonymousLoopbackFlag, line, StringComparison.Ordinal);
        Assert.Empty(process.Stdout);
    }
}
