using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Tests.Support;
using NJsonSchema.Validation;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Contract;

/// <summary>One test per entry of <see cref="ContractDepartures"/>: the emulator really answers as the real server does there.</summary>
public sealed class DepartureTests(SharedEmulator shared)
{
    private readonly EmulatorHost host = shared.Host;

    [Fact]
    [ProvesDeparture(DepartureId.TaskSummaryRequiresAbsentId)]
    public async Task Run_list_rows_carry_their_id_in_metadata_and_have_no_id_property()
    {
        var response = (await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: false, "&limit=5"))).Expect(200);

        Assert.NotEmpty(response.Rows);
        Assert.All(Wire.Objects(response.Rows), row =>
        {
            Assert.False(row.ContainsKey("id"));
            Assert.NotEqual(Guid.Empty, Wire.Id(row));
        });
        Assert.NotEmpty(StrictErrors(response));
        Assert.Empty(PatchedErrors(response));
    }

    [Fact]
    [ProvesDeparture(DepartureId.WorkflowRunRequiresAbsentId)]
    public async Task Run_details_carry_the_run_id_in_metadata_and_have_no_id_property()
    {
        var response = (await host.Api.GetAsync(Routes.Run(host.Facts.SampleDagRunId))).Expect(200);

        var run = response.Object["run"]!.AsObject();
        Assert.False(run.ContainsKey("id"));
        Assert.Equal(host.Facts.SampleDagRunId, Wire.Id(run));
        Assert.NotEmpty(StrictErrors(response));
        Assert.Empty(PatchedErrors(response));
    }

    [Fact]
    [ProvesDeparture(DepartureId.MiddlewareErrorsUseMessageShape)]
    public async Task A_credentials_failure_answers_the_middleware_message_shape_not_the_declared_errors()
    {
        var response = await host.Api.GetAsync(Routes.Tenant(host.Tenant), Credential.None);

        Assert.Equal(403, response.Status);
        Assert.True(response.ToObserved().IsMessageBody("Please provide valid credentials"), response.Body);
        Assert.NotEmpty(StrictErrors(response));
    }

    [Fact]
    [ProvesDeparture(DepartureId.InternalErrorsAre500Message)]
    public async Task A_zero_limit_on_the_run_list_answers_an_undeclared_500()
    {
        var path = Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: false, "&limit=0");
        var response = await host.Api.GetAsync(path);

        Assert.Equal(500, response.Status);
        Assert.Equal("Internal Server Error", response.Message);
        Assert.False(ContractSchemas.Declares(ContractSpec.Shared.FindRequired("GET", path), 500));
    }

    [Fact]
    [ProvesDeparture(DepartureId.NotFoundOutsideContract)]
    public async Task A_missing_run_answers_404_although_run_get_declares_none()
    {
        var path = Routes.Run(Guid.NewGuid());
        var response = await host.Api.GetAsync(path);

        Assert.Equal(404, response.Status);
        Assert.Equal("not found", response.Message);
        Assert.False(ContractSchemas.Declares(ContractSpec.Shared.FindRequired("GET", path), 404));
    }

    [Fact]
    [ProvesDeparture(DepartureId.BearerRefusedOffTenantRoutes)]
    public async Task A_valid_token_on_a_cookie_only_route_answers_an_undeclared_403()
    {
        const string path = "/api/v1/users/current";
        var response = await host.Api.GetAsync(path);

        Assert.Equal(403, response.Status);
        Assert.Equal("Please provide valid credentials", response.Message);
        Assert.False(ContractSchemas.Declares(ContractSpec.Shared.FindRequired("GET", path), 403));
    }

    [Fact]
    [ProvesDeparture(DepartureId.TokenManagementRefused401)]
    public async Task A_token_listing_tokens_answers_an_undeclared_401()
    {
        var path = $"/api/v1/tenants/{host.Tenant}/api-tokens";
        var response = await host.Api.GetAsync(path);

        Assert.Equal(401, response.Status);
        Assert.Equal("Not authorized to perform this operation", response.Message);
        Assert.False(ContractSchemas.Declares(ContractSpec.Shared.FindRequired("GET", path), 401));
    }

    [Fact]
    [ProvesDeparture(DepartureId.TriggerReturnOnlyIdSendsNilSlices)]
    public async Task Trigger_with_return_only_id_answers_null_slices_and_an_empty_status()
    {
        await using var own = await EmulatorHost.StartAsync(scale: 50);
        var response = (await own.Api.PostAsync(Routes.Trigger(own.Tenant), new JsonObject
        {
            ["workflowName"] = own.Facts.SingleTaskWorkflowName, ["input"] = new JsonObject(), ["return_only_id"] = true,
        })).Expect(200);

        var body = response.Object;
        foreach (var member in new[] { "shape", "taskEvents", "tasks" })
        {
            Assert.True(body.ContainsKey(member), $"{member} is absent");
            Assert.Null(body[member]);
        }

        var run = body["run"]!.AsObject();
        Assert.Equal("", Wire.Str(run["status"]));
        Assert.Equal("", Wire.Str(run["displayName"]));
        Assert.Equal(Guid.Empty.ToString(), Wire.Str(run["tenantId"]));
        Assert.Equal(Guid.Empty.ToString(), Wire.Str(run["workflowId"]));
        Assert.NotEqual(Guid.Empty, Wire.Id(run));
        Assert.NotEmpty(StrictErrors(response));
    }

    [Fact]
    [ProvesDeparture(DepartureId.RunDetailsSendZeroTimes)]
    public async Task A_queued_run_sends_zero_started_and_finished_times()
    {
        var response = (await host.Api.GetAsync(Routes.Run(host.Facts.StuckRunId))).Expect(200);

        var run = response.Object["run"]!;
        Assert.Equal("QUEUED", Wire.Str(run["status"]));
        Assert.Equal(Wire.ZeroTime, Wire.Str(run["startedAt"]));
        Assert.Equal(Wire.ZeroTime, Wire.Str(run["finishedAt"]));
    }

    [Fact]
    [ProvesDeparture(DepartureId.IncludePayloadsDefaultsFalse)]
    public async Task Runs_listed_without_include_payloads_carry_empty_inputs_and_outputs()
    {
        var without = (await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: true, "&limit=50"))).Expect(200);
        var with = (await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: true, "&limit=50&include_payloads=true"))).Expect(200);

        Assert.All(Wire.Objects(without.Rows), row =>
        {
            Assert.Equal("{}", row["input"]!.ToJsonString());
            Assert.Equal("{}", row["output"]!.ToJsonString());
        });
        Assert.Contains(Wire.Objects(with.Rows), row => row["input"] is JsonObject { Count: > 0 } || row["output"] is JsonObject { Count: > 0 });
    }

    [Fact]
    [ProvesDeparture(DepartureId.RunRowsAreTypedDag)]
    public async Task A_standalone_task_run_is_listed_with_type_dag()
    {
        var workflows = (await host.Api.GetAsync(Routes.Workflows(host.Tenant, $"?name={Wire.Q(host.Facts.SingleTaskWorkflowName)}"))).Expect(200);
        var workflowId = Wire.Id(Wire.Objects(workflows.Rows).Single(w => Wire.Str(w["name"]) == host.Facts.SingleTaskWorkflowName));

        var runs = (await host.Api.GetAsync(Routes.RunsSince(host.Tenant, host.LongAgo, onlyTasks: false, $"&workflow_ids={workflowId}&limit=20"))).Expect(200);

        Assert.NotEmpty(runs.Rows);
        Assert.All(Wire.Objects(runs.Rows), row =>
        {
            Assert.Equal("DAG", Wire.Str(row["type"]));
            Assert.Equal(Wire.Str(row["metadata"]!["id"]), Wire.Str(row["taskExternalId"]));
        });
    }

    [Fact]
    [ProvesDeparture(DepartureId.TaskEventsIgnorePaging)]
    public async Task Run_task_events_ignore_offset_and_limit()
    {
        var all = (await host.Api.GetAsync(Routes.RunTaskEvents(host.Facts.SampleDagRunId))).Expect(200);
        var paged = (await host.Api.GetAsync(Routes.RunTaskEvents(host.Facts.SampleDagRunId) + "?offset=1&limit=1")).Expect(200);

        Assert.True(all.Rows.Count > 1, $"the sample DAG run has {all.Rows.Count} events");
        Assert.Equal(all.Rows.ToJsonString(), paged.Rows.ToJsonString());
        Assert.Equal("{}", paged.Object["pagination"]!.ToJsonString());
    }

    [Fact]
    [ProvesDeparture(DepartureId.QueueMetricsDeprecated)]
    public async Task Queue_metrics_always_answer_400_deprecated()
    {
        var response = await host.Api.GetAsync(Routes.QueueMetrics(host.Tenant));

        Assert.Equal(400, response.Status);
        Assert.Equal("TenantGetQueueMetrics is deprecated", response.ErrorDescription);
    }

    [Fact]
    [ProvesDeparture(DepartureId.V0RunRoutesDeprecated)]
    public async Task The_v0_run_shape_route_answers_400_this_endpoint_is_deprecated()
    {
        var response = await host.Api.GetAsync($"/api/v1/tenants/{host.Tenant}/workflow-runs/{host.Facts.SampleDagRunId}/shape");

        Assert.Equal(400, response.Status);
        Assert.Equal("This endpoint is deprecated.", response.Message);
    }

    [Fact]
    [ProvesDeparture(DepartureId.LogSearchIsSubstring)]
    public async Task Log_search_matches_a_mid_word_fragment_in_any_case()
    {
        var logs = (await host.Api.GetAsync(Routes.TaskLogs(host.Facts.SampleDagChildTaskId, "?limit=1000"))).Expect(200);
        var message = Wire.Objects(logs.Rows).Select(r => Wire.Str(r["message"])).FirstOrDefault(m => m.Length >= 8)
            ?? throw new Xunit.Sdk.XunitException("the sample DAG child task has no log line of 8+ characters");
        var fragment = message.Substring(1, 5).ToUpperInvariant();

        var found = (await host.Api.GetAsync(Routes.TaskLogs(host.Facts.SampleDagChildTaskId, $"?limit=1000&search={Wire.Q(fragment)}"))).Expect(200);

        Assert.Contains(Wire.Objects(found.Rows), r => Wire.Str(r["message"]) == message);
        Assert.All(Wire.Objects(found.Rows), r => Assert.Contains(fragment, Wire.Str(r["message"]), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    [ProvesDeparture(DepartureId.TriggerPriorityRange)]
    public async Task Trigger_rejects_a_priority_outside_one_to_three()
    {
        await using var own = await EmulatorHost.StartAsync(scale: 50);
        var results = new Dictionary<int, ApiResponse>();
        foreach (var priority in new[] { 0, 1, 3, 4 })
        {
            results[priority] = await own.Api.PostAsync(Routes.Trigger(own.Tenant), new JsonObject
            {
                ["workflowName"] = own.Facts.SingleTaskWorkflowName, ["input"] = new JsonObject(), ["priority"] = priority, ["return_only_id"] = true,
            });
        }

        Assert.Equal(400, results[0].Status);
        Assert.Equal("priority must be between 1 and 3, got 0", results[0].ErrorDescription);
        Assert.Equal(400, results[4].Status);
        Assert.Equal("priority must be between 1 and 3, got 4", results[4].ErrorDescription);
        Assert.Equal(200, results[1].Status);
        Assert.Equal(200, results[3].Status);
    }

    private static ICollection<ValidationError> StrictErrors(ApiResponse response) => ErrorsAgainst(ContractSchemas.Strict, response);

    private static ICollection<ValidationError> PatchedErrors(ApiResponse response) => ErrorsAgainst(ContractSchemas.Patched, response);

    private static ICollection<ValidationError> ErrorsAgainst(ContractSchemas schemas, ApiResponse response)
    {
        var operation = ContractSpec.Shared.FindRequired(response.Method, response.Path);
        var schema = schemas.ForResponse(operation, response.Status)
            ?? throw new Xunit.Sdk.XunitException($"{operation} declares no body for {response.Status}");
        return new JsonSchemaValidator().Validate(response.Body, schema);
    }
}
