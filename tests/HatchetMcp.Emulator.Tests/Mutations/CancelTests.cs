using System.Globalization;
using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Mutations;

/// <summary>POST …/tasks/cancel: echoed ids, asynchronous effect, only non-final tasks cancelled (§4, §5.9).</summary>
public sealed class CancelTests
{
    [Fact]
    public async Task Cancel_echoes_the_ids_sent_including_unknown_ones()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 100);
        var unknown = Guid.NewGuid();
        var sent = new[] { host.Facts.StuckRunId, unknown, host.Facts.SampleSingleTaskRunId };

        var response = (await host.Api.PostAsync(Routes.Cancel(host.Tenant), new JsonObject { ["externalIds"] = Wire.Array(sent.Select(g => g.ToString()).ToArray()) })).Expect(200);

        Assert.Equal(sent.Select(g => g.ToString()), response.Object["ids"]!.AsArray().Select(n => Wire.Str(n)));
    }

    [Fact]
    public async Task Cancel_takes_effect_after_the_answer_not_before()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 100);
        Assert.Equal("QUEUED", await RunWatch.StatusAsync(host, host.Facts.StuckRunId));

        (await host.Api.PostAsync(Routes.Cancel(host.Tenant), new JsonObject { ["externalIds"] = Wire.Array(host.Facts.StuckRunId.ToString()) })).Expect(200);
        var immediately = await RunWatch.StatusAsync(host, host.Facts.StuckRunId);
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        var later = await RunWatch.StatusAsync(host, host.Facts.StuckRunId);

        Assert.Equal("QUEUED", immediately);
        Assert.Equal("CANCELLED", later);
        var events = (await host.Api.GetAsync(Routes.RunTaskEvents(host.Facts.StuckRunId))).Expect(200).Rows;
        Assert.Contains(events, e => Wire.Str(e!["eventType"]) == "CANCELLED");
    }

    [Fact]
    public async Task Cancel_leaves_tasks_in_a_final_state_untouched()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 100);
        var finished = Wire.Objects((await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: false, "&statuses=COMPLETED&statuses=FAILED&limit=5"))).Expect(200).Rows).ToList();
        var before = finished.Select(r => Wire.Str(r["status"])).ToList();

        (await host.Api.PostAsync(Routes.Cancel(host.Tenant), new JsonObject { ["externalIds"] = Wire.Array(finished.Select(r => Wire.Id(r).ToString()).ToArray()) })).Expect(200);
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        var after = new List<string>();
        foreach (var run in finished)
        {
            after.Add(await RunWatch.StatusAsync(host, Wire.Id(run)));
        }

        Assert.NotEmpty(finished);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Cancel_of_a_running_run_cancels_it()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 100);
        var id = Wire.Id((await host.Api.PostAsync(Routes.Trigger(host.Tenant), new JsonObject { ["workflowName"] = host.Facts.DagWorkflowName, ["input"] = new JsonObject() })).Expect(200).Object["run"]);
        await RunWatch.AdvanceUntilAsync(host, id, s => s == "RUNNING", TimeSpan.FromMilliseconds(10), 1000);

        (await host.Api.PostAsync(Routes.Cancel(host.Tenant), new JsonObject { ["externalIds"] = Wire.Array(id.ToString()) })).Expect(200);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var details = (await host.Api.GetAsync(Routes.Run(id))).Expect(200).Object;

        Assert.Equal("CANCELLED", Wire.Str(details["run"]!["status"]));
        Assert.Contains(details["tasks"]!.AsArray(), t => Wire.Str(t!["status"]) == "CANCELLED");
    }

    [Fact]
    public async Task Cancel_by_filter_echoes_the_matching_run_ids()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 100);
        var queued = (await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: false, "&statuses=QUEUED&limit=1000"))).Expect(200).Rows
            .Select(r => Wire.Str(r!["metadata"]!["id"])).ToHashSet();

        var response = (await host.Api.PostAsync(Routes.Cancel(host.Tenant), new JsonObject
        {
            ["filter"] = new JsonObject { ["since"] = host.LongAgo.ToString("O", CultureInfo.InvariantCulture), ["statuses"] = Wire.Array("QUEUED") },
        })).Expect(200);

        Assert.NotEmpty(queued);
        Assert.Equal(queued, response.Object["ids"]!.AsArray().Select(n => Wire.Str(n)).ToHashSet());
    }

    [Fact]
    public async Task Both_ids_and_filter_answer_500()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 50);

        var response = await host.Api.PostAsync(Routes.Cancel(host.Tenant), new JsonObject
        {
            ["externalIds"] = Wire.Array(host.Facts.StuckRunId.ToString()),
            ["filter"] = new JsonObject { ["since"] = host.LongAgo.ToString("O", CultureInfo.InvariantCulture) },
        });

        Assert.Equal(500, response.Status);
        Assert.Equal("Internal Server Error", response.Message);
    }
}
