using System.Net;
using System.Text.RegularExpressions;
using HatchetMcp.Hatchet;
using Xunit;

namespace HatchetMcp.Tests.Hatchet;

/// <summary>Nothing an agent passes can reach a path outside the operations the client defines.</summary>
public sealed partial class PathSafetyTests
{
    [GeneratedRegex("^/api/v1/(version|tenants/[0-9a-f-]{36}(/(workflows|worker|step-run-queue-metrics))?|workflows/[0-9a-f-]{36}|stable/(workflow-runs/[0-9a-f-]{36}|tasks/[0-9a-f-]{36}(/logs)?|tenants/[0-9a-f-]{36}/(workflow-runs|workflow-runs/trigger|logs|task-metrics|tasks/cancel|tasks/replay)))$")]
    private static partial Regex KnownPath();

    [Theory]
    [InlineData("../")]
    [InlineData("%2F")]
    [InlineData("..%2Fcancel")]
    [InlineData(Samples.RunId + "/cancel")]
    [InlineData(Samples.RunId + "%2F..%2F..%2Ftenants")]
    [InlineData(Samples.RunId + "?attempt=1")]
    [InlineData(Samples.RunId + "#x")]
    public async Task An_id_that_is_not_a_uuid_is_rejected_before_any_request(string agentInput)
    {
        var stub = new StubHatchetHandler().ThenJson(HttpStatusCode.OK, Samples.RunDetailsJson);
        using var client = HatchetClient.Create(TestTokens.Settings(), stub);

        // The tools' path: parse what the agent sent, then call. Parsing fails, so no call is made.
        await Assert.ThrowsAsync<ArgumentException>(() =>
            client.GetRunAsync(HatchetIds.ParseUuid(agentInput, "run_id"), TestContext.Current.CancellationToken));
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task Every_operation_calls_only_its_own_path_with_the_id_in_canonical_form()
    {
        var stub = new StubHatchetHandler().ThenJson(HttpStatusCode.OK, "{}");
        var metrics = new StubHatchetHandler().ThenJson(HttpStatusCode.OK, "[]");
        using var client = HatchetClient.Create(TestTokens.Settings(), stub);
        using var metricsClient = HatchetClient.Create(TestTokens.Settings(), metrics);
        var ct = TestContext.Current.CancellationToken;
        var upper = HatchetIds.ParseUuid(Samples.RunId.ToUpperInvariant(), "run_id");

        await client.GetTenantAsync(ct);
        await client.GetVersionAsync(ct);
        await client.ListWorkflowsAsync("x/../y", 5, 0, ct);
        await client.GetWorkflowAsync(upper, ct);
        await client.ListRunsAsync(new RunListQuery { Since = DateTimeOffset.UnixEpoch }, ct);
        await client.GetRunAsync(upper, ct);
        await client.GetTaskAsync(upper, 1, ct);
        await client.ListTaskLogsAsync(upper, new LogQuery { Search = "../../" }, ct);
        await client.ListLogsAsync([upper], new LogQuery(), ct);
        await client.ListWorkersAsync(ct);
        await client.GetStepRunQueueMetricsAsync(ct);
        await metricsClient.GetTaskMetricsAsync(DateTimeOffset.UnixEpoch, null, null, ct);

        var paths = stub.Requests.Concat(metrics.Requests).Select(r => r.Uri.AbsolutePath).ToList();
        Assert.Equal(12, paths.Count);
        Assert.All(paths, path => Assert.Matches(KnownPath(), path));
        Assert.Contains($"/api/v1/stable/workflow-runs/{Samples.RunId}", paths);
        Assert.All(stub.Requests, r => Assert.Equal(new Uri(TestTokens.ServerUrl).Authority, r.Uri.Authority));
    }
}
