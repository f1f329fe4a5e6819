using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>
/// HATCHET_DASHBOARD_URL set: links use it (its path kept); set but empty: answers carry no link at all, in text or
/// structured content.
/// </summary>
public sealed class DashboardLinkSettingTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>
{
    private HatchetMcp.Emulator.ScenarioFacts Facts => fixture.Emulator.Facts;

    private (string Tool, string Args)[] Calls =>
    [
        ("list_runs", "{}"),
        ("get_run", $$"""{"run_id":"{{Facts.SampleDagRunId}}"}"""),
        ("get_run_logs", $$"""{"run_id":"{{Facts.SampleDagRunId}}"}"""),
        ("list_workflows", "{}"),
        ("get_workflow", $$"""{"workflow":"{{Facts.FailingWorkflowName}}"}"""),
        ("list_workers", "{}"),
        ("get_worker", $$"""{"worker_id":"{{Facts.SaturatedWorkerId}}"}"""),
        ("get_queue_metrics", $$"""{"workflow":"{{Facts.FailingWorkflowName}}"}"""),
        ("search_logs", """{"text":"billing_country","since":"7d"}"""),
        ("list_events", """{"since":"48h"}"""),
        ("list_crons", "{}"),
        ("list_scheduled_runs", "{}"),
        ("find_stuck_runs", """{"older_than":"1m"}"""),
        ("summarize_failures", "{}"),
        ("diagnose_run", $$"""{"run_id":"{{Facts.SampleDagRunId}}"}"""),
        ("compare_runs", $$"""{"run_id":"{{Facts.SampleDagRunId}}"}"""),
        ("pause_worker", $$"""{"worker_id":"{{Facts.PausedWorkerId}}"}"""),
        ("resume_workflow", $$"""{"workflow":"{{Facts.FailingWorkflowName}}"}"""),
    ];

    [Fact]
    public async Task Links_use_the_configured_dashboard_base_with_its_path()
    {
        var dashboard = Links("https://dash.example.com/hatchet/");
        await using var server = await fixture.ConnectAsync(dashboard: dashboard);

        var run = await server.CallAsync("get_run", $$"""{"run_id":"{{Facts.SampleDagRunId}}"}""");
        var expected = $"https://dash.example.com/hatchet/tenants/{Facts.TenantId:D}/runs/{Facts.SampleDagRunId:D}";
        Assert.Equal(expected, run.Structured.GetProperty("url").GetString());
        Assert.Contains("Dashboard: " + expected, run.Text, StringComparison.Ordinal);

        var runs = await server.CallAsync("list_runs");
        Assert.Contains($"Dashboard: https://dash.example.com/hatchet/tenants/{Facts.TenantId:D}/runs/<run id>", runs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Emulator.BaseUrl.GetLeftPart(UriPartial.Authority) + "/tenants", runs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_but_empty_leaves_every_link_out_of_text_and_structured_content()
    {
        var dashboard = Links("");
        Assert.False(dashboard.Enabled);
        await using var server = await fixture.ConnectAsync(dashboard: dashboard);

        foreach (var (tool, args) in Calls)
        {
            var answer = await server.CallAsync(tool, args);

            Assert.DoesNotContain("Dashboard:", answer.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("/tenants/", answer.Text, StringComparison.Ordinal);
            var names = DashboardLinkToolTests.PropertyNames(answer.Structured).ToList();
            Assert.DoesNotContain("url", names);
            Assert.DoesNotContain("runUrl", names);
        }
    }

    private DashboardLinks Links(string value)
    {
        var settings = HatchetSettings.FromEnvironment(new Dictionary<string, string?>
        {
            [HatchetEnvironmentVariables.Token] = fixture.Emulator.Token,
            [HatchetEnvironmentVariables.ApiBase] = fixture.Emulator.BaseUrl.ToString(),
        }, TimeProvider.System).Settings!;
        var links = DashboardLinks.FromEnvironment(
            new Dictionary<string, string?> { [DashboardLinks.EnvironmentVariable] = value }, settings, out var error);
        Assert.Null(error);
        return links;
    }
}
