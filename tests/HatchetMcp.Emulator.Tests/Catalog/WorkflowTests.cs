using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Catalog;

/// <summary>Workflows list, get and versions (§5.2).</summary>
public sealed class WorkflowTests(SharedEmulator shared)
{
    private readonly EmulatorHost host = shared.Host;

    [Fact]
    public async Task The_list_holds_the_scenarios_workflows_with_empty_tenant_ids_and_no_versions()
    {
        var rows = Wire.Objects((await host.Api.GetAsync(Routes.Workflows(host.Tenant))).Expect(200).Rows).ToList();

        var names = rows.Select(r => Wire.Str(r["name"])).ToList();
        Assert.Contains(host.Facts.DagWorkflowName, names);
        Assert.Contains(host.Facts.SingleTaskWorkflowName, names);
        Assert.Contains(host.Facts.FailingWorkflowName, names);
        Assert.All(rows, r =>
        {
            Assert.Equal("", Wire.Str(r["tenantId"]));
            Assert.False(r.ContainsKey("versions"));
        });
    }

    [Fact]
    public async Task The_name_filter_searches_by_name()
    {
        var rows = (await host.Api.GetAsync(Routes.Workflows(host.Tenant, $"?name={Wire.Q(host.Facts.DagWorkflowName)}"))).Expect(200).Rows;

        Assert.Contains(rows, r => Wire.Str(r!["name"]) == host.Facts.DagWorkflowName);
        Assert.All(rows, r => Assert.Contains(host.Facts.DagWorkflowName, Wire.Str(r!["name"]), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Paging_splits_the_list_and_counts_pages()
    {
        var all = (await host.Api.GetAsync(Routes.Workflows(host.Tenant))).Expect(200).Rows;
        var page = (await host.Api.GetAsync(Routes.Workflows(host.Tenant, "?limit=2&offset=2"))).Expect(200);

        Assert.Equal(all.Skip(2).Take(2).Select(r => r!.ToJsonString()), page.Rows.Select(r => r!.ToJsonString()));
        var pagination = page.Object["pagination"]!;
        Assert.Equal(2, Wire.Int(pagination["current_page"]));
        Assert.Equal((all.Count + 1) / 2, Wire.Int(pagination["num_pages"]));
    }

    [Fact]
    public async Task On_the_last_page_next_page_stays_on_the_current_page()
    {
        var total = (await host.Api.GetAsync(Routes.Workflows(host.Tenant))).Expect(200).Rows.Count;
        var pages = (total + 2) / 3;

        var last = (await host.Api.GetAsync(Routes.Workflows(host.Tenant, $"?limit=3&offset={(pages - 1) * 3}"))).Expect(200).Object["pagination"]!;

        Assert.Equal(pages, Wire.Int(last["current_page"]));
        Assert.Equal(pages, Wire.Int(last["next_page"]));
        Assert.Equal(pages, Wire.Int(last["num_pages"]));
    }

    [Fact]
    public async Task An_empty_list_counts_zero_pages_on_page_one_with_next_page_two()
    {
        var response = (await host.Api.GetAsync(Routes.Scheduled(host.Tenant, $"?workflowId={Guid.NewGuid()}"))).Expect(200).Object;

        Assert.Empty(response["rows"]?.AsArray() ?? []);
        var pagination = response["pagination"]!;
        Assert.Equal(1, Wire.Int(pagination["current_page"]));
        Assert.Equal(2, Wire.Int(pagination["next_page"]));
        Assert.Equal(0, Wire.Int(pagination["num_pages"]));
    }

    [Fact]
    public async Task Workflow_get_carries_the_tenant_and_its_latest_version()
    {
        var id = Wire.Id((await host.Api.GetAsync(Routes.Workflows(host.Tenant))).Expect(200).Rows[0]);

        var workflow = (await host.Api.GetAsync(Routes.Workflow(id))).Expect(200).Object;
        var version = (await host.Api.GetAsync(Routes.WorkflowVersions(id))).Expect(200).Object;

        Assert.Equal(host.Tenant.ToString(), Wire.Str(workflow["tenantId"]));
        var listed = Assert.Single(workflow["versions"]!.AsArray());
        Assert.Equal(Wire.Id(listed), Wire.Id(version));
        Assert.Equal("", Wire.Str(version["workflowId"]));
        Assert.False(string.IsNullOrEmpty(Wire.Str(version["version"])));
    }
}
