using HatchetMcp.Hatchet;

namespace HatchetMcp.Findings;

/// <summary>
/// Works out a <see cref="WorkerPauseImpact"/>: the worker (a failure here fails the answer), then the tasks RUNNING on it
/// and the other workers, best effort, through the shared fetch gate.
/// </summary>
public sealed class WorkerPauseImpacts(IHatchetClient client, TimeProvider time, FetchGate gate)
{
    /// <summary>Running tasks are listed among tasks inserted this long ago at most (the runs list needs a start).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <summary>Running tasks listed at most (one page).</summary>
    public const int RunningPage = 100;

    public async Task<WorkerPauseImpact> OfAsync(Guid workerId, CancellationToken cancellationToken)
    {
        var worker = await gate.RunAsync(ct => client.GetWorkerAsync(workerId, ct), cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var capacity = WorkerCapacity.Of(worker, now);
        var notes = new List<string>();

        var runningTask = RunningAsync(workerId, now, cancellationToken);
        var workersTask = gate.RunAsync(ct => client.ListWorkersAsync(ct), cancellationToken);
        var running = await runningTask.ConfigureAwait(false);

        IReadOnlyList<string> uncovered = [];
        var others = 0;
        try
        {
            var all = (await workersTask.ConfigureAwait(false)).Rows ?? [];
            var otherCapacities = all.Where(w => w.Metadata?.Id != workerId).Select(w => WorkerCapacity.Of(w, now)).ToList();
            others = otherCapacities.Count;
            var covered = otherCapacities.Where(c => c.IsActive).SelectMany(c => c.Actions).ToHashSet(StringComparer.Ordinal);
            uncovered = [.. capacity.Actions.Where(a => !covered.Contains(a)).Order(StringComparer.Ordinal)];
        }
        catch (HatchetApiException e)
        {
            notes.Add($"whether other workers serve its actions is unknown: listing workers failed ({e.Message.TrimEnd('.')})");
        }

        if (running.Error is { } error)
        {
            notes.Add($"its running tasks could not be listed ({error.TrimEnd('.')})");
        }

        var workflows = (worker.RegisteredWorkflows ?? []).Select(w => w.Name ?? "(unnamed)").Order(StringComparer.Ordinal).ToList();
        return new WorkerPauseImpact(workerId, capacity, workflows, running, uncovered, others, notes);
    }

    private async Task<RunSample> RunningAsync(Guid workerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var page = await gate.RunAsync(ct => client.ListRunsAsync(new RunListQuery
            {
                Since = now - Window,
                Statuses = ["RUNNING"],
                OnlyTasks = true,
                WorkerId = workerId,
                IncludePayloads = false,
                Limit = RunningPage,
            }, ct), cancellationToken).ConfigureAwait(false);
            var ids = (page.Rows ?? []).Select(r => r.Metadata?.Id).OfType<Guid>().ToList();
            return new RunSample(ids.Count, ids.Count >= RunningPage, ids);
        }
        catch (HatchetApiException e)
        {
            return new RunSample(0, false, [], e.Message);
        }
    }
}
