using System.Text.Json;
using HatchetMcp.Emulator;
using HatchetMcp.Hatchet;
using HatchetMcp.Server;
using HatchetMcp.Server.Http;
using HatchetMcp.Tests.ToolTests;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace HatchetMcp.Tests.Http;

/// <summary>Starts the HTTP server in-process against an emulator, configured as serve-http would configure it.</summary>
public static class HttpTestServers
{
    /// <summary>A server on a free loopback port; <paramref name="environment"/> adds to (or unsets, with null) the emulator's settings.</summary>
    public static async Task<StreamableHttpServer> StartAsync(HatchetEmulator emulator, IReadOnlyDictionary<string, string?>? environment = null,
        TextWriter? log = null, Func<HttpServerOptions, HttpServerOptions>? adjust = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [HatchetEnvironmentVariables.Token] = emulator.Token,
            [HatchetEnvironmentVariables.ApiBase] = emulator.BaseUrl.ToString(),
            [ToolSelection.ToolsetsVariable] = "all",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            env[name] = value;
        }

        var configuration = ServerConfiguration.Read(env, TimeProvider.System).Configuration
            ?? throw new InvalidOperationException("The test configuration is unusable.");
        var options = HttpServerOptions.Read(env, [HttpServerOptions.UrlsFlag, "http://127.0.0.1:0", HttpServerOptions.AllowAnonymousLoopbackFlag], out _, out var error)
            ?? throw new InvalidOperationException(error);
        return await StreamableHttpServer.StartAsync(configuration, adjust?.Invoke(options) ?? options, log ?? TextWriter.Null,
            configureServices, TestContext.Current.CancellationToken);
    }

    /// <summary>An MCP client over Streamable HTTP (the SDK's own HTTP client transport).</summary>
    public static Task<McpClient> ConnectAsync(Uri endpoint, HttpClient? http = null)
    {
        var options = new HttpClientTransportOptions { Endpoint = endpoint, TransportMode = HttpTransportMode.StreamableHttp };
        var transport = http is null ? new HttpClientTransport(options) : new HttpClientTransport(options, http, ownsHttpClient: false);
        return McpClient.CreateAsync(transport, cancellationToken: TestContext.Current.CancellationToken);
    }

    public static async Task<ToolAnswer> CallAsync(this McpClient client, string tool, string argumentsJson = "{}")
    {
        using var doc = JsonDocument.Parse(argumentsJson);
        var arguments = doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        var result = await client.CallToolAsync(new CallToolRequestParams { Name = tool, Arguments = arguments }, TestContext.Current.CancellationToken);
        return new ToolAnswer(result);
    }

    /// <summary>A raw JSON-RPC POST to /mcp, as a browser or a script would send it.</summary>
    public static HttpRequestMessage Post(Uri mcp, string body = """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, mcp) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }
}
