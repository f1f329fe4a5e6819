using System.Text.Json;
using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Hooks;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.TestHooks;

/// <summary>POST /_emulator/faults: each kind, the count, the path pattern and the method filter (emulator-api.md).</summary>
public sealed class FaultInjectionTests
{
    [Fact]
    public async Task A_status_fault_answers_its_status_body_and_retry_after_for_count_requests_then_stops()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 30);
        await InjectAsync(host, new JsonObject
        {
            ["method"] = "GET", ["pathPattern"] = "/api/v1/tenants/*", ["count"] = 2, ["kind"] = "status",
            ["status"] = 503, ["body"] = "{\"message\":\"busy\"}", ["retryAfterSeconds"] = 7,
        });

        var first = await host.Api.GetAsync(Routes.Tenant(host.Tenant));
        var second = await host.Api.GetAsync(Routes.Tenant(host.Tenant));
        var third = await host.Api.GetAsync(Routes.Tenant(host.Tenant));

        Assert.Equal(503, first.Status);
        Assert.Equal("busy", first.Message);
        Assert.Equal(TimeSpan.FromSeconds(7), first.Headers.RetryAfter?.Delta);
        Assert.Equal(503, second.Status);
        Assert.Equal(200, third.Status);
    }

    [Fact]
    public async Task A_drop_fault_aborts_the_connection()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 30);
        await InjectAsync(host, Fault("drop", "/api/v1/tenants/*"));

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => host.Api.GetAsync(Routes.Tenant(host.Tenant)));
        Assert.Equal(200, (await host.Api.GetAsync(Routes.Tenant(host.Tenant))).Status);
    }

    [Fact]
    public async Task A_dropped_request_is_in_the_request_log_by_the_time_its_client_sees_the_reset()
    {
        // The client sees the reset at once; a log written after the abort would race it. Many rounds make a race show.
        await using var host = await EmulatorHost.StartAsync(scale: 30);
        const int rounds = 40;
        var fault = Fault("drop", "/api/v1/tenants/*");
        fault["count"] = rounds;
        await InjectAsync(host, fault);

        for (var i = 1; i <= rounds; i++)
        {
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => host.Api.GetAsync(Routes.Tenant(host.Tenant)));

            var dropped = host.Emulator.Hooks.Requests.Where(r => r.Path.StartsWith("/api/v1/tenants/", StringComparison.Ordinal)).ToList();
            Assert.Equal(i, dropped.Count);
            Assert.Equal(0, dropped[^1].Status);
        }
    }

    [Fact]
    public async Task A_truncate_fault_cuts_a_valid_response_mid_body()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 30);
        await InjectAsync(host, Fault("truncate", "/api/v1/tenants/*"));

        string? text = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Routes.Tenant(host.Tenant));
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + host.Emulator.Token);
            using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
            text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // The cut showed as a transport error while reading: that is a truncated response too.
        }

        if (text is not null)
        {
            Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(text));
            var full = (await host.Api.GetAsync(Routes.Tenant(host.Tenant))).Expect(200).Body;
            Assert.StartsWith(text, full, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_malformed_fault_answers_200_with_invalid_json()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 30);
        await InjectAsync(host, Fault("malformed", "/api/v1/tenants/*"));

        var response = await host.Api.GetAsync(Routes.Tenant(host.Tenant));

        Assert.Equal(200, response.Status);
        Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(response.Body));
    }

    [Fact]
    public async Task An_html_fault_answers_a_502_html_page()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 30);
        await InjectAsync(host, Fault("html", "/api/v1/tenants/*"));

        var response = await host.Api.GetAsync(Routes.Tenant(host.Tenant));

        Assert.Equal(502, response.Status);
        Assert.Equal("text/html", response.ContentType);
        Assert.Contains("<html", response.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_delay_fault_still_answers_normally()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 30);
        var fault = Fault("delay", "/api/v1/tenants/*");
        fault["delayMs"] = 50;
        await InjectAsync(host, fault);

        var response = await host.Api.GetAsync(Routes.Tenant(host.Tenant));

        Assert.Equal(200, response.Status);
        Assert.Equal(host.Tenant, Wire.Id(response.Object));
    }

    [Fact]
    public async Task A_double_star_pattern_matches_any_rest_and_the_method_filter_applies()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 30);
        await InjectAsync(host, new JsonObject { ["method"] = "POST", ["pathPattern"] = "/api/v1/stable/**", ["count"] = 1, ["kind"] = "status", ["status"] = 429 });

        var get = await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: false, "&limit=1"));
        var post = await host.Api.PostAsync(Routes.Cancel(host.Tenant), new JsonObject { ["externalIds"] = new JsonArray() });

        Assert.Equal(200, get.Status);
        Assert.Equal(429, post.Status);
    }

    [Fact]
    public async Task A_single_star_matches_exactly_one_segment()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 30);
        await InjectAsync(host, new JsonObject { ["pathPattern"] = "/api/v1/stable/workflow-runs/*", ["count"] = 5, ["kind"] = "status", ["status"] = 503 });

        var deeper = await host.Api.GetAsync(Routes.RunStatus(host.Facts.SampleDagRunId));
        var exact = await host.Api.GetAsync(Routes.Run(host.Facts.SampleDagRunId));

        Assert.Equal(200, deeper.Status);
        Assert.Equal(503, exact.Status);
    }

    [Fact]
    public async Task Deleting_faults_clears_them()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 30);
        await InjectAsync(host, Fault("html", "/api/v1/tenants/*"));

        var cleared = await host.Api.DeleteAsync("/_emulator/faults", Credential.None);

        Assert.True(cleared.Status is >= 200 and < 300, cleared.ToString());

        Assert.Equal(200, (await host.Api.GetAsync(Routes.Tenant(host.Tenant))).Status);
    }

    [Fact]
    public async Task In_process_fault_injection_acts_like_the_http_hook()
    {
        await using var host = await EmulatorHost.StartAsync(scale: 30);
        host.Emulator.Hooks.InjectFault(new FaultSpec("GET", "/api/v1/tenants/*", 1, FaultKind.Status) { Status = 500, Body = "{\"message\":\"Internal Server Error\"}" });

        var faulted = await host.Api.GetAsync(Routes.Tenant(host.Tenant));
        var normal = await host.Api.GetAsync(Routes.Tenant(host.Tenant));

        Assert.Equal(500, faulted.Status);
        Assert.Equal(200, normal.Status);
    }

    private static JsonObject Fault(string kind, string pattern) => new() { ["pathPattern"] = pattern, ["count"] = 1, ["kind"] = kind };

    private static async Task InjectAsync(EmulatorHost host, JsonObject fault)
    {
        var response = await host.Api.PostAsync("/_emulator/faults", fault, Credential.None);
        Assert.True(response.Status is >= 200 and < 300, $"{response}: {response.Body}");
    }
}
