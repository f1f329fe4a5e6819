using System.Text;
using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Tests.Support;
using Xunit;

namespace HatchetMcp.Emulator.Tests.Authentication;

/// <summary>
/// Resource population before authentication (400 bad UUID, 404 missing), then 403 with Echo's message for every
/// bearer failure; never 401 (server-behaviour.md §1.2, §1.4, §3).
/// </summary>
public sealed class AuthenticationTests(SharedEmulator shared)
{
    private const string BadCredentials = "Please provide valid credentials";

    private readonly EmulatorHost host = shared.Host;

    public enum BadCredential
    {
        Missing,
        LowercaseBearer,
        Garbage,
        Expired,
        Revoked,
        TamperedSignature,
        OtherTenantsToken,
    }

    [Fact]
    public async Task The_minted_token_reads_the_tenant()
    {
        var response = await host.Api.GetAsync(Routes.Tenant(host.Tenant));

        response.Expect(200);
        Assert.Equal(host.Tenant, Wire.Id(response.Object));
        Assert.Equal(host.Facts.TenantName, Wire.Str(response.Object["name"]));
    }

    [Fact]
    public void The_token_carries_hatchets_claims_with_an_es256_header()
    {
        var parts = host.Emulator.Token.Split('.');
        var header = JsonNode.Parse(Base64UrlDecode(parts[0]))!.AsObject();
        var claims = JsonNode.Parse(Base64UrlDecode(parts[1]))!.AsObject();
        var serverUrl = host.Emulator.BaseUrl.ToString().TrimEnd('/');

        Assert.Equal(3, parts.Length);
        Assert.Equal("ES256", Wire.Str(header["alg"]));
        Assert.False(string.IsNullOrEmpty(Wire.Str(header["kid"])));
        Assert.False(header.ContainsKey("typ"));
        Assert.Equal(host.Tenant.ToString(), Wire.Str(claims["sub"]));
        Assert.Equal(serverUrl, Wire.Str(claims["iss"]));
        Assert.Equal(serverUrl, Wire.Str(claims["aud"]));
        Assert.Equal(serverUrl, Wire.Str(claims["server_url"]));
        Assert.False(string.IsNullOrEmpty(Wire.Str(claims["grpc_broadcast_address"])));
        Assert.True(Guid.TryParse(Wire.Str(claims["token_id"]), out _));
        Assert.Equal(TimeSpan.FromDays(90).TotalSeconds, Wire.Int(claims["exp"]) - Wire.Int(claims["iat"]));
        Assert.Equal(64, Base64UrlDecodeBytes(parts[2]).Length);
    }

    [Theory]
    [InlineData(BadCredential.Missing)]
    [InlineData(BadCredential.LowercaseBearer)]
    [InlineData(BadCredential.Garbage)]
    [InlineData(BadCredential.Expired)]
    [InlineData(BadCredential.Revoked)]
    [InlineData(BadCredential.TamperedSignature)]
    [InlineData(BadCredential.OtherTenantsToken)]
    public async Task A_bad_bearer_credential_answers_403_please_provide_valid_credentials(BadCredential credential)
    {
        var response = await host.Api.GetAsync(Routes.Tenant(host.Tenant), AuthFor(credential));

        Assert.Equal(403, response.Status);
        Assert.Equal(BadCredentials, response.Message);
    }

    [Theory]
    [InlineData(BadCredential.Missing)]
    [InlineData(BadCredential.Garbage)]
    [InlineData(BadCredential.Expired)]
    public async Task A_bad_credential_on_a_run_route_is_403_not_401(BadCredential credential)
    {
        var response = await host.Api.GetAsync(Routes.Run(host.Facts.SampleDagRunId), AuthFor(credential));

        Assert.Equal(403, response.Status);
        Assert.Equal(BadCredentials, response.Message);
    }

    [Fact]
    public async Task The_other_tenants_run_task_workflow_and_worker_answer_403_to_this_tenants_token()
    {
        var other = Credential.Bearer(host.Facts.OtherTenantToken);
        var otherRuns = (await host.Api.GetAsync(Routes.RunsSince(host.Facts.OtherTenantId, host.LongAgo, onlyTasks: true, "&limit=1"), other)).Expect(200);
        var otherTask = Guid.Parse(Wire.Str(otherRuns.Rows[0]!["taskExternalId"]));
        var otherRun = Guid.Parse(Wire.Str(otherRuns.Rows[0]!["workflowRunExternalId"]));
        var otherWorkflow = Wire.Id((await host.Api.GetAsync(Routes.Workflows(host.Facts.OtherTenantId), other)).Expect(200).Rows[0]);
        var otherWorker = Wire.Id((await host.Api.GetAsync(Routes.Workers(host.Facts.OtherTenantId), other)).Expect(200).Rows[0]);

        foreach (var path in new[] { Routes.Run(otherRun), Routes.Task(otherTask), Routes.TaskLogs(otherTask), Routes.Workflow(otherWorkflow), Routes.Worker(otherWorker), Routes.Tenant(host.Facts.OtherTenantId) })
        {
            var response = await host.Api.GetAsync(path);
            Assert.True(response.Status == 403 && response.Message == BadCredentials, $"{response}: {response.Body}");
        }
    }

    [Fact]
    public async Task Another_tenants_event_or_cron_under_this_tenants_path_answers_403_not_authorized_to_access_this_resource()
    {
        var other = Credential.Bearer(host.Facts.OtherTenantToken);
        var theirEvent = Wire.Id((await host.Api.GetAsync(Routes.Events(host.Facts.OtherTenantId, $"?since={Wire.Time(host.LongAgo)}&limit=1"), other)).Expect(200).Rows[0]);
        var theirCron = Wire.Id((await host.Api.GetAsync(Routes.Crons(host.Facts.OtherTenantId, "?limit=1"), other)).Expect(200).Rows[0]);

        foreach (var path in new[] { Routes.Event(host.Tenant, theirEvent), Routes.Cron(host.Tenant, theirCron) })
        {
            var response = await host.Api.GetAsync(path);
            Assert.True(response.Status == 403 && response.Message == "not authorized to access this resource", $"{response}: {response.Body}");
        }
    }

    [Theory]
    [InlineData("/api/v1/tenants/not-a-uuid", "invalid tenant id")]
    [InlineData("/api/v1/stable/tasks/1234", "invalid task id")]
    [InlineData("/api/v1/stable/workflow-runs/xyz", "invalid workflow run id")]
    public async Task A_malformed_uuid_in_the_path_answers_400_before_authentication(string path, string message)
    {
        var response = await host.Api.GetAsync(path, Credential.None);

        Assert.Equal(400, response.Status);
        Assert.Equal(message, response.Message);
    }

    [Fact]
    public async Task A_missing_resource_answers_404_even_with_a_bad_token()
    {
        foreach (var path in new[] { Routes.Tenant(Guid.NewGuid()), Routes.Run(Guid.NewGuid()), Routes.Worker(Guid.NewGuid()), Routes.Workflow(Guid.NewGuid()) })
        {
            var response = await host.Api.GetAsync(path, Credential.Raw("Bearer garbage"));
            Assert.True(response.Status == 404 && response.Message is not null, $"{response}: {response.Body}");
        }
    }

    [Fact]
    public async Task A_missing_task_answers_404()
    {
        var response = await host.Api.GetAsync(Routes.Task(Guid.NewGuid()), Credential.None);

        Assert.Equal(404, response.Status);
        Assert.Contains(response.Message, new[] { "not found", "task not found" });
    }

    [Fact]
    public async Task Handler_errors_use_the_errors_description_shape()
    {
        var response = await host.Api.PostAsync(Routes.Trigger(host.Tenant), new JsonObject { ["workflowName"] = "no-such-workflow", ["input"] = new JsonObject() });

        Assert.Equal(400, response.Status);
        Assert.Equal("workflow names not found: no-such-workflow", response.ErrorDescription);
        Assert.Null(response.Message);
    }

    [Fact]
    public async Task Binding_errors_use_the_message_shape()
    {
        var response = await host.Api.GetAsync(Routes.Runs(host.Tenant, "only_tasks=false"));

        Assert.Equal(400, response.Status);
        Assert.Equal("Invalid format for parameter since: query parameter 'since' is required", response.Message);
        Assert.Null(response.ErrorDescription);
    }

    [Fact]
    public async Task A_token_cannot_manage_tokens_and_gets_the_only_401()
    {
        var response = await host.Api.GetAsync($"/api/v1/tenants/{host.Tenant}/api-tokens");

        Assert.Equal(401, response.Status);
        Assert.Equal("Not authorized to perform this operation", response.Message);
    }

    [Theory]
    [InlineData("/api/v1/users/current")]
    [InlineData("/api/v1/stable/dags/tasks?dag_ids={run}&tenant={tenant}")]
    public async Task A_route_without_a_tenant_in_context_refuses_a_valid_token_with_403(string template)
    {
        var path = template.Replace("{run}", host.Facts.SampleDagRunId.ToString(), StringComparison.Ordinal)
            .Replace("{tenant}", host.Tenant.ToString(), StringComparison.Ordinal);

        var response = await host.Api.GetAsync(path);

        Assert.Equal(403, response.Status);
        Assert.Equal(BadCredentials, response.Message);
    }

    [Theory]
    [InlineData("/api/v1/version")]
    [InlineData("/api/v1/meta")]
    [InlineData("/api/ready")]
    [InlineData("/api/live")]
    public async Task Unauthenticated_routes_answer_without_a_token(string path)
    {
        var response = await host.Api.GetAsync(path, Credential.None);

        Assert.Equal(200, response.Status);
    }

    private Credential AuthFor(BadCredential credential)
    {
        var tokens = host.Emulator.Tokens;
        var now = host.Clock.GetUtcNow();
        switch (credential)
        {
            case BadCredential.Missing:
                return Credential.None;
            case BadCredential.LowercaseBearer:
                return Credential.Raw("bearer " + host.Emulator.Token);
            case BadCredential.Garbage:
                return Credential.Bearer("not.a.jwt");
            case BadCredential.Expired:
                return Credential.Bearer(tokens.Mint(host.Tenant, TimeSpan.FromHours(1), now.AddHours(-3)));
            case BadCredential.Revoked:
                var revoked = tokens.Mint(host.Tenant);
                tokens.Revoke(revoked);
                return Credential.Bearer(revoked);
            case BadCredential.TamperedSignature:
                var parts = host.Emulator.Token.Split('.');
                var signature = parts[2].ToCharArray();
                signature[10] = signature[10] == 'A' ? 'B' : 'A';
                return Credential.Bearer($"{parts[0]}.{parts[1]}.{new string(signature)}");
            case BadCredential.OtherTenantsToken:
                return Credential.Bearer(host.Facts.OtherTenantToken);
            default:
                throw new ArgumentOutOfRangeException(nameof(credential));
        }
    }

    private static string Base64UrlDecode(string part) => Encoding.UTF8.GetString(Base64UrlDecodeBytes(part));

    private static byte[] Base64UrlDecodeBytes(string part)
    {
        var s = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
