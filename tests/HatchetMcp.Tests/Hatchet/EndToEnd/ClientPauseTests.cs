using HatchetMcp.Emulator;
using HatchetMcp.Emulator.Hooks;
using HatchetMcp.Hatchet;
using Xunit;

namespace HatchetMcp.Tests.Hatchet.EndToEnd;

/// <summary>
/// Pausing and resuming a worker and a workflow through the typed client, against the emulator over real HTTP
/// (PATCH /api/v1/workers/{id}, PATCH /api/v1/workflows/{id}). Each test leaves what it paused resumed.
/// </summary>
public sealed class ClientPauseTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    private static readonly Guid Unknown = Guid.Parse("0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f");
    private readonly HatchetEmulator _emulator = fixture.Emulator;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _emulator.Hooks.ClearFaults();

    private IReadOnlyList<RecordedRequest> PatchesTo(string path) =>
        _emulator.Hooks.Requests.Where(r => r.Method == "PATCH" && r.Path == path).ToList();

    private async Task<Guid> SingleTaskWorkflowIdAsync(HatchetClient client)
    {
        var list = await client.ListWorkflowsAsync(_emulator.Facts.SingleTaskWorkflowName, 50, 0, Ct);
        return list.Rows!.Single(w => w.Name == _emulator.Facts.SingleTaskWorkflowName).Metadata!.Id!.Value;
    }

    [Fact]
    public async Task Pausing_a_worker_answers_it_paused_and_resuming_answers_it_active()
    {
        using var client = fixture.Client();
        var worker = _emulator.Facts.SaturatedWorkerId;

        var paused = await client.PauseWorkerAsync(worker, Ct);
        var listed = (await client.ListWorkersAsync(Ct)).Rows!.Single(w => w.Metadata!.Id == worker);
        var resumed = await client.ResumeWorkerAsync(worker, Ct);

        Assert.Equal(worker, paused.Metadata!.Id);
        Assert.Equal("PAUSED", paused.Status);
        Assert.Equal("PAUSED", listed.Status);
        Assert.Equal("ACTIVE", resumed.Status);
    }

    [Fact]
    public async Task Pausing_a_workflow_answers_it_paused_with_the_behaviours_asked_for_and_resuming_unpauses_it()
    {
        using var client = fixture.Client();
        var workflow = await SingleTaskWorkflowIdAsync(client);

        var paused = await client.PauseWorkflowAsync(workflow,
            new WorkflowPauseSettings("1d7h30m", CronRuns: WorkflowPauseSettings.Drop), Ct);
        var fetched = await client.GetWorkflowAsync(workflow, Ct);
        var resumed = await client.ResumeWorkflowAsync(workflow, Ct);

        Assert.Equal(workflow, paused.Metadata!.Id);
        Assert.True(paused.IsPaused);
        Assert.Equal("DROP", paused.PausedCronRunQueueBehavior);
        Assert.Equal("QUEUE", paused.PausedScheduledRunQueueBehavior);
        Assert.True(fetched.IsPaused);
        Assert.False(resumed.IsPaused);
    }

    [Fact]
    public async Task An_unknown_worker_or_workflow_is_not_found_and_says_where_ids_come_from()
    {
        using var client = fixture.Client();

        var worker = await Assert.ThrowsAsync<HatchetApiException>(() => client.PauseWorkerAsync(Unknown, Ct));
        var workflow = await Assert.ThrowsAsync<HatchetApiException>(() => client.ResumeWorkflowAsync(Unknown, Ct));

        Assert.Equal(HatchetErrorKind.NotFound, worker.Kind);
        Assert.Contains("list_workers gives worker ids", worker.Message);
        Assert.Equal(HatchetErrorKind.NotFound, workflow.Kind);
        Assert.Contains("list_workflows gives workflow ids", workflow.Message);
    }

    [Fact]
    public async Task A_token_for_another_tenant_is_forbidden_and_the_worker_stays_as_it_was()
    {
        using var client = fixture.Client(_emulator.Facts.OtherTenantToken, _emulator.TenantId);
        using var own = fixture.Client();

        var error = await Assert.ThrowsAsync<HatchetApiException>(() => client.PauseWorkerAsync(_emulator.Facts.SaturatedWorkerId, Ct));

        Assert.Equal(HatchetErrorKind.Forbidden, error.Kind);
        Assert.DoesNotContain(_emulator.Facts.OtherTenantToken, error.Message);
        Assert.Equal("ACTIVE", (await own.GetWorkerAsync(_emulator.Facts.SaturatedWorkerId, Ct)).Status);
    }

    [Fact]
    public async Task A_dropped_connection_on_a_pause_is_reported_not_retried()
    {
        using var client = fixture.Client();
        var worker = _emulator.Facts.SaturatedWorkerId;
        var path = $"/api/v1/workers/{worker}";
        var before = PatchesTo(path).Count;
        _emulator.Hooks.InjectFault(new FaultSpec("PATCH", "/api/v1/workers/*", 1, FaultKind.Drop));

        var error = await Assert.ThrowsAsync<HatchetApiException>(() => client.PauseWorkerAsync(worker, Ct));
        await client.ResumeWorkerAsync(worker, Ct); // whatever the dropped request did, leave the worker active

        Assert.Equal(HatchetErrorKind.Unreachable, error.Kind);
        Assert.Equal(before + 2, PatchesTo(path).Count); // the dropped pause and the resume: no retry between them
    }

    [Theory]
    [InlineData("soon", "QUEUE", "QueueTtl")]
    [InlineData("", "QUEUE", "QueueTtl")]
    [InlineData("1h30", "QUEUE", "QueueTtl")]
    [InlineData("12h", "KEEP", "CronRuns")]
    [InlineData("12h", "queue", "CronRuns")]
    public async Task Pause_settings_Hatchet_would_reject_are_refused_before_anything_is_sent(string ttl, string cronRuns, string named)
    {
        using var client = fixture.Client();
        var workflow = await SingleTaskWorkflowIdAsync(client);
        var path = $"/api/v1/workflows/{workflow}";
        var before = PatchesTo(path).Count;

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.PauseWorkflowAsync(workflow, new WorkflowPauseSettings(ttl, CronRuns: cronRuns), Ct));

        Assert.Equal(named, error.ParamName);
        Assert.Equal(before, PatchesTo(path).Count);
    }
}
