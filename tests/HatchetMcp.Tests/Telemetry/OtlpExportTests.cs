using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using HatchetMcp.Emulator;
using HatchetMcp.Server.Telemetry;
using HatchetMcp.Tests.Http;
using HatchetMcp.Tests.Server;
using Xunit;

namespace HatchetMcp.Tests.Telemetry;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the real process exports over OTLP (here OTLP/HTTP to a stand-in
/// collector) and stdout stays the protocol; under serve-http each tool span sits beneath the HTTP request's span.
/// </summary>
[Collection(typeof(TelemetryCollection))]
public sealed class OtlpExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stdio_server_exports_traces_and_metrics_over_OTLP_and_writes_only_JSON_RPC_to_stdout()
    {
        await using var collector = await OtlpCollector.StartAsync(Ct);
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scenario = "empty" }, Ct);
        await using var session = RawStdioSession.Start(BuiltServer.Environment(
        [
            new("HATCHET_CLIENT_TOKEN", emulator.Token),
            new("HATCHET_API_BASE", emulator.BaseUrl.ToString()),
            new("HATCHET_MCP_TOOLSETS", "all"),
            new(TelemetryOptions.OtlpEndpointVariable, collector.Endpoint.ToString().TrimEnd('/')),
            new("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
        ]));

        await session.InitializeAsync(Ct);
        var answer = await session.RequestAsync("tools/call", new JsonObject { ["name"] = "list_workflows", ["arguments"] = new JsonObject() }, Ct);
        Assert.Equal(0, await session.EndAsync(Ct));

        Assert.True(answer["isError"]?.GetValue<bool>() != true, answer.ToJsonString());
        Assert.All(session.StdoutLines, line => RawStdioSession.ParseJsonRpc(line));
        var exports = collector.Exports.ToList();
        var traces = exports.Where(e => e.Path == "/v1/traces").SelectMany(e => e.Body).ToArray();
        var metrics = exports.Where(e => e.Path == "/v1/metrics").SelectMany(e => e.Body).ToArray();
        Assert.Contains("tools/call list_workflows", Encoding.UTF8.GetString(traces), StringComparison.Ordinal);
        Assert.Contains(ToolTelemetry.CallsInstrument, Encoding.UTF8.GetString(metrics), StringComparison.Ordinal);
        Assert.All(exports, export => Assert.DoesNotContain(emulator.Token, Encoding.UTF8.GetString(export.Body), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Under_serve_http_a_tool_span_is_a_child_of_the_http_request_span()
    {
        var capture = new TelemetryCapture();
        await using var collector = await OtlpCollector.StartAsync(Ct);
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions(), Ct);
        await using var server = await HttpTestServers.StartAsync(emulator,
            new Dictionary<string, string?>
            {
                [TelemetryOptions.OtlpEndpointVariable] = collector.Endpoint.ToString().TrimEnd('/'),
            },
            configureServices: capture.AddExporters);
        await using var client = await HttpTestServers.ConnectAsync(server.McpUrl);

        var answer = await client.CallAsync("list_workflows");

        Assert.False(answer.IsError, answer.Text);
        // A span is captured when it ends, and the request's server span ends after its answer reached the client.
        await Eventually.WaitUntilAsync(() => capture.ToolSpans.Count == 1 && capture.Spans.Any(span => span.SpanId == capture.ToolSpans[0].ParentSpanId));
        var tool = Assert.Single(capture.ToolSpans);
        var request = Assert.Single(capture.Spans, span => span.SpanId == tool.ParentSpanId);
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.Equal("POST", TelemetryCapture.Tags(request)["http.request.method"]);
        Assert.Equal(tool.TraceId, request.TraceId);
    }
}
