using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Logs;

/// <summary>Task and tenant log lines: order, exclusive windows, search, levels, attempt, limits, paging (§5.5, §8.8).</summary>
public sealed class TaskLogTests(SharedEmulator shared)
{
    private readonly EmulatorHost host = shared.Host;

    private Guid Task => host.Facts.SampleDagChildTaskId;

    [Fact]
    public async Task Lines_come_oldest_first_by_default_and_newest_first_on_request()
    {
        var asc = await LinesAsync(Task, "?limit=1000");
        var desc = await LinesAsync(Task, "?limit=1000&order_by_direction=DESC");

        var ascTimes = asc.Select(l => Wire.ParseTime(l["createdAt"])).ToList();
        var descTimes = desc.Select(l => Wire.ParseTime(l["createdAt"])).ToList();
        Assert.True(asc.Count > 2, $"the sample task has {asc.Count} log lines");
        Assert.Equal(ascTimes.Order().ToList(), ascTimes);
        Assert.Equal(descTimes.OrderDescending().ToList(), descTimes);
    }

    [Fact]
    public async Task Since_and_until_are_exclusive()
    {
        var all = await LinesAsync(Task, "?limit=1000");
        var first = Wire.ParseTime(all[0]["createdAt"]);
        var last = Wire.ParseTime(all[^1]["createdAt"]);

        var after = await LinesAsync(Task, $"?limit=1000&since={Wire.Time(first)}");
        var before = await LinesAsync(Task, $"?limit=1000&until={Wire.Time(last)}");

        Assert.True(first < last, "the sample task's lines span no time");
        Assert.Equal(all.Count(l => Wire.ParseTime(l["createdAt"]) > first), after.Count);
        Assert.Equal(all.Count(l => Wire.ParseTime(l["createdAt"]) < last), before.Count);
        Assert.All(after, l => Assert.True(Wire.ParseTime(l["createdAt"]) > first));
        Assert.All(before, l => Assert.True(Wire.ParseTime(l["createdAt"]) < last));
    }

    [Fact]
    public async Task Search_is_case_insensitive()
    {
        var all = await LinesAsync(Task, "?limit=1000");
        var word = Wire.Str(all[0]["message"]).Split(' ', StringSplitOptions.RemoveEmptyEntries).First(w => w.Length >= 3);

        var lower = await LinesAsync(Task, $"?limit=1000&search={Wire.Q(word.ToLowerInvariant())}");
        var upper = await LinesAsync(Task, $"?limit=1000&search={Wire.Q(word.ToUpperInvariant())}");

        Assert.NotEmpty(lower);
        Assert.Equal(lower.Select(l => l.ToJsonString()), upper.Select(l => l.ToJsonString()));
        Assert.Equal(all.Count(l => Wire.Str(l["message"]).Contains(word, StringComparison.OrdinalIgnoreCase)), lower.Count);
    }

    [Fact]
    public async Task The_levels_filter_keeps_only_those_levels()
    {
        var all = await LinesAsync(Guid.Empty, $"limit=10000");
        var errors = await LinesAsync(Guid.Empty, "limit=10000&levels=ERROR");
        var warnOrError = await LinesAsync(Guid.Empty, "limit=10000&levels=ERROR&levels=WARN");

        Assert.NotEmpty(errors);
        Assert.All(errors, l => Assert.Equal("ERROR", Wire.Str(l["level"])));
        Assert.All(warnOrError, l => Assert.Contains(Wire.Str(l["level"]), new[] { "ERROR", "WARN" }));
        Assert.True(warnOrError.Count > errors.Count);
        Assert.All(all, l => Assert.Contains(Wire.Str(l["level"]), new[] { "DEBUG", "INFO", "WARN", "ERROR" }));
    }

    [Fact]
    public async Task An_unknown_level_answers_500()
    {
        var response = await host.Api.GetAsync(Routes.TaskLogs(Task, "?levels=FOO"));

        Assert.Equal(500, response.Status);
        Assert.Equal("Internal Server Error", response.Message);
    }

    [Fact]
    public async Task The_attempt_filter_keeps_one_attempts_lines()
    {
        var retried = (await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: true, "&limit=10000"))).Expect(200).Rows
            .OfType<JsonObject>()
            .FirstOrDefault(r => Wire.Int(r["retryCount"]) >= 1)
            ?? throw new Xunit.Sdk.XunitException("no seeded task was retried");
        var task = Guid.Parse(Wire.Str(retried["taskExternalId"]));

        var first = await LinesAsync(task, "?limit=1000&attempt=1");
        var second = await LinesAsync(task, "?limit=1000&attempt=2");

        Assert.NotEmpty(first);
        Assert.NotEmpty(second);
        Assert.All(first, l => Assert.Equal(1, Wire.Int(l["attempt"])));
        Assert.All(second, l => Assert.Equal(2, Wire.Int(l["attempt"])));
        Assert.All(second, l => Assert.Equal(1, Wire.Int(l["retryCount"])));
    }

    [Fact]
    public async Task The_limit_caps_lines_and_above_ten_thousand_answers_500()
    {
        var two = await LinesAsync(Task, "?limit=2");
        var max = await host.Api.GetAsync(Routes.TaskLogs(Task, "?limit=10000"));
        var over = await host.Api.GetAsync(Routes.TaskLogs(Task, "?limit=10001"));

        Assert.Equal(2, two.Count);
        Assert.Equal(200, max.Status);
        Assert.Equal(500, over.Status);
        Assert.Equal("Internal Server Error", over.Message);
    }

    [Fact]
    public async Task Log_pagination_is_always_zero()
    {
        var response = (await host.Api.GetAsync(Routes.TaskLogs(Task, "?limit=2"))).Expect(200);

        var pagination = response.Object["pagination"]!;
        Assert.Equal(0, Wire.Int(pagination["current_page"]));
        Assert.Equal(0, Wire.Int(pagination["next_page"]));
        Assert.Equal(0, Wire.Int(pagination["num_pages"]));
    }

    [Fact]
    public async Task Lines_name_their_task_and_attempt_and_have_object_metadata()
    {
        var lines = await LinesAsync(Task, "?limit=1000");

        Assert.All(lines, l =>
        {
            Assert.Equal(Task.ToString(), Wire.Str(l["taskExternalId"]));
            Assert.False(string.IsNullOrEmpty(Wire.Str(l["taskDisplayName"])));
            Assert.Equal(Wire.Int(l["retryCount"]) + 1, Wire.Int(l["attempt"]));
            Assert.IsType<JsonObject>(l["metadata"]);
        });
    }

    [Fact]
    public async Task Tenant_logs_filtered_by_task_ids_hold_only_those_tasks()
    {
        var other = host.Facts.SampleSingleTaskRunId;

        var lines = await LinesAsync(Guid.Empty, $"limit=10000&taskExternalIds={Task}&taskExternalIds={other}");

        var tasks = lines.Select(l => Wire.Str(l["taskExternalId"])).Distinct().ToHashSet();
        Assert.Contains(Task.ToString(), tasks);
        Assert.Subset(new HashSet<string> { Task.ToString(), other.ToString() }, tasks);
    }

    [Fact]
    public async Task Tenant_logs_never_include_the_other_tenants_lines()
    {
        var mine = await LinesAsync(Guid.Empty, "limit=10000");
        var otherLines = (await host.Api.GetAsync(Routes.TenantLogs(host.Facts.OtherTenantId, "limit=10000"), Credential.Bearer(host.Facts.OtherTenantToken))).Expect(200).Rows;

        var otherTasks = otherLines.Select(l => Wire.Str(l!["taskExternalId"])).ToHashSet();
        Assert.NotEmpty(otherTasks);
        Assert.DoesNotContain(mine, l => otherTasks.Contains(Wire.Str(l["taskExternalId"])));
    }

    [Fact]
    public async Task Search_is_ilike_so_percent_and_underscore_are_wildcards()
    {
        var literal = await LinesAsync(Guid.Empty, $"limit=10000&search={Wire.Q("billing_country")}");
        var percent = await LinesAsync(Guid.Empty, $"limit=10000&search={Wire.Q("BILLING%COUNTRY")}");
        var underscore = await LinesAsync(Guid.Empty, $"limit=10000&search={Wire.Q("billing_countr_")}");

        Assert.NotEmpty(literal);
        Assert.Equal(Messages(literal), Messages(percent));
        Assert.Equal(Messages(literal), Messages(underscore));
    }

    [Fact]
    public async Task A_backslash_makes_percent_and_underscore_literal()
    {
        var escapedUnderscore = await LinesAsync(Guid.Empty, $"limit=10000&search={Wire.Q(@"billing\_country")}");
        var escapedPercent = await LinesAsync(Guid.Empty, $"limit=10000&search={Wire.Q(@"billing\%country")}");
        var plain = await LinesAsync(Guid.Empty, $"limit=10000&search={Wire.Q("billing_country")}");

        Assert.NotEmpty(escapedUnderscore);
        Assert.Equal(Messages(plain), Messages(escapedUnderscore));
        Assert.Empty(escapedPercent);
    }

    [Fact]
    public async Task Tenant_logs_filtered_by_workflow_ids_hold_only_that_workflows_lines()
    {
        var workflows = Wire.Objects((await host.Api.GetAsync(Routes.Workflows(host.Tenant))).Expect(200).Rows).ToList();
        var failing = Wire.Id(workflows.Single(w => Wire.Str(w["name"]) == host.Facts.FailingWorkflowName));
        var other = Wire.Id(workflows.First(w => Wire.Str(w["name"]) != host.Facts.FailingWorkflowName));

        var inFailing = await LinesAsync(Guid.Empty, $"limit=10000&search=billing_country&workflow_ids={failing}");
        var inOther = await LinesAsync(Guid.Empty, $"limit=10000&search=billing_country&workflow_ids={other}");
        var everywhere = await LinesAsync(Guid.Empty, "limit=10000&search=billing_country");

        Assert.NotEmpty(inFailing);
        Assert.Empty(inOther);
        Assert.Equal(Messages(everywhere), Messages(inFailing));
    }

    private static List<string> Messages(IEnumerable<JsonObject> lines) =>
        lines.Select(l => Wire.Str(l["taskExternalId"]) + "|" + Wire.Str(l["createdAt"]) + "|" + Wire.Str(l["message"])).Order(StringComparer.Ordinal).ToList();

    /// <summary>Task logs when <paramref name="task"/> is set, else tenant logs (then <paramref name="query"/> has no '?').</summary>
    private async Task<List<JsonObject>> LinesAsync(Guid task, string query)
    {
        var path = task == Guid.Empty ? Routes.TenantLogs(host.Tenant, query) : Routes.TaskLogs(task, query);
        return Wire.Objects((await host.Api.GetAsync(path)).Expect(200).Rows).ToList();
    }
}
