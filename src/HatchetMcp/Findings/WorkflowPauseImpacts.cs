using HatchetMcp.Hatchet;

namespace HatchetMcp.Findings;

/// <summary>
/// Works out a <see cref="WorkflowPauseImpact"/>: the workflow (a failure here fails the answer), then one page each of
/// its QUEUED and RUNNING runs, its crons and its scheduled runs, best effort, through the shared fetch gate.
/// </summary>
public sealed class WorkflowPauseImpacts(IHatchetClient client, TimeProvider time, FetchGate gate)
{
    /// <summary>Runs are counted among runs inserted this long ago at most (the runs list needs a start).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <summary>Rows read per status, per cron list and per scheduled list (one page each).</summary>
    public const int Page = 100;

    public async Task<WorkflowPauseImpact> OfAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        var workflow = await gate.RunAsync(ct => client.GetWorkflowAsync(workflowId, ct), cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var notes = new List<string>();
        var queuedTask = RunsAsync(workflowId, "QUEUED", now, cancellationToken);
        var runningTask = RunsAsync(workflowId, "RUNNING", now, cancellationToken);
        var cronsTask = gate.RunAsync(ct => client.ListCronsAsync(workflowId, Page, 0, ct), cancellationToken);
        var scheduledTask = gate.RunAsync(ct => client.ListScheduledAsync(workflowId, ["SCHEDULED"], Page, 0, ct), cancellationToken);
        var (queued, running) = (await queuedTask.ConfigureAwait(false), await runningTask.ConfigureAwait(false));

        IReadOnlyList<string> crons = [];
        var disabled = 0;
        try
        {
            var rows = (await cronsTask.ConfigureAwait(false)).Rows ?? [];
            crons = [.. rows.Where(c => c.Enabled ?? true).Select(c => c.Cron ?? "?")];
            disabled = rows.Count(c => c.Enabled == false);
        }
        catch (HatchetApiException e)
        {
            notes.Add($"its crons could not be listed ({e.Message.TrimEnd('.')})");
        }

        IReadOnlyList<DateTimeOffset> scheduled = [];
        var cut = false;
        try
        {
            var rows = (await scheduledTask.ConfigureAwait(false)).Rows ?? [];
            scheduled = [.. rows.Select(s => s.TriggerAt).OfType<DateTimeOffset>().Order()];
            cut = rows.Count >= Page;
        }
        catch (HatchetApiException e)
        {
            notes.Add($"its scheduled runs could not be listed ({e.Message.TrimEnd('.')})");
        }

        foreach (var (sample, status) in new[] { (queued, "QUEUED"), (running, "RUNNING") })
        {
            if (sample.Error is { } error)
            {
                notes.Add($"its {status} runs could not be counted ({error.TrimEnd('.')})");
            }
        }

        return new WorkflowPauseImpact(workflowId, workflow.Name ?? "(unnamed)", workflow.IsPaused == true, queued, running, crons, disabled, scheduled, cut, notes);
    }

    private async Task<RunSample> RunsAsync(Guid workflowId, string status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var page = await gate.RunAsync(ct => client.ListRunsAsync(new RunListQuery
            {
                Since = now - Window,
                Statuses = [status],
                WorkflowIds = [workflowId],
                OnlyTasks = false,
                IncludePayloads = false,
                Limit = Page,
            }, ct), cancellationToken).ConfigureAwait(false);
            var ids = (page.Rows ?? []).Select(r => r.WorkflowRunExternalId ?? r.Metadata?.Id).OfType<Guid>().Distinct().ToList();
            return new RunSample(ids.Count, (page.Rows?.Count ?? 0) >= Page, ids);
        }
        catch (HatchetApiException e)
        {
            return new RunSample(0, false, [], e.Message);
        }
    }
}
