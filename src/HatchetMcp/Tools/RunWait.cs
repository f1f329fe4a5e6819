using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;
using ModelContextProtocol;

namespace HatchetMcp.Tools;

/// <summary>Where a wait on a run ended: its last status, how long it took, and the run's output or error when it finished.</summary>
internal sealed record RunWaitOutcome(string Status, int WaitedSeconds, bool Final, string? Output, string? Error, int ErrorMoreLines);

/// <summary>
/// Follows a run until it reaches a final status or the deadline, with one GET a second and nothing else: the run is
/// never touched, and a cancelled request stops the wait at once while the run goes on in Hatchet.
/// </summary>
internal sealed class RunWait(IHatchetClient client, TimeProvider time, SecretKeys secrets)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public async Task<RunWaitOutcome> WaitAsync(Guid runId, string status, int seconds, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var deadline = started + TimeSpan.FromSeconds(seconds);
        V1WorkflowRunDetails? details = null;
        while (!V1TaskStatuses.IsFinal(status))
        {
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            await Task.Delay(left < PollInterval ? left : PollInterval, time, cancellationToken).ConfigureAwait(false);
            try
            {
                var lookup = await client.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
                details = lookup.Run ?? details;
                status = (lookup.Run?.Run?.Status ?? lookup.Task?.Status) is { Length: > 0 } s ? s : status;
            }
            catch (HatchetApiException)
            {
                // A failed look is not the run's failure: keep the last status and look again until the deadline.
            }

            var waited = time.GetUtcNow() - started;
            progress?.Report(new ProgressNotificationValue
            {
                Progress = (float)Math.Min(waited.TotalSeconds, seconds), Total = seconds,
                Message = $"run {runId}: {status}{TaskCount(details)}",
            });
        }

        var final = V1TaskStatuses.IsFinal(status);
        if (final && details is null)
        {
            // Finished before the first look (the trigger's answer said so): one GET for its output or error.
            details = await TryGetAsync(runId, cancellationToken).ConfigureAwait(false);
        }

        var total = (int)Math.Round((time.GetUtcNow() - started).TotalSeconds);
        var run = details?.Run;
        string? output = null, error = null;
        var more = 0;
        if (status == V1TaskStatuses.Completed)
        {
            output = RunText.PayloadSummary(run?.Output, secrets);
        }
        else if (status == V1TaskStatuses.Failed)
        {
            var text = !string.IsNullOrWhiteSpace(run?.ErrorMessage)
                ? run!.ErrorMessage
                : (details?.Tasks ?? []).Where(t => t.Status == V1TaskStatuses.Failed).Select(t => t.ErrorMessage).FirstOrDefault(e => !string.IsNullOrWhiteSpace(e));
            error = ErrorText.FirstLine(text);
            more = ErrorText.MoreLines(text);
        }

        return new RunWaitOutcome(status, total, final, output, error, more);
    }

    private async Task<V1WorkflowRunDetails?> TryGetAsync(Guid runId, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetRunAsync(runId, cancellationToken).ConfigureAwait(false)).Run;
        }
        catch (HatchetApiException)
        {
            return null;
        }
    }

    /// <summary>" (1 of 3 tasks done)": tasks in a final status over the run's steps (tasks not created yet count as not done).</summary>
    private static string TaskCount(V1WorkflowRunDetails? details)
    {
        if (details is null)
        {
            return string.Empty;
        }

        var tasks = details.Tasks ?? [];
        var of = Math.Max(details.Shape?.Count ?? 0, tasks.Count);
        var done = tasks.Count(t => V1TaskStatuses.IsFinal(t.Status));
        return of == 0 ? string.Empty : $" ({done} of {of} task{(of == 1 ? "" : "s")} done)";
    }
}
