using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Scenario;

/// <summary>The second tenant's data never shows through the first tenant's routes (§1.4).</summary>
public sealed class TenantIsolationTests(SharedEmulator shared)
{
    private readonly EmulatorHost host = shared.Host;

    private Credential Other => Credential.Bearer(host.Facts.OtherTenantToken);

    [Fact]
    public async Task The_tenants_runs_never_include_the_other_tenants_runs()
    {
        var mine = (await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: true, "&limit=10000"))).Expect(200).Rows;
        var theirs = (await host.Api.GetAsync(Routes.RunsSince(host.Facts.OtherTenantId, host.LongAgo, onlyTasks: true, "&limit=10000"), Other)).Expect(200).Rows;

        var theirIds = theirs.Select(r => Wire.Str(r!["taskExternalId"])).ToHashSet();
        Assert.NotEmpty(theirIds);
        Assert.All(mine, r => Assert.Equal(host.Tenant.ToString(), Wire.Str(r!["tenantId"])));
        Assert.DoesNotContain(mine, r => theirIds.Contains(Wire.Str(r!["taskExternalId"])));
    }

    [Fact]
    public async Task The_tenants_workers_and_workflows_are_its_own()
    {
        var myWorkers = (await host.Api.GetAsync(Routes.Workers(host.Tenant))).Expect(200).Rows.Select(w => Wire.Id(w)).ToHashSet();
        var theirWorkers = (await host.Api.GetAsync(Routes.Workers(host.Facts.OtherTenantId), Other)).Expect(200).Rows.Select(w => Wire.Id(w)).ToHashSet();
        var myWorkflows = (await host.Api.GetAsync(Routes.Workflows(host.Tenant))).Expect(200).Rows.Select(w => Wire.Id(w)).ToHashSet();
        var theirWorkflows = (await host.Api.GetAsync(Routes.Workflows(host.Facts.OtherTenantId), Other)).Expect(200).Rows.Select(w => Wire.Id(w)).ToHashSet();

        Assert.NotEmpty(theirWorkers);
        Assert.Empty(myWorkers.Intersect(theirWorkers));
        Assert.NotEmpty(theirWorkflows);
        Assert.Empty(myWorkflows.Intersect(theirWorkflows));
    }

    [Fact]
    public async Task Cancel_and_replay_of_the_other_tenants_ids_touch_nothing()
    {
        await using var own = await EmulatorHost.StartAsync(scale: 100);
        var other = Credential.Bearer(own.Facts.OtherTenantToken);
        var theirRun = Wire.Objects((await own.Api.GetAsync(Routes.RunsSince(own.Facts.OtherTenantId, own.LongAgo, onlyTasks: false, "&statuses=COMPLETED&limit=1"), other)).Expect(200).Rows).Single();
        var id = Wire.Id(theirRun);

        var cancel = (await own.Api.PostAsync(Routes.Cancel(own.Tenant), new System.Text.Json.Nodes.JsonObject { ["externalIds"] = Wire.Array(id.ToString()) })).Expect(200);
        var replay = (await own.Api.PostAsync(Routes.Replay(own.Tenant), new System.Text.Json.Nodes.JsonObject { ["externalIds"] = Wire.Array(id.ToString()) })).Expect(200);
        own.Clock.Advance(TimeSpan.FromSeconds(2));
        var after = (await own.Api.GetAsync(Routes.Run(id), other)).Expect(200).Object;

        Assert.Equal([id.ToString()], cancel.Object["ids"]!.AsArray().Select(n => Wire.Str(n)));
        Assert.Empty(replay.Object["ids"]!.AsArray());
        Assert.Equal("COMPLETED", Wire.Str(after["run"]!["status"]));
        Assert.Equal(Wire.Int(theirRun["retryCount"] ?? 0), Wire.Int(after["tasks"]![0]!["retryCount"]));
    }
}
