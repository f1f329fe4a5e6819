using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Metrics;

/// <summary>task-metrics and step-run-queue-metrics (§5.7).</summary>
public sealed class MetricsTests(SharedEmulator shared)
{
    private readonly EmulatorHost host = shared.Host;

    [Fact]
    public async Task Task_metrics_require_since()
    {
        var response = await host.Api.GetAsync(Routes.TaskMetrics(host.Tenant, "until=" + Wire.Time(host.Clock.GetUtcNow())));

        Assert.Equal(400, response.Status);
        Assert.Equal("Invalid format for parameter since: query parameter 'since' is required", response.Message);
    }

    [Fact]
    public async Task Task_metrics_are_five_entries_in_fixed_order_with_running_details_only_on_running()
    {
        var metrics = (await host.Api.GetAsync(Routes.TaskMetrics(host.Tenant, $"since={Wire.Time(host.LongAgo)}"))).Expect(200).Json.AsArray();

        Assert.Equal(["CANCELLED", "COMPLETED", "FAILED", "QUEUED", "RUNNING"], metrics.Select(m => Wire.Str(m!["status"])));
        Assert.All(metrics.Take(4), m => Assert.False(m!.AsObject().ContainsKey("runningDetailCount")));
        var running = metrics[4]!["runningDetailCount"]!;
        Assert.True(Wire.Int(running["onWorker"]) >= 0 && Wire.Int(running["evicted"]) >= 0);
    }

    [Theory]
    [InlineData("FAILED")]
    [InlineData("COMPLETED")]
    [InlineData("QUEUED")]
    public async Task Task_metric_counts_agree_with_the_runs_list_not_the_task_list(string status)
    {
        // Hatchet counts runs (one row per run in its run statuses), so a DAG run counts once.
        var metrics = (await host.Api.GetAsync(Routes.TaskMetrics(host.Tenant, $"since={Wire.Time(host.LongAgo)}"))).Expect(200).Json.AsArray();
        var runs = (await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: false, $"&statuses={status}&limit=10000"))).Expect(200).Rows;

        var count = Wire.Int(metrics.Single(m => Wire.Str(m!["status"]) == status)!["count"]);
        Assert.Equal(runs.Count, count);
    }

    [Fact]
    public async Task Step_run_queue_metrics_count_the_stuck_action()
    {
        var response = (await host.Api.GetAsync(Routes.StepRunQueueMetrics(host.Tenant))).Expect(200);

        var queues = response.Object["queues"]!.AsObject();
        Assert.True(queues[host.Facts.StuckActionId] is JsonValue, $"no queue {host.Facts.StuckActionId} in {queues.ToJsonString()}");
        Assert.True(Wire.Int(queues[host.Facts.StuckActionId]) >= 1);
    }
}
