using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.TestHooks;

/// <summary>The request log, the clock and facts hooks, and hooks being off by default (emulator-api.md).</summary>
public sealed class HookRouteTests
{
    [Fact]
    public async Task The_request_log_records_every_request_oldest_first_without_the_hooks_themselves()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 30);
        await host.Api.GetAsync(Routes.Tenant(host.Tenant));
        await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: false, "&limit=3"));
        await host.Api.GetAsync(Routes.Tenant(Guid.NewGuid()));

        var log = (await host.Api.GetAsync("/_emulator/requests", Credential.None)).Expect(200);

        var rows = Wire.Objects(log.Object["requests"]!.AsArray()).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(["GET", "GET", "GET"], rows.Select(r => Wire.Str(r["method"])));
        Assert.Equal(Routes.Tenant(host.Tenant), Wire.Str(rows[0]["path"]));
        Assert.Equal($"/api/v1/stable/tenants/{host.Tenant}/workflow-runs", Wire.Str(rows[1]["path"]));
        Assert.Contains("only_tasks=false", Wire.Str(rows[1]["query"]), StringComparison.Ordinal);
        Assert.Equal([200, 200, 404], rows.Select(r => (int)Wire.Int(r["status"])));
        Assert.Equal(host.Clock.GetUtcNow(), Wire.ParseTime(rows[0]["at"]));
    }

    [Fact]
    public async Task Deleting_the_request_log_clears_it()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 30);
        await host.Api.GetAsync(Routes.Tenant(host.Tenant));

        var cleared = await host.Api.DeleteAsync("/_emulator/requests", Credential.None);
        var log = (await host.Api.GetAsync("/_emulator/requests", Credential.None)).Expect(200);

        Assert.True(cleared.Status is >= 200 and < 300, cleared.ToString());
        Assert.Empty(log.Object["requests"]!.AsArray());
        Assert.Empty(host.Emulator.Hooks.Requests);
    }

    [Fact]
    public async Task The_in_process_request_log_matches_the_http_one()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 30);
        await host.Api.PostAsync(Routes.Cancel(host.Tenant), new System.Text.Json.Nodes.JsonObject { ["externalIds"] = Wire.Array(host.Facts.StuckRunId.ToString()) });
        await host.Api.GetAsync(Routes.Task(Guid.NewGuid()));

        var recorded = host.Emulator.Hooks.Requests;
        var overHttp = Wire.Objects((await host.Api.GetAsync("/_emulator/requests", Credential.None)).Expect(200).Object["requests"]!.AsArray()).ToList();

        Assert.Equal(2, recorded.Count);
        Assert.Equal(["POST", "GET"], recorded.Select(r => r.Method));
        Assert.Equal(Routes.Cancel(host.Tenant), recorded[0].Path);
        Assert.Equal([200, 404], recorded.Select(r => r.Status));
        Assert.Equal(recorded.Select(r => (r.Method, r.Path, r.Status)), overHttp.Select(r => (Wire.Str(r["method"]), Wire.Str(r["path"]), (int)Wire.Int(r["status"]))));
    }

    [Fact]
    public async Task Advancing_time_moves_the_fake_clock()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 30);
        var before = host.Clock.GetUtcNow();

        var response = (await host.Api.PostAsync("/_emulator/time/advance?seconds=90", null, Credential.None)).Expect(200);

        Assert.Equal(before.AddSeconds(90), host.Clock.GetUtcNow());
        Assert.Equal(before.AddSeconds(90), Wire.ParseTime(response.Object["now"]));
    }

    [Fact]
    public async Task Advancing_time_on_the_system_clock_answers_400()
    {
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scenario = "empty", EnableTestHooks = true }, TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        var api = new HatchetApi(http, emulator.Token);

        var response = await api.PostAsync("/_emulator/time/advance?seconds=5", null, Credential.None);

        Assert.Equal(400, response.Status);
    }

    [Fact]
    public async Task Hooks_are_off_unless_enabled()
    {
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scenario = "empty" }, TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        var api = new HatchetApi(http, emulator.Token);

        var requests = await api.GetAsync("/_emulator/requests", Credential.None);
        var faults = await api.PostAsync("/_emulator/faults", new System.Text.Json.Nodes.JsonObject { ["pathPattern"] = "/**", ["kind"] = "html" }, Credential.None);
        var tenant = await api.GetAsync(Routes.Tenant(emulator.TenantId));

        Assert.Equal(404, requests.Status);
        Assert.Equal(404, faults.Status);
        Assert.Equal(200, tenant.Status);
    }

    [Fact]
    public async Task The_facts_hook_answers_the_scenario_facts()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 30);

        var facts = (await host.Api.GetAsync("/_emulator/facts", Credential.None)).Expect(200).Object;

        Assert.Equal(host.Facts.TenantId.ToString(), Wire.Str(facts["tenantId"]));
        Assert.Equal(host.Facts.StuckRunId.ToString(), Wire.Str(facts["stuckRunId"]));
        Assert.Equal(host.Facts.OtherTenantToken, Wire.Str(facts["otherTenantToken"]));
        Assert.Equal(host.Facts.DagWorkflowName, Wire.Str(facts["dagWorkflowName"]));
    }
}
