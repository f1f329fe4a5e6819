namespace HatchetMcp.Emulator.Model;

// Enum member names are the exact wire values (server-behaviour.md §2), so `ToString()` gives the wire name.
#pragma warning disable CA1707 // wire names

/// <summary>V1TaskStatus: readable status of a task or run.</summary>
public enum V1TaskStatus { QUEUED, RUNNING, COMPLETED, CANCELLED, FAILED }

/// <summary>V1WorkflowType: a DAG workflow or a standalone task.</summary>
public enum V1WorkflowType { DAG, TASK }

/// <summary>V1TaskEventType: every value the real server may emit.</summary>
public enum V1TaskEventType
{
    REQUEUED_NO_WORKER, REQUEUED_RATE_LIMIT, SCHEDULING_TIMED_OUT, ASSIGNED, STARTED, FINISHED, FAILED, RETRYING,
    CANCELLED, TIMED_OUT, REASSIGNED, SLOT_RELEASED, TIMEOUT_REFRESHED, RETRIED_BY_USER, SENT_TO_WORKER,
    RATE_LIMIT_ERROR, ACKNOWLEDGED, CREATED, QUEUED, SKIPPED, WAITING_FOR_BATCH, BATCH_FLUSHED,
    COULD_NOT_SEND_TO_WORKER, DURABLE_EVICTED, DURABLE_RESTORING,
}

/// <summary>V1LogLineLevel.</summary>
public enum V1LogLineLevel { DEBUG, INFO, WARN, ERROR }

/// <summary>WorkerStatus, derived from heartbeat and pause flag at read time.</summary>
public enum WorkerStatus { ACTIVE, INACTIVE, PAUSED }

/// <summary>WorkerType.</summary>
public enum WorkerType { SELFHOSTED, MANAGED, WEBHOOK }

/// <summary>WorkerRuntimeSDKs.</summary>
public enum WorkerRuntimeSdk { GOLANG, PYTHON, TYPESCRIPT, RUBY }

/// <summary>TenantVersion.</summary>
public enum TenantVersion { V0, V1 }

/// <summary>TenantEnvironment (lower-case on the wire).</summary>
#pragma warning disable IDE1006
public enum TenantEnvironment { local, development, production }
#pragma warning restore IDE1006

/// <summary>CronWorkflowsMethod / ScheduledWorkflowsMethod: declared in code (DEFAULT) or created through the API.</summary>
public enum WorkflowTriggerMethod { DEFAULT, API }

/// <summary>WorkflowRunStatus (v0), used by scheduled runs.</summary>
public enum WorkflowRunStatus { PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED, QUEUED, BACKOFF }

/// <summary>ScheduledRunStatus: WorkflowRunStatus plus SCHEDULED.</summary>
public enum ScheduledRunStatus { PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED, QUEUED, BACKOFF, SCHEDULED }

/// <summary>ConcurrencyLimitStrategy.</summary>
public enum ConcurrencyLimitStrategy { CANCEL_IN_PROGRESS, DROP_NEWEST, QUEUE_NEWEST, GROUP_ROUND_ROBIN }

/// <summary>ConcurrencyScope.</summary>
public enum ConcurrencyScope { WORKFLOW, TASK }

#pragma warning restore CA1707
