using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Runs;

/// <summary>Each endpoint family computes current_page its own way for an offset that is not a multiple of the limit (§1.5).</summary>
public sealed class PagingFormulaTests(SharedEmulator shared)
{
    private readonly EmulatorHost host = shared.Host;

    [Fact]
    public async Task The_run_list_truncates_offset_over_limit()
    {
        var pagination = (await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: false, "&limit=10&offset=15"))).Expect(200).Object["pagination"]!;

        Assert.Equal(2, Wire.Int(pagination["current_page"]));
        Assert.Equal(3, Wire.Int(pagination["next_page"]));
    }

    [Fact]
    public async Task The_workflow_list_rounds_offset_over_limit_up()
    {
        var pagination = (await host.Api.GetAsync(Routes.Workflows(host.Tenant, "?limit=2&offset=3"))).Expect(200).Object["pagination"]!;

        Assert.Equal(3, Wire.Int(pagination["current_page"]));
    }

    [Fact]
    public async Task The_event_list_truncates_offset_over_limit()
    {
        var pagination = (await host.Api.GetAsync(Routes.Events(host.Tenant, $"?since={Wire.Time(host.LongAgo)}&limit=10&offset=15"))).Expect(200).Object["pagination"]!;

        Assert.Equal(2, Wire.Int(pagination["current_page"]));
    }

    [Fact]
    public async Task A_non_positive_workflow_limit_falls_back_to_fifty_and_a_negative_offset_to_zero()
    {
        var all = (await host.Api.GetAsync(Routes.Workflows(host.Tenant))).Expect(200).Rows;
        var odd = (await host.Api.GetAsync(Routes.Workflows(host.Tenant, "?limit=0&offset=-4"))).Expect(200);

        Assert.Equal(all.ToJsonString(), odd.Rows.ToJsonString());
        Assert.Equal(1, Wire.Int(odd.Object["pagination"]!["current_page"]));
    }

    [Fact]
    public async Task The_worker_list_returns_every_worker_by_default()
    {
        var all = (await host.Api.GetAsync(Routes.Workers(host.Tenant))).Expect(200).Object;

        Assert.Equal(1, Wire.Int(all["pagination"]!["num_pages"]));
        Assert.True(all["rows"]!.AsArray().Count > 5);
    }
}
