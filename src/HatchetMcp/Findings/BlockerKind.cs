namespace HatchetMcp.Findings;

/// <summary>Why a QUEUED or RUNNING task is not moving on, in the order a cause is listed.</summary>
public enum BlockerKind
{
    /// <summary>No worker seen in the last 24 h registers the task's action.</summary>
    NoWorker,

    /// <summary>Every worker registering the action that could take it is paused.</summary>
    WorkerPaused,

    /// <summary>Every worker registering the action that could take it has stopped heartbeating (INACTIVE).</summary>
    WorkerInactive,

    /// <summary>A rate limit the task consumes has no units left.</summary>
    RateLimitExhausted,

    /// <summary>Every ACTIVE worker registering the action has all its task slots in use.</summary>
    WorkersFull,

    /// <summary>The workflow version allows at most maxRuns runs at a time (per group) and that many are RUNNING.</summary>
    ConcurrencyLimit,

    /// <summary>Hatchet gave up scheduling the task (SCHEDULING_TIMED_OUT).</summary>
    SchedulingTimedOut,

    /// <summary>The task is on a worker, running for longer than expected; nothing holds it.</summary>
    StillRunning,

    /// <summary>Nothing in the live state explains the wait (free slots, no limit reached).</summary>
    Unexplained,
}
