using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Workers;

/// <summary>Workers list and get: heartbeat-derived status, pause, slots, actions (§5.6, §8.9).</summary>
public sealed class WorkerTests(SharedEmulator shared)
{
    private static readonly TimeSpan HeartbeatWindow = TimeSpan.FromSeconds(5);

    private readonly EmulatorHost host = shared.Host;

    [Fact]
    public async Task Status_follows_the_heartbeat_and_pause()
    {
        var now = host.Clock.GetUtcNow();
        var workers = await WorkersAsync();

        Assert.All(workers, w =>
        {
            var heartbeat = Wire.ParseTime(w["lastHeartbeatAt"]);
            var status = Wire.Str(w["status"]);
            var expected = now - heartbeat > HeartbeatWindow ? "INACTIVE" : status == "PAUSED" ? "PAUSED" : "ACTIVE";
            Assert.Equal(expected, status);
            Assert.True(now - heartbeat <= TimeSpan.FromHours(24), "the list holds only workers seen in the last 24 h");
        });
    }

    [Fact]
    public async Task The_paused_worker_is_paused_and_the_inactive_worker_inactive()
    {
        var workers = await WorkersAsync();

        Assert.Equal("PAUSED", Wire.Str(Find(workers, host.Facts.PausedWorkerId)["status"]));
        Assert.Equal("INACTIVE", Wire.Str(Find(workers, host.Facts.InactiveWorkerId)["status"]));
        Assert.Equal("ACTIVE", Wire.Str(Find(workers, host.Facts.SaturatedWorkerId)["status"]));
    }

    [Fact]
    public async Task The_saturated_worker_has_no_free_default_slot()
    {
        var worker = Find(await WorkersAsync(), host.Facts.SaturatedWorkerId);

        var slot = worker["slotConfig"]!["default"]!;
        Assert.True(Wire.Int(slot["limit"]) > 0);
        Assert.Equal(0, Wire.Int(slot["available"]));
    }

    [Fact]
    public async Task Every_worker_declares_a_slot_config_with_limits_and_its_actions()
    {
        var workers = await WorkersAsync();

        Assert.All(workers, w =>
        {
            var slots = w["slotConfig"]!.AsObject();
            Assert.NotEmpty(slots);
            Assert.All(slots, s => Assert.True(Wire.Int(s.Value!["limit"]) >= Wire.Int(s.Value["available"] ?? 0)));
            Assert.NotEmpty(w["actions"]!.AsArray());
            Assert.Contains(Wire.Str(w["type"]), new[] { "SELFHOSTED", "MANAGED", "WEBHOOK" });
        });
    }

    [Fact]
    public async Task Worker_get_adds_registered_workflows_and_empty_recent_step_runs()
    {
        var worker = (await host.Api.GetAsync(Routes.Worker(host.Facts.SaturatedWorkerId))).Expect(200).Object;

        Assert.Equal(host.Facts.SaturatedWorkerId, Wire.Id(worker));
        Assert.NotEmpty(worker["registeredWorkflows"]!.AsArray());
        Assert.Empty(worker["recentStepRuns"]!.AsArray());
        Assert.Equal("ACTIVE", Wire.Str(worker["status"]));
    }

    [Fact]
    public async Task No_active_worker_serves_the_stuck_action()
    {
        var workers = await WorkersAsync();

        Assert.DoesNotContain(workers, w =>
            Wire.Str(w["status"]) == "ACTIVE" && w["actions"]!.AsArray().Any(a => Wire.Str(a) == host.Facts.StuckActionId));
    }

    [Fact]
    public async Task The_status_filter_keeps_only_those_statuses()
    {
        var paused = Wire.Objects((await host.Api.GetAsync(Routes.Workers(host.Tenant, "?statuses=PAUSED"))).Expect(200).Rows).ToList();

        Assert.NotEmpty(paused);
        Assert.All(paused, w => Assert.Equal("PAUSED", Wire.Str(w["status"])));
    }

    [Fact]
    public async Task The_labels_filter_keeps_workers_with_that_label_and_rejects_a_bad_format()
    {
        var labelled = (await WorkersAsync()).First(w => w["labels"] is JsonArray { Count: > 0 });
        var label = labelled["labels"]![0]!;
        var pair = $"{Wire.Str(label["key"])}:{Wire.Str(label["value"])}";

        var rows = Wire.Objects((await host.Api.GetAsync(Routes.Workers(host.Tenant, $"?labels={Wire.Q(pair)}"))).Expect(200).Rows).ToList();
        var bad = await host.Api.GetAsync(Routes.Workers(host.Tenant, "?labels=nocolon"));

        Assert.Contains(rows, w => Wire.Id(w) == Wire.Id(labelled));
        Assert.All(rows, w => Assert.Contains(w["labels"]!.AsArray(), l => $"{Wire.Str(l!["key"])}:{Wire.Str(l["value"])}" == pair));
        Assert.Equal(400, bad.Status);
        Assert.Equal("invalid label filter format: nocolon", bad.ErrorDescription);
    }

    private async Task<List<JsonObject>> WorkersAsync() =>
        Wire.Objects((await host.Api.GetAsync(Routes.Workers(host.Tenant))).Expect(200).Rows).ToList();

    private static JsonObject Find(List<JsonObject> workers, Guid id) =>
        workers.SingleOrDefault(w => Wire.Id(w) == id) ?? throw new Xunit.Sdk.XunitException($"worker {id} is not listed");
}
