using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Catalog;

/// <summary>v1 events list, get and keys (§5.10).</summary>
public sealed class EventTests(SharedEmulator shared)
{
    private readonly EmulatorHost host = shared.Host;

    [Fact]
    public async Task Events_default_to_the_last_24_hours()
    {
        var now = host.Clock.GetUtcNow();
        var recent = Wire.Objects((await host.Api.GetAsync(Routes.Events(host.Tenant, "?limit=1000"))).Expect(200).Rows).ToList();
        var older = Wire.Objects((await host.Api.GetAsync(Routes.Events(host.Tenant, $"?limit=1000&since={Wire.Time(host.LongAgo)}"))).Expect(200).Rows).ToList();

        Assert.NotEmpty(recent);
        Assert.All(recent, e => Assert.True(Wire.ParseTime(e["metadata"]!["createdAt"]) >= now.AddHours(-24)));
        Assert.True(older.Count > recent.Count, "the seeded events span more than 24 h");
        Assert.All(older, e => Assert.Equal("", Wire.Str(e["tenantId"])));
    }

    [Fact]
    public async Task The_keys_filter_and_the_keys_list_agree()
    {
        var keys = (await host.Api.GetAsync(Routes.EventKeys(host.Tenant))).Expect(200).Rows.Select(k => Wire.Str(k)).ToList();
        var key = keys[0];

        var rows = Wire.Objects((await host.Api.GetAsync(Routes.Events(host.Tenant, $"?since={Wire.Time(host.LongAgo)}&keys={Wire.Q(key)}&limit=1000"))).Expect(200).Rows).ToList();

        Assert.Equal(keys.Distinct().Count(), keys.Count);
        Assert.NotEmpty(rows);
        Assert.All(rows, e => Assert.Equal(key, Wire.Str(e["key"])));
    }

    [Fact]
    public async Task Event_get_answers_the_listed_event_with_its_run_summary()
    {
        var listed = (await host.Api.GetAsync(Routes.Events(host.Tenant, $"?since={Wire.Time(host.LongAgo)}&limit=5"))).Expect(200).Rows[0]!.AsObject();

        var evt = (await host.Api.GetAsync(Routes.Event(host.Tenant, Wire.Id(listed)))).Expect(200).Object;

        Assert.Equal(Wire.Id(listed), Wire.Id(evt));
        Assert.Equal(Wire.Str(listed["key"]), Wire.Str(evt["key"]));
        foreach (var counter in new[] { "running", "queued", "succeeded", "failed", "cancelled" })
        {
            Assert.True(Wire.Int(evt["workflowRunSummary"]![counter]) >= 0);
        }
    }

    [Fact]
    public async Task Event_paging_sets_next_page_to_current_only_on_a_partial_last_page()
    {
        var window = $"?since={Wire.Time(host.LongAgo)}";
        var total = (await host.Api.GetAsync(Routes.Events(host.Tenant, window + "&limit=100000"))).Expect(200).Rows.Count;
        var limit = Enumerable.Range(7, 20).First(l => total % l != 0);
        var pages = (total + limit - 1) / limit;

        var first = (await host.Api.GetAsync(Routes.Events(host.Tenant, $"{window}&limit={limit}"))).Expect(200).Object["pagination"]!;
        var last = (await host.Api.GetAsync(Routes.Events(host.Tenant, $"{window}&limit={limit}&offset={(pages - 1) * limit}"))).Expect(200).Object["pagination"]!;

        Assert.True(pages > 1);
        Assert.Equal(1, Wire.Int(first["current_page"]));
        Assert.Equal(2, Wire.Int(first["next_page"]));
        Assert.Equal(pages, Wire.Int(first["num_pages"]));
        Assert.Equal(pages, Wire.Int(last["current_page"]));
        Assert.Equal(pages, Wire.Int(last["next_page"]));
    }

    [Fact]
    public async Task The_event_ids_and_scopes_filters_narrow_the_list()
    {
        var rows = Wire.Objects((await host.Api.GetAsync(Routes.Events(host.Tenant, $"?since={Wire.Time(host.LongAgo)}&limit=200"))).Expect(200).Rows).ToList();
        var picked = rows.Take(2).Select(Wire.Id).ToList();
        var scoped = rows.First(e => e["scope"] is JsonValue);
        var scope = Wire.Str(scoped["scope"]);

        var byId = (await host.Api.GetAsync(Routes.Events(host.Tenant, $"?since={Wire.Time(host.LongAgo)}&eventIds={picked[0]}&eventIds={picked[1]}"))).Expect(200).Rows;
        var byScope = Wire.Objects((await host.Api.GetAsync(Routes.Events(host.Tenant, $"?since={Wire.Time(host.LongAgo)}&scopes={Wire.Q(scope)}&limit=1000"))).Expect(200).Rows).ToList();

        Assert.Equal(picked.ToHashSet(), byId.Select(Wire.Id).ToHashSet());
        Assert.NotEmpty(byScope);
        Assert.All(byScope, e => Assert.Equal(scope, Wire.Str(e["scope"])));
    }

    [Fact]
    public async Task A_bad_metadata_filter_answers_500()
    {
        var response = await host.Api.GetAsync(Routes.Events(host.Tenant, "?additionalMetadata=nocolon"));

        Assert.Equal(500, response.Status);
        Assert.Equal("Internal Server Error", response.Message);
    }

    [Fact]
    public async Task Events_are_never_the_other_tenants()
    {
        var other = (await host.Api.GetAsync(Routes.Events(host.Facts.OtherTenantId, $"?since={Wire.Time(host.LongAgo)}&limit=1000"), Credential.Bearer(host.Facts.OtherTenantToken))).Expect(200).Rows;
        var mine = (await host.Api.GetAsync(Routes.Events(host.Tenant, $"?since={Wire.Time(host.LongAgo)}&limit=1000"))).Expect(200).Rows;

        var otherIds = other.Select(e => Wire.Str(e!["metadata"]!["id"])).ToHashSet();
        Assert.DoesNotContain(mine, e => otherIds.Contains(Wire.Str(e!["metadata"]!["id"])));
        if (otherIds.Count > 0)
        {
            var response = await host.Api.GetAsync(Routes.Event(host.Tenant, Guid.Parse(otherIds.First())));
            Assert.Equal(403, response.Status);
            Assert.Equal("not authorized to access this resource", response.Message);
        }
    }
}
