using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Workers;

/// <summary>Worker state that changes: pausing over PATCH and the 24 h heartbeat window of the list (§5.6, §8.9).</summary>
public sealed class WorkerLifecycleTests
{
    [Fact]
    public async Task Pausing_a_worker_shows_paused_and_unpausing_shows_active()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 30);
        var worker = host.Facts.SaturatedWorkerId;

        var paused = (await host.Api.PatchAsync(Routes.Worker(worker), new JsonObject { ["isPaused"] = true })).Expect(200).Object;
        var listed = Wire.Objects((await host.Api.GetAsync(Routes.Workers(host.Tenant))).Expect(200).Rows).Single(w => Wire.Id(w) == worker);
        var resumed = (await host.Api.PatchAsync(Routes.Worker(worker), new JsonObject { ["isPaused"] = false })).Expect(200).Object;

        Assert.Equal("PAUSED", Wire.Str(paused["status"]));
        Assert.Equal("PAUSED", Wire.Str(listed["status"]));
        Assert.Equal("ACTIVE", Wire.Str(resumed["status"]));
    }

    [Fact]
    public async Task A_worker_silent_for_more_than_24_hours_leaves_the_list()
    {
        await using var host = await EmulatorHost.StartAsync(scenario: "empty");
        var inactive = host.Facts.InactiveWorkerId;
        var before = (await host.Api.GetAsync(Routes.Workers(host.Tenant))).Expect(200).Rows.Select(Wire.Id).ToHashSet();

        host.Clock.Advance(TimeSpan.FromHours(25));
        var after = (await host.Api.GetAsync(Routes.Workers(host.Tenant))).Expect(200).Rows.Select(Wire.Id).ToHashSet();

        Assert.Contains(inactive, before);
        Assert.DoesNotContain(inactive, after);
        Assert.Contains(host.Facts.SaturatedWorkerId, after);
    }
}
