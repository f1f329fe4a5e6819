using System.Net;
using HatchetMcp.Hatchet;
using Xunit;

namespace HatchetMcp.Tests.Hatchet;

/// <summary>A task id inside a DAG is not a run: get-run falls back to the task endpoint and says so.</summary>
public sealed class RunFallbackTests
{
    private static readonly Guid Id = Guid.Parse(Samples.TaskId);

    [Fact]
    public async Task A_run_id_is_answered_by_the_run_endpoint_alone()
    {
        var stub = new StubHatchetHandler().ThenJson(HttpStatusCode.OK, Samples.RunDetailsJson);
        using var client = HatchetClient.Create(TestTokens.Settings(), stub);

        var result = await client.GetRunAsync(Guid.Parse(Samples.RunId), TestContext.Current.CancellationToken);

        Assert.Equal(RunLookupKind.Run, result.Kind);
        Assert.Equal(Guid.Parse(Samples.RunId), result.Run!.Run!.Metadata!.Id);
        Assert.Null(result.Task);
        Assert.Equal($"/api/v1/stable/workflow-runs/{Samples.RunId}", Assert.Single(stub.Requests).Uri.AbsolutePath);
    }

    [Fact]
    public async Task A_DAG_child_task_id_falls_back_to_the_task_endpoint_and_says_so()
    {
        var stub = new StubHatchetHandler()
            .ThenJson(HttpStatusCode.NotFound, Samples.NotFound)
            .ThenJson(HttpStatusCode.OK, Samples.TaskJson);
        using var client = HatchetClient.Create(TestTokens.Settings(), stub);

        var result = await client.GetRunAsync(Id, TestContext.Current.CancellationToken);

        Assert.Equal(RunLookupKind.Task, result.Kind);
        Assert.Null(result.Run);
        Assert.Equal(Guid.Parse(Samples.RunId), result.Task!.WorkflowRunExternalId);
        Assert.Equal(2, result.Task.Attempt);
        Assert.Equal(
            [$"/api/v1/stable/workflow-runs/{Samples.TaskId}", $"/api/v1/stable/tasks/{Samples.TaskId}"],
            stub.Requests.Select(r => r.Uri.AbsolutePath));
    }

    [Fact]
    public async Task An_id_that_is_neither_a_run_nor_a_task_says_where_ids_come_from()
    {
        var stub = new StubHatchetHandler().ThenJson(HttpStatusCode.NotFound, Samples.NotFound);
        using var client = HatchetClient.Create(TestTokens.Settings(), stub);

        var error = await Assert.ThrowsAsync<HatchetApiException>(() => client.GetRunAsync(Id, TestContext.Current.CancellationToken));

        Assert.Equal(HatchetErrorKind.NotFound, error.Kind);
        Assert.Equal($"no run or task with id {Samples.TaskId}; list_runs gives run ids, get_run a run's task ids.", error.Message);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task A_forbidden_run_does_not_fall_back()
    {
        var stub = new StubHatchetHandler().ThenJson(HttpStatusCode.Forbidden, """{"message":"Please provide valid credentials"}""");
        using var client = HatchetClient.Create(TestTokens.Settings(), stub);

        var error = await Assert.ThrowsAsync<HatchetApiException>(() => client.GetRunAsync(Id, TestContext.Current.CancellationToken));

        Assert.Equal(HatchetErrorKind.Forbidden, error.Kind);
        Assert.Single(stub.Requests);
    }
}
