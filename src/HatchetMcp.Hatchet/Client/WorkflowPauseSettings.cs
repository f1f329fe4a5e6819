using System.Text.RegularExpressions;

namespace HatchetMcp.Hatchet;

/// <summary>
/// What Hatchet does with a paused workflow's cron-triggered and scheduled runs (DROP or QUEUE), and how long runs may
/// wait in its queue (<c>pausedWorkflowQueueTTL</c>, days, hours and minutes such as "1d7h30m"). Hatchet requires all three
/// when pausing.
/// </summary>
public sealed partial record WorkflowPauseSettings(string QueueTtl, string CronRuns = WorkflowPauseSettings.Queue,
    string ScheduledRuns = WorkflowPauseSettings.Queue)
{
    public const string Queue = "QUEUE";
    public const string Drop = "DROP";

    /// <summary>Throws an <see cref="ArgumentException"/> naming what Hatchet would reject; lets a caller check before confirming.</summary>
    public void Validate() => ToRequest();

    /// <summary>The settings as Hatchet's pause body, or an <see cref="ArgumentException"/> naming what Hatchet would reject.</summary>
    internal PauseWorkflowRequest ToRequest()
    {
        RequireBehaviour(CronRuns, nameof(CronRuns));
        RequireBehaviour(ScheduledRuns, nameof(ScheduledRuns));
        if (string.IsNullOrEmpty(QueueTtl) || !TtlForm().IsMatch(QueueTtl))
            throw new ArgumentException($"{nameof(QueueTtl)} must be days, hours and minutes such as 1d7h30m, 12h or 90m.", nameof(QueueTtl));
        return new PauseWorkflowRequest
        {
            Action = PauseWorkflowRequest.PauseAction,
            CronRunQueueBehavior = CronRuns,
            ScheduledRunQueueBehavior = ScheduledRuns,
            QueueTtl = QueueTtl,
        };
    }

    private static void RequireBehaviour(string value, string name)
    {
        if (value is not (Queue or Drop))
            throw new ArgumentException($"{name} must be {Queue} or {Drop}.", name);
    }

    [GeneratedRegex(@"^(?=\d)(?:\d+d)?(?:\d+h)?(?:\d+m)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TtlForm();
}
