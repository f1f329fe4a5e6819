using System.Diagnostics;
using System.Text.Json;
using HatchetMcp.Emulator;
using HatchetMcp.Profiles;
using HatchetMcp.Server.Telemetry;
using HatchetMcp.Tests.Server;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Xunit;

namespace HatchetMcp.Tests.Telemetry;

/// <summary>
/// Every tool call is one span and three metrics (calls, errors, duration) tagged by tool and outcome; the Hatchet
/// requests it makes are client spans beneath it; nothing recorded holds the token or an argument's value.
/// </summary>
[Collection(typeof(TelemetryCollection))]
public sealed class ToolCallTelemetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<McpTestHarness> StartAsync(TelemetryCapture capture, Func<HatchetEmulator, IReadOnlyDictionary<string, string?>>? environmentFor = null)
    {
        var harness = await McpTestHarness.StartAsync(new McpTestHarnessOptions
        {
            ConfigureServices = services => services.AddHatchetTelemetry(capture.Options),
            EnvironmentFor = environmentFor,
        }, Ct);
        harness.Services.StartTelemetry();
        return harness;
    }

    private static async Task<CallToolResult> CallAsync(McpTestHarness harness, string tool, string arguments = "{}")
    {
        using var document = JsonDocument.Parse(arguments);
        return await harness.Client.CallToolAsync(new CallToolRequestParams
        {
            Name = tool,
            Arguments = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
        }, Ct);
    }

    private static IEnumerable<MetricPoint> PointsOf(IReadOnlyList<(string Instrument, MetricPoint Point)> points, string instrument, string tool) =>
        points.Where(p => p.Instrument == instrument && TelemetryCapture.Tags(p.Point).GetValueOrDefault(ToolTelemetry.ToolTag) == tool)
            .Select(p => p.Point);

    [Fact]
    public async Task A_tool_call_is_one_span_named_for_the_tool_with_its_outcome_and_is_counted_and_timed()
    {
        var capture = new TelemetryCapture();
        await using var harness = await StartAsync(capture);

        var result = await CallAsync(harness, "list_workflows");

        Assert.False(result.IsError ?? false);
        var span = Assert.Single(capture.ToolSpans);
        Assert.Equal("tools/call list_workflows", span.DisplayName);
        var tags = TelemetryCapture.Tags(span);
        Assert.Equal("list_workflows", tags[ToolTelemetry.ToolTag]);
        Assert.Equal(ToolTelemetry.Ok, tags[ToolTelemetry.OutcomeTag]);
        Assert.False(tags.ContainsKey(ToolTelemetry.ErrorTypeTag));
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);

        var points = capture.Points(harness.Services);
        var calls = Assert.Single(PointsOf(points, ToolTelemetry.CallsInstrument, "list_workflows"));
        Assert.Equal(1, calls.GetSumLong());
        Assert.Equal(ToolTelemetry.Ok, TelemetryCapture.Tags(calls)[ToolTelemetry.OutcomeTag]);
        var duration = Assert.Single(PointsOf(points, ToolTelemetry.DurationInstrument, "list_workflows"));
        Assert.Equal(1, duration.GetHistogramCount());
        Assert.True(duration.GetHistogramSum() > 0);
        Assert.Empty(PointsOf(points, ToolTelemetry.ErrorsInstrument, "list_workflows"));
    }

    [Fact]
    public async Task A_tool_error_is_marked_on_the_span_and_counted_as_an_error_of_its_kind()
    {
        var capture = new TelemetryCapture();
        await using var harness = await StartAsync(capture);

        var result = await CallAsync(harness, "get_run", """{"run_id":"not-a-run-id"}""");

        Assert.True(result.IsError);
        var span = Assert.Single(capture.ToolSpans);
        var tags = TelemetryCapture.Tags(span);
        Assert.Equal("get_run", tags[ToolTelemetry.ToolTag]);
        Assert.Equal(ToolTelemetry.ToolError, tags[ToolTelemetry.OutcomeTag]);
        Assert.Equal(ToolTelemetry.ToolError, tags[ToolTelemetry.ErrorTypeTag]);
        Assert.Equal(ActivityStatusCode.Error, span.Status);

        var points = capture.Points(harness.Services);
        var errors = Assert.Single(PointsOf(points, ToolTelemetry.ErrorsInstrument, "get_run"));
        Assert.Equal(1, errors.GetSumLong());
        Assert.Equal(ToolTelemetry.ToolError, TelemetryCapture.Tags(errors)[ToolTelemetry.ErrorTypeTag]);
        Assert.Equal(1, Assert.Single(PointsOf(points, ToolTelemetry.CallsInstrument, "get_run")).GetSumLong());
    }

    [Fact]
    public void A_call_that_throws_is_a_protocol_error_a_tool_error_or_cancelled_as_the_client_sees_it()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Equal(ToolTelemetry.ProtocolError, ToolCallTelemetry.OutcomeOf(new McpProtocolException("bad params", McpErrorCode.InvalidParams), CancellationToken.None));
        Assert.Equal(ToolTelemetry.ToolError, ToolCallTelemetry.OutcomeOf(new InvalidOperationException("fault"), CancellationToken.None));
        Assert.Equal(ToolTelemetry.Cancelled, ToolCallTelemetry.OutcomeOf(new OperationCanceledException(cancelled.Token), cancelled.Token));
        // A timeout inside the call is not the client's cancel.
        Assert.Equal(ToolTelemetry.ToolError, ToolCallTelemetry.OutcomeOf(new OperationCanceledException(), CancellationToken.None));
    }

    [Fact]
    public async Task The_Hatchet_requests_a_tool_makes_are_client_spans_beneath_its_span()
    {
        var capture = new TelemetryCapture();
        await using var harness = await StartAsync(capture);

        await CallAsync(harness, "list_workflows");

        var tool = Assert.Single(capture.ToolSpans);
        var requests = capture.Spans.Where(span => span.Kind == ActivityKind.Client && span.ParentSpanId == tool.SpanId).ToList();
        Assert.NotEmpty(requests);
        Assert.All(requests, request =>
        {
            Assert.Equal(tool.TraceId, request.TraceId);
            Assert.StartsWith(harness.Emulator.BaseUrl.GetLeftPart(UriPartial.Authority), TelemetryCapture.Tags(request)["url.full"], StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task No_span_or_metric_holds_the_token_or_an_argument_value()
    {
        const string secret = "sk_live_4f9QzX7pAqLmN2";
        var capture = new TelemetryCapture();
        await using var harness = await StartAsync(capture);

        // search_logs sends its text to Hatchet in the query string; get_run puts a bad id in its error text.
        await CallAsync(harness, "search_logs", $$"""{"text":"{{secret}}","since":"7d"}""");
        await CallAsync(harness, "get_run", $$"""{"run_id":"{{secret}}"}""");

        var spans = capture.Spans;
        Assert.Contains(spans, span => span.Kind == ActivityKind.Client);
        var recorded = spans.SelectMany(span => TelemetryCapture.Tags(span).Select(tag => $"{tag.Key}={tag.Value}")
                .Append(span.DisplayName).Append(span.StatusDescription ?? string.Empty)
                .Concat(span.Events.SelectMany(e => e.Tags.Select(tag => $"{e.Name} {tag.Key}={tag.Value}")))
                .Concat(span.Baggage.Select(b => $"{b.Key}={b.Value}")))
            .Concat(capture.Points(harness.Services).SelectMany(p => TelemetryCapture.Tags(p.Point).Select(tag => $"{p.Instrument} {tag.Key}={tag.Value}")))
            .ToList();
        Assert.NotEmpty(recorded);
        var signature = harness.Token.Split('.')[^1];
        Assert.All(recorded, text =>
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(harness.Token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(signature, text, StringComparison.Ordinal);
        });
        // The query of a Hatchet request is not recorded at all, not even with its values redacted.
        Assert.All(spans.Where(span => span.Kind == ActivityKind.Client),
            span => Assert.DoesNotContain("?", TelemetryCapture.Tags(span)["url.full"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_several_profiles_the_span_and_metrics_name_the_profile_the_call_ran_on()
    {
        var capture = new TelemetryCapture();
        await using var harness = await StartAsync(capture, emulator => TwoProfiles(emulator));

        await CallAsync(harness, "list_workflows", """{"profile":"prod"}""");
        await CallAsync(harness, "list_workflows");

        var profiles = capture.ToolSpans.Select(span => TelemetryCapture.Tags(span)[ToolTelemetry.ProfileTag]).ToList();
        Assert.Equal(["prod", "staging"], profiles);
        var calls = PointsOf(capture.Points(harness.Services), ToolTelemetry.CallsInstrument, "list_workflows")
            .Select(point => TelemetryCapture.Tags(point)[ToolTelemetry.ProfileTag]).Order(StringComparer.Ordinal);
        Assert.Equal(["prod", "staging"], calls);
    }

    [Fact]
    public async Task Without_an_exporter_no_provider_is_built()
    {
        await using var harness = await McpTestHarness.StartAsync(new McpTestHarnessOptions
        {
            ConfigureServices = services => services.AddHatchetTelemetry(TelemetryOptions.FromEnvironment(new Dictionary<string, string?>())),
        }, Ct);

        Assert.Null(harness.Services.GetService<TracerProvider>());
        Assert.Null(harness.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void The_OTLP_endpoint_variable_turns_export_on()
    {
        Assert.False(TelemetryOptions.FromEnvironment(new Dictionary<string, string?>()).IsOn);
        Assert.False(TelemetryOptions.FromEnvironment(new Dictionary<string, string?> { [TelemetryOptions.OtlpEndpointVariable] = " " }).IsOn);
        Assert.True(TelemetryOptions.FromEnvironment(new Dictionary<string, string?> { [TelemetryOptions.OtlpEndpointVariable] = "http://collector:4318" }).ExportOtlp);
    }

    private static Dictionary<string, string?> TwoProfiles(HatchetEmulator emulator)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hatchet-mcp-telemetry-profiles-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""
            {"default":"staging","profiles":[
              {"name":"prod","token_env":"PROD_TOKEN","api_base":"{{emulator.BaseUrl}}","tenant_id":"{{emulator.TenantId}}"},
              {"name":"staging","token_env":"STAGING_TOKEN","api_base":"{{emulator.BaseUrl}}","tenant_id":"{{emulator.Facts.OtherTenantId}}"}]}
            """);
        return new Dictionary<string, string?>
        {
            [ServerProfiles.EnvironmentVariable] = path,
            ["PROD_TOKEN"] = emulator.Token,
            ["STAGING_TOKEN"] = emulator.Facts.OtherTenantToken,
        };
    }
}
