using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HatchetMcp.Hatchet;
using Xunit;

namespace HatchetMcp.Tests.Hatchet;

/// <summary>Every failure becomes one actionable sentence, from either error-body shape, without the token.</summary>
public sealed class ErrorMappingTests
{
    private static readonly Guid Workflow = Guid.Parse(Samples.WorkflowId);

    /// <summary>One attempt only: these tests are about wording, not retries.</summary>
    private static async Task<HatchetApiException> FailingCall(StubHatchetHandler stub, Func<IHatchetClient, Task> call, TestToken? token = null)
    {
        using var client = HatchetClient.Create(TestTokens.Settings(token, maxAttempts: 1), stub);
        return await Assert.ThrowsAsync<HatchetApiException>(() => call(client));
    }

    private static Task<HatchetApiException> FailingGetWorkflow(HttpStatusCode status, string body, Action<HttpResponseMessage>? edit = null) =>
        FailingCall(new StubHatchetHandler().ThenJson(status, body, edit),
            c => c.GetWorkflowAsync(Workflow, TestContext.Current.CancellationToken));

    [Fact]
    public async Task A_400_with_the_errors_shape_quotes_Hatchet()
    {
        var error = await FailingGetWorkflow(HttpStatusCode.BadRequest,
            """{"errors":[{"description":"priority must be between 1 and 3, got 7"},{"description":"second"}]}""");

        Assert.Equal(HatchetErrorKind.BadRequest, error.Kind);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("Hatchet rejected the request (400): priority must be between 1 and 3, got 7; second.", error.Message);
        Assert.Equal("priority must be between 1 and 3, got 7; second", error.HatchetMessage);
    }

    [Fact]
    public async Task A_400_with_the_message_shape_quotes_Hatchet()
    {
        var error = await FailingGetWorkflow(HttpStatusCode.BadRequest,
            """{"message":"Invalid format for parameter since: query parameter 'since' is required"}""");

        Assert.Equal(HatchetErrorKind.BadRequest, error.Kind);
        Assert.Contains("query parameter 'since' is required", error.Message);
    }

    [Fact]
    public async Task A_bare_description_body_is_read_too()
    {
        var error = await FailingGetWorkflow(HttpStatusCode.Forbidden, """{"description":"Cannot delete scheduled run created via code definition."}""");

        Assert.Equal("Cannot delete scheduled run created via code definition", error.HatchetMessage);
    }

    [Fact]
    public async Task A_non_json_body_is_quoted_raw_on_one_line()
    {
        var error = await FailingGetWorkflow(HttpStatusCode.BadRequest, "bad things\n  happened\there");

        Assert.Equal("bad things happened here", error.HatchetMessage);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_long_body_is_truncated()
    {
        var error = await FailingGetWorkflow(HttpStatusCode.BadRequest, new string('x', 5000));

        Assert.True(error.Message.Length < 400, $"{error.Message.Length} chars");
        Assert.EndsWith("…", error.HatchetMessage);
    }

    [Fact]
    public async Task A_403_says_token_invalid_expired_or_for_another_tenant()
    {
        var error = await FailingGetWorkflow(HttpStatusCode.Forbidden, """{"message":"Please provide valid credentials"}""");

        Assert.Equal(HatchetErrorKind.Forbidden, error.Kind);
        Assert.Equal(403, error.StatusCode);
        Assert.Contains("token invalid, expired or for another tenant", error.Message);
        Assert.Contains("HATCHET_CLIENT_TOKEN", error.Message);
        Assert.Contains("Please provide valid credentials", error.Message);
    }

    [Fact]
    public async Task A_401_says_the_operation_is_not_allowed_for_a_token_and_points_at_the_token()
    {
        var error = await FailingGetWorkflow(HttpStatusCode.Unauthorized, """{"errors":[{"description":"Not authorized to perform this operation"}]}""");

        Assert.Equal(HatchetErrorKind.Unauthorized, error.Kind);
        Assert.Contains("Not authorized to perform this operation", error.Message);
        Assert.Contains("not allowed with this API token", error.Message);
        Assert.Contains("HATCHET_CLIENT_TOKEN", error.Message);
    }

    [Fact]
    public async Task A_404_names_the_resource_and_how_to_find_ids()
    {
        var error = await FailingGetWorkflow(HttpStatusCode.NotFound, Samples.NotFound);

        Assert.Equal(HatchetErrorKind.NotFound, error.Kind);
        Assert.Equal($"no workflow with id {Workflow}; list_workflows gives workflow ids.", error.Message);
    }

    [Fact]
    public async Task A_404_on_a_task_points_at_get_run()
    {
        var error = await FailingCall(new StubHatchetHandler().ThenJson(HttpStatusCode.NotFound, """{"message":"task not found"}"""),
            c => c.GetTaskAsync(Guid.Parse(Samples.TaskId), null, TestContext.Current.CancellationToken));

        Assert.Equal($"no task with id {Samples.TaskId}; get_run lists the task ids of a run.", error.Message);
    }

    [Fact]
    public async Task A_404_on_a_tenant_list_points_at_the_tenant_configuration()
    {
        var error = await FailingCall(new StubHatchetHandler().ThenJson(HttpStatusCode.NotFound, Samples.NotFound),
            c => c.ListWorkersAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith($"no tenant with id {TestTokens.Tenant}", error.Message);
        Assert.Contains("HATCHET_TENANT_ID", error.Message);
    }

    [Fact]
    public async Task A_429_says_how_long_to_wait()
    {
        var error = await FailingGetWorkflow(HttpStatusCode.TooManyRequests, "null",
            r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(42)));

        Assert.Equal(HatchetErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(42), error.RetryAfter);
        Assert.Equal("Hatchet is rate limiting requests (429); retry after 42 s.", error.Message);
    }

    [Fact]
    public async Task A_429_resource_limit_quotes_Hatchet_even_without_a_wait()
    {
        var error = await FailingGetWorkflow(HttpStatusCode.TooManyRequests, """{"errors":[{"description":"Resource limit exceeded"}]}""");

        Assert.Null(error.RetryAfter);
        Assert.Contains("Resource limit exceeded", error.Message);
        Assert.Contains("wait a little and retry", error.Message);
    }

    [Theory]
    [InlineData(500, """{"message":"Internal Server Error"}""", "Hatchet failed with 500: Internal Server Error.")]
    [InlineData(501, """{"errors":[{"description":"not implemented for v0 tenants"}]}""", "Hatchet failed with 501: not implemented for v0 tenants.")]
    [InlineData(503, "", "Hatchet failed with 503: no details; this is often temporary, retry later.")]
    public async Task A_5xx_quotes_Hatchet(int status, string body, string expected)
    {
        var error = await FailingGetWorkflow((HttpStatusCode)status, body);

        Assert.Equal(HatchetErrorKind.ServerError, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public async Task A_proxy_html_error_page_is_described_not_dumped()
    {
        var stub = new StubHatchetHandler().ThenRespond(_ => new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new StringContent("<html><body><h1>502 Bad Gateway</h1>nginx</body></html>", Encoding.UTF8, "text/html"),
        });

        var error = await FailingCall(stub, c => c.ListWorkersAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HatchetErrorKind.ServerError, error.Kind);
        Assert.Contains("HTML error page", error.Message);
        Assert.DoesNotContain("<html>", error.Message);
    }

    [Fact]
    public async Task An_unreachable_server_is_named_by_its_base_url()
    {
        var stub = new StubHatchetHandler().ThenThrow(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (hatchet.test:8080)"));

        var error = await FailingCall(stub, c => c.ListWorkersAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HatchetErrorKind.Unreachable, error.Kind);
        Assert.Null(error.StatusCode);
        Assert.Equal("cannot reach Hatchet at http://hatchet.test:8080: the connection was refused or failed; check HATCHET_API_BASE (or the token's server_url) and that the server is up.", error.Message);
    }

    [Theory]
    [InlineData("{\"rows\": [ {\"name\": ")]
    [InlineData("<html>oops</html>")]
    [InlineData("null")]
    public async Task A_success_with_a_body_that_is_not_the_expected_json_is_an_invalid_response(string body)
    {
        var error = await FailingCall(new StubHatchetHandler().ThenJson(HttpStatusCode.OK, body),
            c => c.ListWorkersAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HatchetErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("not the expected JSON", error.Message);
    }

    [Fact]
    public async Task An_error_body_echoing_the_token_is_scrubbed()
    {
        var token = TestTokens.Mint();
        var stub = new StubHatchetHandler().ThenJson(HttpStatusCode.BadRequest,
            $$"""{"errors":[{"description":"bad token {{token.Jwt}} payload {{token.Payload}} sig {{token.Signature}}"}]}""");

        var error = await FailingCall(stub, c => c.ListWorkersAsync(TestContext.Current.CancellationToken), token);

        Assert.False(token.LeaksInto(error.Message), error.Message);
        Assert.False(token.LeaksInto(error.ToString()));
        Assert.Contains("[redacted]", error.Message);
    }
}
