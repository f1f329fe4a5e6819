using Xunit;

namespace HatchetMcp.Emulator.Tests.Contract;

/// <summary>The contract machinery itself: it must find operations and reject bodies that break the schema.</summary>
public sealed class ContractInfrastructureTests
{
    private const string Tenant = "707d0855-80ab-4e1f-a156-f1c4546cbf52";
    private const string Run = "0a0a0a0a-0000-4000-8000-000000000001";

    [Fact]
    public void The_contract_loads_with_its_operations()
    {
        var spec = ContractSpec.Shared;

        Assert.True(spec.Operations.Count > 100, $"only {spec.Operations.Count} operations loaded");
        Assert.Contains(spec.Operations, o => o.OperationId == "v1-workflow-run:list");
    }

    [Theory]
    [InlineData("GET", "/api/v1/stable/tenants/" + Tenant + "/workflow-runs?since=x", "v1-workflow-run:list")]
    [InlineData("POST", "/api/v1/stable/tenants/" + Tenant + "/workflow-runs/trigger", "v1-workflow-run:create")]
    [InlineData("GET", "/api/v1/stable/workflow-runs/" + Run, "v1-workflow-run:get")]
    [InlineData("GET", "/api/v1/stable/workflow-runs/" + Run + "/status", "v1-workflow-run:get-status")]
    [InlineData("GET", "/api/v1/stable/tenants/" + Tenant + "/events/keys", "v1:event-key:list")]
    [InlineData("GET", "/api/v1/tenants/" + Tenant + "/worker", "worker:list")]
    public void A_concrete_path_maps_to_its_operation_with_literal_segments_preferred(string method, string path, string operationId)
    {
        var operation = ContractSpec.Shared.Find(method, path);

        Assert.NotNull(operation);
        Assert.Equal(operationId, operation.OperationId);
    }

    [Theory]
    [InlineData("GET", "/api/v1/stable/nothing-here")]
    [InlineData("DELETE", "/api/v1/stable/workflow-runs/" + Run)]
    [InlineData("GET", "/_emulator/requests")]
    public void A_path_outside_the_contract_has_no_operation(string method, string path)
    {
        Assert.Null(ContractSpec.Shared.Find(method, path));
    }

    [Fact]
    public void A_body_matching_the_schema_conforms()
    {
        var verdict = Check("GET", $"/api/v1/stable/workflow-runs/{Run}/status", 200, "\"COMPLETED\"");

        Assert.False(verdict.IsViolation, verdict.ToString());
        Assert.Null(verdict.FollowedDeparture);
    }

    [Fact]
    public void A_value_outside_an_enum_is_a_violation()
    {
        var verdict = Check("GET", $"/api/v1/stable/workflow-runs/{Run}/status", 200, "\"FINISHED\"");

        Assert.True(verdict.IsViolation);
    }

    [Fact]
    public void A_missing_required_property_is_a_violation()
    {
        var verdict = Check("GET", $"/api/v1/stable/tenants/{Tenant}/workflow-runs", 200, "{\"pagination\":{}}");

        Assert.True(verdict.IsViolation);
        Assert.Contains("rows", verdict.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrongly_typed_nested_property_is_a_violation()
    {
        var verdict = Check("GET", $"/api/v1/stable/tenants/{Tenant}/task-metrics", 200, "[{\"status\":\"QUEUED\",\"count\":\"three\"}]");

        Assert.True(verdict.IsViolation);
    }

    [Fact]
    public void A_malformed_uuid_in_a_uuid_field_is_a_violation()
    {
        const string body = "{\"rows\":[{\"metadata\":{\"id\":\"x\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\"}," +
            "\"key\":\"k\",\"tenantId\":\"\",\"workflowRunSummary\":{\"running\":0,\"queued\":0,\"succeeded\":0,\"failed\":0,\"cancelled\":0}," +
            "\"triggeredRuns\":[{\"workflowRunId\":\"not-a-uuid\"}]}]}";

        var verdict = Check("GET", $"/api/v1/stable/tenants/{Tenant}/events", 200, body);

        Assert.True(verdict.IsViolation);
    }

    [Fact]
    public void A_status_the_operation_does_not_declare_is_a_violation()
    {
        var verdict = Check("GET", $"/api/v1/stable/tenants/{Tenant}/task-metrics", 418, "{\"errors\":[{\"description\":\"x\"}]}");

        Assert.True(verdict.IsViolation);
    }

    [Fact]
    public void A_middleware_message_body_is_the_listed_departure_not_a_violation()
    {
        var verdict = Check("GET", $"/api/v1/stable/tenants/{Tenant}/task-metrics", 403, "{\"message\":\"Please provide valid credentials\"}");

        Assert.False(verdict.IsViolation, verdict.ToString());
        Assert.Equal(DepartureId.MiddlewareErrorsUseMessageShape, verdict.FollowedDeparture?.Id);
    }

    [Fact]
    public void A_message_body_with_extra_members_is_not_excused()
    {
        var verdict = Check("GET", $"/api/v1/stable/tenants/{Tenant}/task-metrics", 403, "{\"message\":\"no\",\"detail\":1}");

        Assert.True(verdict.IsViolation);
    }

    [Fact]
    public void Every_schema_patch_in_the_departure_table_applies_to_the_contract()
    {
        foreach (var departure in ContractDepartures.All.Where(d => d.Patch is not null))
        {
            var strict = ContractSchemas.Strict.Component(departure.Patch!.Schema);
            var patched = ContractSchemas.Patched.Component(departure.Patch.Schema);

            Assert.Contains(departure.Patch.Property, strict.RequiredProperties);
            Assert.DoesNotContain(departure.Patch.Property, patched.RequiredProperties);
        }
    }

    private static ContractVerdict Check(string method, string path, int status, string body) =>
        ContractValidator.Default.Check(new ObservedResponse(method, path, status, body));
}
