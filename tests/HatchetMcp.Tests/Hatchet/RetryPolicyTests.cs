using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HatchetMcp.Hatchet;
using Xunit;

namespace HatchetMcp.Tests.Hatchet;

/// <summary>
/// Reads are retried on 429/502/503/504 and transport errors, honouring Retry-After; writes never are; cancellation and
/// timeouts end the call. Time is a FakeTimeProvider, so delays elapse without sleeping.
/// </summary>
public sealed class RetryPolicyTests
{
    private static readonly string WorkersJson = """{"rows":[{"metadata":{"id":"11111111-1111-4111-8111-111111111111"},"name":"w1","status":"ACTIVE"}]}""";

    private static Action<HttpResponseMessage> RetryAfter(TimeSpan wait) =>
        r => r.Headers.RetryAfter = new RetryConditionHeaderValue(wait);

    [Fact]
    public async Task A_GET_answered_429_with_Retry_After_waits_that_long_then_succeeds()
    {
        var time = FakeClock.Start();
        var stub = new StubHatchetHandler(time)
            .ThenJson(HttpStatusCode.TooManyRequests, "null", RetryAfter(TimeSpan.FromSeconds(2)))
            .ThenJson(HttpStatusCode.OK, WorkersJson);
        using var client = HatchetClient.Create(TestTokens.Settings(), stub, time);

        var workers = await FakeClock.Drive(time, client.ListWorkersAsync(TestContext.Current.CancellationToken));

        Assert.Equal("w1", Assert.Single(workers.Rows!).Name);
        Assert.Equal(2, stub.Requests.Count);
        Assert.True(stub.Requests[1].At - stub.Requests[0].At >= TimeSpan.FromSeconds(2),
            $"second attempt after {stub.Requests[1].At - stub.Requests[0].At}");
    }

    [Fact]
    public async Task Retry_After_as_an_http_date_is_honoured()
    {
        var time = FakeClock.Start();
        var stub = new StubHatchetHandler(time)
            .ThenJson(HttpStatusCode.ServiceUnavailable, "", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(3)))
            .ThenJson(HttpStatusCode.OK, WorkersJson);
        using var client = HatchetClient.Create(TestTokens.Settings(), stub, time);

        await FakeClock.Drive(time, client.ListWorkersAsync(TestContext.Current.CancellationToken));

        Assert.Equal(2, stub.Requests.Count);
        Assert.True(stub.Requests[1].At - stub.Requests[0].At >= TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_cap_is_reported_instead_of_waited_out()
    {
        var time = FakeClock.Start();
        var stub = new StubHatchetHandler(time)
            .ThenJson(HttpStatusCode.TooManyRequests, "null", RetryAfter(TimeSpan.FromMinutes(2)))
            .ThenJson(HttpStatusCode.OK, WorkersJson);
        using var client = HatchetClient.Create(TestTokens.Settings(), stub, time);

        var error = await Assert.ThrowsAsync<HatchetApiException>(() =>
            FakeClock.Drive(time, client.ListWorkersAsync(TestContext.Current.CancellationToken)));

        Assert.Equal(HatchetErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromMinutes(2), error.RetryAfter);
        Assert.Contains("retry after 120 s", error.Message);
        Assert.Single(stub.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task A_GET_answered_with_a_transient_5xx_is_retried(HttpStatusCode status)
    {
        var time = FakeClock.Start();
        var stub = new StubHatchetHandler(time)
            .ThenJson(status, """{"message":"upstream"}""")
            .ThenJson(HttpStatusCode.OK, WorkersJson);
        using var client = HatchetClient.Create(TestTokens.Settings(), stub, time);

        var workers = await FakeClock.Drive(time, client.ListWorkersAsync(TestContext.Current.CancellationToken));

        Assert.Single(workers.Rows!);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task A_GET_gives_up_after_three_attempts_with_Hatchets_message()
    {
        var time = FakeClock.Start();
        var stub = new StubHatchetHandler(time).ThenJson(HttpStatusCode.ServiceUnavailable, """{"message":"engine restarting"}""");
        using var client = HatchetClient.Create(TestTokens.Settings(), stub, time);

        var error = await Assert.ThrowsAsync<HatchetApiException>(() =>
            FakeClock.Drive(time, client.ListWorkersAsync(TestContext.Current.CancellationToken)));

        Assert.Equal(HatchetErrorKind.ServerError, error.Kind);
        Assert.Contains("engine restarting", error.Message);
        Assert.Equal(3, stub.Requests.Count);
    }

    [Fact]
    public async Task A_GET_that_hits_a_transport_error_is_retried()
    {
        var time = FakeClock.Start();
        var stub = new StubHatchetHandler(time)
            .ThenThrow(new HttpRequestException(HttpRequestError.ResponseEnded, "connection reset"))
            .ThenJson(HttpStatusCode.OK, WorkersJson);
        using var client = HatchetClient.Create(TestTokens.Settings(), stub, time);

        var workers = await FakeClock.Drive(time, client.ListWorkersAsync(TestContext.Current.CancellationToken));

        Assert.Single(workers.Rows!);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task A_GET_with_a_non_transient_failure_is_not_retried(HttpStatusCode status)
    {
        var time = FakeClock.Start();
        var stub = new StubHatchetHandler(time).ThenJson(status, """{"message":"nope"}""");
        using var client = HatchetClient.Create(TestTokens.Settings(), stub, time);

        await Assert.ThrowsAsync<HatchetApiException>(() => FakeClock.Drive(time, client.ListWorkersAsync(TestContext.Current.CancellationToken)));

        Assert.Single(stub.Requests);
    }

    public static TheoryData<string, string> PostFailures => new()
    {
        { "503", "trigger" }, { "429", "trigger" }, { "502", "trigger" }, { "transport", "trigger" },
        { "503", "cancel" }, { "429", "cancel" }, { "transport", "replay" }, { "504", "replay" },
    };

    [Theory]
    [MemberData(nameof(PostFailures))]
    public async Task A_POST_is_never_retried(string failure, string operation)
    {
        var time = FakeClock.Start();
        var stub = new StubHatchetHandler(time);
        _ = failure switch
        {
            "transport" => stub.ThenThrow(new HttpRequestException(HttpRequestError.ConnectionError, "refused")),
            "429" => stub.ThenJson(HttpStatusCode.TooManyRequests, "null", RetryAfter(TimeSpan.FromSeconds(1))),
            _ => stub.ThenJson((HttpStatusCode)int.Parse(failure), """{"message":"busy"}"""),
        };
        // A retry would get this success; the call must fail instead.
        stub.ThenJson(HttpStatusCode.OK, operation == "trigger" ? Samples.RunDetailsJson : """{"ids":[]}""");
        using var client = HatchetClient.Create(TestTokens.Settings(), stub, time);
        using var input = JsonDocument.Parse("{}");
        var ct = TestContext.Current.CancellationToken;
        var ids = new[] { Guid.Parse(Samples.RunId) };

        Task call = operation switch
        {
            "trigger" => client.TriggerAsync(new TriggerRequest { WorkflowName = "orders", Input = input.RootElement }, ct),
            "cancel" => client.CancelAsync(ids, ct),
            _ => client.ReplayAsync(ids, ct),
        };
        var error = await Assert.ThrowsAsync<HatchetApiException>(() => FakeClock.Drive(time, AsObject(call)));

        Assert.Equal(failure == "transport" ? HatchetErrorKind.Unreachable : failure == "429" ? HatchetErrorKind.RateLimited : HatchetErrorKind.ServerError, error.Kind);
        var seen = Assert.Single(stub.Requests);
        Assert.Equal(HttpMethod.Post, seen.Method);
    }

    private static async Task<object?> AsObject(Task call)
    {
        await call;
        return null;
    }

    [Fact]
    public async Task Cancelling_the_caller_token_aborts_the_request_in_flight_and_is_not_retried()
    {
        var time = FakeClock.Start();
        var sawCancellation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stub = new StubHatchetHandler(time).ThenHang(_ => sawCancellation.TrySetResult());
        using var client = HatchetClient.Create(TestTokens.Settings(), stub, time);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var call = client.ListWorkersAsync(caller.Token);
        while (stub.Requests.Count == 0) await Task.Delay(1, TestContext.Current.CancellationToken);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await sawCancellation.Task.WaitAsync(TestContext.Current.CancellationToken);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_server_that_never_answers_becomes_a_timeout_error_naming_the_timeout()
    {
        var time = FakeClock.Start();
        var stub = new StubHatchetHandler(time).ThenHang();
        using var client = HatchetClient.Create(TestTokens.Settings(timeout: TimeSpan.FromSeconds(30)), stub, time);

        var error = await Assert.ThrowsAsync<HatchetApiException>(() => FakeClock.Drive(time,
            client.ListWorkersAsync(TestContext.Current.CancellationToken), step: TimeSpan.FromMilliseconds(500)));

        Assert.Equal(HatchetErrorKind.Timeout, error.Kind);
        Assert.Equal("Hatchet at http://hatchet.test:8080 did not answer within 30 s; narrow the request (smaller window or limit) or raise HATCHET_MCP_TIMEOUT_SECONDS.", error.Message);
        // The first attempt was cut early enough for a second one within the budget.
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task A_POST_that_never_answers_times_out_after_one_attempt()
    {
        var time = FakeClock.Start();
        var stub = new StubHatchetHandler(time).ThenHang();
        using var client = HatchetClient.Create(TestTokens.Settings(timeout: TimeSpan.FromSeconds(5)), stub, time);

        var error = await Assert.ThrowsAsync<HatchetApiException>(() => FakeClock.Drive(time,
            client.ReplayAsync([Guid.Parse(Samples.RunId)], TestContext.Current.CancellationToken)));

        Assert.Equal(HatchetErrorKind.Timeout, error.Kind);
        Assert.Contains("within 5 s", error.Message);
        Assert.Single(stub.Requests);
    }
}
