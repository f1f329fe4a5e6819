using System.Text.Json;
using HatchetMcp.Emulator;
using HatchetMcp.Hatchet;
using HatchetMcp.Server;
using HatchetMcp.Tools;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>
/// Run and task timings name the attempt they describe, after automatic retries and user replays, on an emulator whose
/// clock the test moves. charge-payment fails every attempt (two retries), so its attempts are known in advance.
/// </summary>
public sealed class AttemptTimingTests : IAsyncLifetime
{
    private const string Failing = "charge-payment";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private HatchetEmulator _emulator = null!;
    private InMemoryMcpServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { EnableTestHooks = true, Time = _time }, TestContext.Current.CancellationToken);
        var env = new Dictionary<string, string?>
        {
            [HatchetEnvironmentVariables.Token] = _emulator.Token,
            [HatchetEnvironmentVariables.ApiBase] = _emulator.BaseUrl.ToString(),
            [HatchetEnvironmentVariables.TenantId] = _emulator.TenantId.ToString(),
        };
        var settings = HatchetSettings.FromEnvironment(env, TimeProvider.System);
        Assert.True(settings.IsSuccess, settings.Error);
        // Writes here set the scene for reads: confirming them is specified in WriteConfirmationTests.
        _server = await InMemoryMcpServer.StartAsync(settings.Settings!, new InMemoryMcpServerOptions
            {
                Output = new ToolOutputOptions(), Time = _time, Confirmation = HatchetMcp.Safety.ConfirmationOptions.Skipped,
            },
            TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task A_retried_run_times_its_current_attempt_from_its_own_enqueue_and_labels_earlier_errors()
    {
        var runId = await TriggerAsync();
        DateTimeOffset? firstStart = null;
        var sawQueuedAfterFailure = false;
        for (var i = 0; i < 600; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(50));
            var answer = await GetRunAsync(runId);
            var s = answer.Structured;
            var task = s.GetProperty("tasks")[0];
            var attempt = task.GetProperty("attempt").GetInt32();
            if (attempt == 1 && firstStart is null && s.TryGetProperty("startedAt", out var st1) && st1.ValueKind == JsonValueKind.String)
            {
                firstStart = st1.GetDateTimeOffset();
            }

            if (attempt == 2 && s.GetProperty("status").GetString() == "QUEUED" && !sawQueuedAfterFailure)
            {
                sawQueuedAfterFailure = true;
                // The error belongs to attempt 1, and is said to.
                Assert.Contains("attempt 1 failed: ", answer.Text, StringComparison.Ordinal);
                Assert.False(task.TryGetProperty("error", out var currentError) && currentError.ValueKind == JsonValueKind.String, answer.Text);
                Assert.Equal(1, task.GetProperty("earlierErrors")[0].GetProperty("attempt").GetInt32());
                Assert.DoesNotContain("\nError: ", answer.Text, StringComparison.Ordinal);

                var row = await ListRowAsync(runId);
                Assert.Contains("attempt 2", row, StringComparison.Ordinal);
                Assert.DoesNotContain("not started (waiting", row, StringComparison.Ordinal);
            }

            if (attempt == 3 && s.TryGetProperty("startedAt", out var st3) && st3.ValueKind == JsonValueKind.String)
            {
                var created = s.GetProperty("createdAt").GetDateTimeOffset();
                var queuedAt = s.GetProperty("queuedAt").GetDateTimeOffset();
                var started = st3.GetDateTimeOffset();
                Assert.Equal(3, s.GetProperty("attempt").GetInt32());
                Assert.Equal("retry", s.GetProperty("queuedBy").GetString());
                Assert.True(queuedAt > created.AddSeconds(1), $"attempt 3 was queued after two failures and backoffs, not at creation: {answer.Text}");
                Assert.True(started >= queuedAt);
                Assert.Equal((long)(started - queuedAt).TotalMilliseconds, s.GetProperty("queuedMs").GetInt64());
                Assert.NotNull(firstStart);
                Assert.True(firstStart - created < TimeSpan.FromSeconds(1), "attempt 1 started soon after creation");
                Assert.Contains("attempt 3 (retry) queued ", answer.Text, StringComparison.Ordinal);
                Assert.Contains("attempt 1 failed: ", answer.Text, StringComparison.Ordinal);
                Assert.Contains("attempt 2 failed: ", answer.Text, StringComparison.Ordinal);
                Assert.DoesNotContain($"started +{Shaping.DurationText.Format(started - created)}", answer.Text, StringComparison.Ordinal);
                Assert.True(sawQueuedAfterFailure, "the test saw attempt 2 waiting after attempt 1 failed");
                return;
            }
        }

        Assert.Fail("attempt 3 never started");
    }

    [Fact]
    public async Task A_replayed_run_waits_from_its_replay_not_from_its_creation()
    {
        var runId = await TriggerAsync();
        for (var i = 0; i < 600 && (await GetRunAsync(runId)).Structured.GetProperty("status").GetString() != "FAILED"; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        _time.Advance(TimeSpan.FromMinutes(30));
        var replayedAt = _time.GetUtcNow();
        var replay = await _server.CallAsync("replay_runs", $$"""{"run_ids":["{{runId}}"]}""");
        Assert.False(replay.IsError, replay.Text);
        for (var i = 0; i < 100; i++)
        {
            var answer = await GetRunAsync(runId);
            var s = answer.Structured;
            if (s.GetProperty("attempt").GetInt32() == 4)
            {
                Assert.Equal("replay", s.GetProperty("queuedBy").GetString());
                Assert.True(s.GetProperty("queuedAt").GetDateTimeOffset() >= replayedAt, answer.Text);
                Assert.Contains("attempt 4 (replay) queued ", answer.Text, StringComparison.Ordinal);
                Assert.DoesNotContain("30m", answer.Text.Split('\n')[1].Split(';').Last(), StringComparison.Ordinal);
                Assert.Contains("attempt 3 failed: ", answer.Text, StringComparison.Ordinal);

                var row = await ListRowAsync(runId);
                Assert.Contains("attempt 4", row, StringComparison.Ordinal);
                Assert.DoesNotContain("waiting 30m", row, StringComparison.Ordinal);
                Assert.DoesNotContain("not started (waiting", row, StringComparison.Ordinal);
                return;
            }

            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Fail("the replay never applied");
    }

    [Fact]
    public async Task A_running_run_is_never_not_started()
    {
        var runId = await TriggerAsync();
        for (var i = 0; i < 400; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(5));
            var row = await ListRowAsync(runId);
            if (row.Contains("| RUNNING |", StringComparison.Ordinal))
            {
                Assert.DoesNotContain("not started", row, StringComparison.Ordinal);
                var answer = await GetRunAsync(runId);
                Assert.DoesNotContain("not started", answer.Text, StringComparison.Ordinal);
                return;
            }
        }

        Assert.Fail("the run never ran");
    }

    [Fact]
    public async Task A_warm_get_run_makes_one_rest_call()
    {
        var runId = await TriggerAsync();
        await GetRunAsync(runId);
        _emulator.Hooks.ClearRequests();
        await GetRunAsync(runId);
        Assert.Single(_emulator.Hooks.Requests, r => r.Path.StartsWith("/api/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_workflow_id_outside_the_tenant_is_no_such_workflow()
    {
        foreach (var id in new[] { Guid.NewGuid(), _emulator.Facts.OtherTenantId })
        {
            var answer = await _server.CallAsync("list_runs", $$"""{"workflow":"{{id}}"}""");
            Assert.True(answer.IsError, answer.Text);
            Assert.Contains($"no such workflow in this tenant: {id}", answer.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("0 matched", answer.Text, StringComparison.Ordinal);
        }
    }

    private async Task<Guid> TriggerAsync()
    {
        var answer = await _server.CallAsync("trigger_workflow", $$"""{"workflow":"{{Failing}}","input":{ } }""");
        Assert.False(answer.IsError, answer.Text);
        return answer.Structured.GetProperty("runId").GetGuid();
    }

    private Task<ToolAnswer> GetRunAsync(Guid runId) => _server.CallAsync("get_run", $$"""{"run_id":"{{runId}}"}""");

    private async Task<string> ListRowAsync(Guid runId)
    {
        var answer = await _server.CallAsync("list_runs", $$"""{"workflow":"{{Failing}}","since":"1h","limit":5}""");
        Assert.False(answer.IsError, answer.Text);
        return answer.Text.Split('\n').Single(l => l.StartsWith(runId.ToString(), StringComparison.Ordinal));
    }
}
