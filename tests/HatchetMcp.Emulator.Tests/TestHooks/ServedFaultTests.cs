using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Hooks;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.TestHooks;

/// <summary>Faults after the request was served: the run exists though its client never got a usable answer.</summary>
public sealed class ServedFaultTests
{
    private static JsonObject TriggerBody(string marker) => new()
    {
        ["workflowName"] = null, // set per test
        ["input"] = new JsonObject(),
        ["additionalMetadata"] = new JsonObject { ["marker"] = marker },
    };

    private static async Task<int> RunsWithMarkerAsync(EmulatorHost host, string marker)
    {
        var list = await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: false, $"&additional_metadata=marker:{marker}"));
        Assert.Equal(200, list.Status);
        return list.Object["rows"]!.AsArray().Count;
    }

    private static async Task InjectAsync(EmulatorHost host, JsonObject fault)
    {
        var response = await host.Http.PostAsync("/_emulator/faults",
            new StringContent(fault.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(204, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("malformed")]
    [InlineData("drop")]
    public async Task With_serve_first_the_trigger_creates_its_run_before_the_fault_replaces_the_answer(string kind)
    {
        await using var host = await EmulatorHost.StartAsync(scale: 30);
        await InjectAsync(host, new JsonObject
        {
            ["method"] = "POST", ["pathPattern"] = "/api/v1/stable/tenants/*/workflow-runs/trigger", ["kind"] = kind, ["status"] = 500, ["serveFirst"] = true,
        });
        var body = TriggerBody(kind);
        body["workflowName"] = host.Facts.SingleTaskWorkflowName;

        int? status;
        try
        {
            status = (await host.Api.PostAsync(Routes.Trigger(host.Tenant), body)).Status;
        }
        catch (HttpRequestException)
        {
            status = null; // dropped
        }

        Assert.Equal(kind switch { "status" => 500, "malformed" => 200, _ => (int?)null }, status);
        Assert.Equal(1, await RunsWithMarkerAsync(host, kind));
    }

    [Fact]
    public async Task A_late_serve_creates_the_run_after_its_client_gave_up()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 30);
        host.Emulator.Hooks.InjectFault(new FaultSpec("POST", "/api/v1/stable/tenants/*/workflow-runs/trigger", 1, FaultKind.LateServe) { DelayMs = 2_000 });
        var body = TriggerBody("late");
        body["workflowName"] = host.Facts.SingleTaskWorkflowName;

        // The client gives up well before the emulator serves, but late enough that the request has surely been sent,
        // even on a loaded machine.
        using (var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(700)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Routes.Trigger(host.Tenant))
            {
                Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + host.Emulator.Token);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Http.SendAsync(request, impatient.Token));
        }

        Assert.Equal(0, await RunsWithMarkerAsync(host, "late"));
        await WaitForAsync(() => host.Emulator.Hooks.Requests.Any(r => r.Path.EndsWith("/trigger", StringComparison.Ordinal)));
        Assert.Equal(1, await RunsWithMarkerAsync(host, "late"));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1_000 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
