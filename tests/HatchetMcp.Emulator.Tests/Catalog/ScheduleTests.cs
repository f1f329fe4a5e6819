using System.Globalization;
using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Catalog;

/// <summary>Crons, scheduled runs and rate limits (§5.11, §5.12).</summary>
public sealed class ScheduleTests(SharedEmulator shared)
{
    private readonly EmulatorHost host = shared.Host;

    [Fact]
    public async Task A_cron_is_created_by_workflow_name_listed_got_and_deleted()
    {
        await using var own = await EmulatorHost.StartAsync(scale: 50);
        var created = (await own.Api.PostAsync(Routes.CreateCron(own.Tenant, own.Facts.SingleTaskWorkflowName), new JsonObject
        {
            ["input"] = new JsonObject { ["a"] = 1 }, ["additionalMetadata"] = new JsonObject(), ["cronName"] = "nightly", ["cronExpression"] = "0 3 * * *",
        })).Expect(200).Object;
        var id = Wire.Id(created);

        var got = (await own.Api.GetAsync(Routes.Cron(own.Tenant, id))).Expect(200).Object;
        var listed = (await own.Api.GetAsync(Routes.Crons(own.Tenant))).Expect(200).Rows;
        var deleted = await own.Api.DeleteAsync(Routes.Cron(own.Tenant, id));
        var afterDelete = await own.Api.GetAsync(Routes.Cron(own.Tenant, id));

        Assert.Equal("nightly", Wire.Str(got["name"]));
        Assert.Equal("0 3 * * *", Wire.Str(got["cron"]));
        Assert.Equal(own.Facts.SingleTaskWorkflowName, Wire.Str(got["workflowName"]));
        Assert.Equal("API", Wire.Str(got["method"]));
        Assert.Contains(listed, c => Wire.Id(c) == id);
        Assert.Equal(204, deleted.Status);
        Assert.Equal(404, afterDelete.Status);
    }

    [Fact]
    public async Task A_cron_needs_a_name_and_a_new_name_expression_pair()
    {
        await using var own = await EmulatorHost.StartAsync(scale: 30);
        JsonObject Body(string name) => new() { ["input"] = new JsonObject(), ["additionalMetadata"] = new JsonObject(), ["cronName"] = name, ["cronExpression"] = "15 * * * *" };

        var unnamed = await own.Api.PostAsync(Routes.CreateCron(own.Tenant, own.Facts.DagWorkflowName), Body(""));
        var first = await own.Api.PostAsync(Routes.CreateCron(own.Tenant, own.Facts.DagWorkflowName), Body("hourly"));
        var again = await own.Api.PostAsync(Routes.CreateCron(own.Tenant, own.Facts.DagWorkflowName), Body("hourly"));

        Assert.Equal(400, unnamed.Status);
        Assert.Equal("cron name is required", unnamed.ErrorDescription);
        Assert.Equal(200, first.Status);
        Assert.Equal(400, again.Status);
        Assert.Equal("cron trigger with that name-expression pair already exists", again.ErrorDescription);
    }

    [Fact]
    public async Task A_cron_can_be_disabled_and_triggered_now()
    {
        await using var own = await EmulatorHost.StartAsync(scale: 30);
        var cron = Wire.Id((await own.Api.GetAsync(Routes.Crons(own.Tenant))).Expect(200).Rows[0]);

        var patched = await own.Api.PatchAsync(Routes.Cron(own.Tenant, cron), new JsonObject { ["enabled"] = false });
        var got = (await own.Api.GetAsync(Routes.Cron(own.Tenant, cron))).Expect(200).Object;
        var triggered = (await own.Api.PostAsync(Routes.Cron(own.Tenant, cron), new JsonObject())).Expect(200).Object;
        var run = await own.Api.GetAsync(Routes.Run(Guid.Parse(Wire.Str(triggered["externalId"]))));

        Assert.Equal(204, patched.Status);
        Assert.False(Wire.Bool(got["enabled"]));
        Assert.Equal(200, run.Status);
        Assert.Equal(Wire.Str(got["workflowName"]), Wire.Str(run.Object["run"]!["displayName"]).Split('-')[..^1].Aggregate((a, b) => a + "-" + b));
    }

    [Fact]
    public async Task A_schedule_for_an_unknown_workflow_answers_400()
    {
        var response = await host.Api.PostAsync(Routes.CreateScheduled(host.Tenant, "no-such-workflow"), new JsonObject
        {
            ["input"] = new JsonObject(), ["additionalMetadata"] = new JsonObject(), ["triggerAt"] = "2030-01-01T00:00:00Z",
        });

        Assert.Equal(400, response.Status);
        Assert.Equal("workflow not found", response.ErrorDescription);
    }

    [Fact]
    public async Task A_cron_for_an_unknown_workflow_answers_400()
    {
        var response = await host.Api.PostAsync(Routes.CreateCron(host.Tenant, "no-such-workflow"), new JsonObject
        {
            ["input"] = new JsonObject(), ["additionalMetadata"] = new JsonObject(), ["cronName"] = "x", ["cronExpression"] = "* * * * *",
        });

        Assert.Equal(400, response.Status);
        Assert.Equal("workflow not found", response.ErrorDescription);
    }

    [Fact]
    public async Task A_scheduled_run_is_created_listed_got_and_deleted()
    {
        await using var own = await EmulatorHost.StartAsync(scale: 50);
        var at = own.Clock.GetUtcNow().AddHours(3);
        var created = (await own.Api.PostAsync(Routes.CreateScheduled(own.Tenant, own.Facts.SingleTaskWorkflowName), new JsonObject
        {
            ["input"] = new JsonObject(), ["additionalMetadata"] = new JsonObject { ["customer"] = "c-1" },
            ["triggerAt"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        })).Expect(200).Object;
        var id = Wire.Id(created);

        var got = (await own.Api.GetAsync(Routes.ScheduledRun(own.Tenant, id))).Expect(200).Object;
        var listed = (await own.Api.GetAsync(Routes.Scheduled(own.Tenant))).Expect(200).Rows;
        var deleted = await own.Api.DeleteAsync(Routes.ScheduledRun(own.Tenant, id));

        Assert.Equal(at.ToUnixTimeSeconds(), Wire.ParseTime(got["triggerAt"]).ToUnixTimeSeconds());
        Assert.Equal("API", Wire.Str(got["method"]));
        Assert.Contains(listed, s => Wire.Id(s) == id);
        Assert.Equal(204, deleted.Status);
    }

    [Fact]
    public async Task A_schedule_defined_in_code_cannot_be_deleted()
    {
        var fromCode = Wire.Objects((await host.Api.GetAsync(Routes.Scheduled(host.Tenant, "?limit=500"))).Expect(200).Rows)
            .FirstOrDefault(s => Wire.Str(s["method"]) == "DEFAULT");
        Assert.NotNull(fromCode);

        var response = await host.Api.DeleteAsync(Routes.ScheduledRun(host.Tenant, Wire.Id(fromCode)));

        Assert.Equal(403, response.Status);
        Assert.Equal("Cannot delete scheduled run created via code definition.", Wire.Str(response.Object["description"]));
    }

    [Fact]
    public async Task The_nearly_exhausted_rate_limit_is_listed_with_its_window()
    {
        var rows = Wire.Objects((await host.Api.GetAsync(Routes.RateLimits(host.Tenant))).Expect(200).Rows).ToList();

        var limit = rows.SingleOrDefault(r => Wire.Str(r["key"]) == host.Facts.NearlyExhaustedRateLimitKey)
            ?? throw new Xunit.Sdk.XunitException($"rate limit {host.Facts.NearlyExhaustedRateLimitKey} is not listed");
        var limitValue = Wire.Int(limit["limitValue"]);
        var value = Wire.Int(limit["value"]);
        Assert.True(limitValue > 0);
        // `value` is what is left in the window: Hatchet refills it to limitValue and subtracts each step's units.
        Assert.True(value <= 0.1 * limitValue, $"{value} of {limitValue} units left is not near exhaustion");
        Assert.False(string.IsNullOrEmpty(Wire.Str(limit["window"])));
        Assert.Equal(host.Tenant.ToString(), Wire.Str(limit["tenantId"]));
    }

    [Fact]
    public async Task A_rate_limit_is_deleted_by_key_and_the_key_is_required()
    {
        await using var own = await EmulatorHost.StartAsync(scale: 30);
        var key = own.Facts.NearlyExhaustedRateLimitKey;

        var missingKey = await own.Api.DeleteAsync(Routes.RateLimits(own.Tenant));
        var deleted = await own.Api.DeleteAsync(Routes.RateLimits(own.Tenant, $"?key={Wire.Q(key)}"));
        var rows = (await own.Api.GetAsync(Routes.RateLimits(own.Tenant))).Expect(200).Rows;

        Assert.Equal(400, missingKey.Status);
        Assert.Equal("Invalid format for parameter key: query parameter 'key' is required", missingKey.Message);
        Assert.Equal(204, deleted.Status);
        Assert.DoesNotContain(rows, r => Wire.Str(r!["key"]) == key);
    }

    [Fact]
    public async Task Rate_limit_search_matches_the_key()
    {
        var rows = (await host.Api.GetAsync(Routes.RateLimits(host.Tenant, $"?search={Wire.Q(host.Facts.NearlyExhaustedRateLimitKey)}"))).Expect(200).Rows;

        Assert.Contains(rows, r => Wire.Str(r!["key"]) == host.Facts.NearlyExhaustedRateLimitKey);
    }
}
