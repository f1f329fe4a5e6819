namespace HatchetMcp.Emulator.Model;

/// <summary>Small helpers on statuses shared by the engine and the HTTP layer.</summary>
public static class TaskStatusExtensions
{
    /// <summary>COMPLETED, FAILED and CANCELLED are final: nothing changes them except a replay.</summary>
    public static bool IsFinal(this V1TaskStatus status) =>
        status is V1TaskStatus.COMPLETED or V1TaskStatus.FAILED or V1TaskStatus.CANCELLED;

    /// <summary>The v0 run status shown on scheduled runs for a v1 run status.</summary>
    public static WorkflowRunStatus ToWorkflowRunStatus(this V1TaskStatus status) => status switch
    {
        V1TaskStatus.QUEUED => WorkflowRunStatus.QUEUED,
        V1TaskStatus.RUNNING => WorkflowRunStatus.RUNNING,
        V1TaskStatus.COMPLETED => WorkflowRunStatus.SUCCEEDED,
        V1TaskStatus.FAILED => WorkflowRunStatus.FAILED,
        _ => WorkflowRunStatus.CANCELLED,
    };
}
