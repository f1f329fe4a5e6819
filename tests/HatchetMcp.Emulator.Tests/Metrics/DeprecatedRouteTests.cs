using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Metrics;

/// <summary>Deprecated and broken routes answer as the real server does (§5.14, §5.7, §5.8, §5.9, §5.10).</summary>
public sealed class DeprecatedRouteTests(SharedEmulator shared)
{
    private readonly EmulatorHost host = shared.Host;

    [Fact]
    public async Task Queue_metrics_answer_400_deprecated()
    {
        var response = await host.Api.GetAsync(Routes.QueueMetrics(host.Tenant));

        Assert.Equal(400, response.Status);
        Assert.Equal("TenantGetQueueMetrics is deprecated", response.ErrorDescription);
    }

    [Theory]
    [InlineData("/api/v1/tenants/{t}/workflow-runs/{run}")]
    [InlineData("/api/v1/tenants/{t}/workflow-runs/{run}/shape")]
    [InlineData("/api/v1/tenants/{t}/workflow-runs/{run}/input")]
    public async Task V0_run_routes_answer_400_this_endpoint_is_deprecated(string template)
    {
        var response = await host.Api.GetAsync(await FillAsync(template));

        Assert.Equal(400, response.Status);
        Assert.Equal("This endpoint is deprecated.", response.Message);
    }

    [Theory]
    [InlineData("GET", "/api/v1/tenants/{t}/events", "is deprecated")]
    [InlineData("GET", "/api/v1/tenants/{t}/events/keys", "is deprecated")]
    [InlineData("GET", "/api/v1/tenants/{t}/workflows/runs", "is deprecated")]
    [InlineData("POST", "/api/v1/tenants/{t}/workflows/cancel", "WorkflowRunCancel is deprecated; please use V1TaskCancel instead")]
    [InlineData("POST", "/api/v1/tenants/{t}/workflow-runs/replay", "is deprecated")]
    [InlineData("POST", "/api/v1/workflows/{wf}/trigger", "is deprecated")]
    public async Task V0_operations_answer_400_with_a_deprecation_description(string method, string template, string description)
    {
        var response = await host.Api.SendAsync(new HttpMethod(method), await FillAsync(template), method == "POST" ? new JsonObject() : null);

        Assert.Equal(400, response.Status);
        Assert.Contains(description, response.ErrorDescription, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/workflows/{wf}/metrics")]
    [InlineData("/api/v1/tenants/{t}/workflows/{wf}/worker-count")]
    public async Task Panicking_deprecated_handlers_answer_500(string template)
    {
        var response = await host.Api.GetAsync(await FillAsync(template));

        Assert.Equal(500, response.Status);
        Assert.Equal("Internal Server Error", response.Message);
    }

    private async Task<string> FillAsync(string template)
    {
        var workflow = Wire.Id((await host.Api.GetAsync(Routes.Workflows(host.Tenant))).Expect(200).Rows[0]);
        return template
            .Replace("{t}", host.Tenant.ToString(), StringComparison.Ordinal)
            .Replace("{run}", host.Facts.SampleDagRunId.ToString(), StringComparison.Ordinal)
            .Replace("{wf}", workflow.ToString(), StringComparison.Ordinal);
    }
}
