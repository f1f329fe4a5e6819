namespace HatchetMcp.Hatchet;

/// <summary>Which endpoint answered a get-run.</summary>
public enum RunLookupKind
{
    /// <summary>The id is a run (DAG or standalone task): <see cref="RunLookupResult.Run"/> is set.</summary>
    Run,

    /// <summary>The id is a task inside a DAG run: <see cref="RunLookupResult.Task"/> is set; its WorkflowRunExternalId is the run.</summary>
    Task,
}

/// <summary>The answer of <see cref="IHatchetClient.GetRunAsync"/>.</summary>
public sealed record RunLookupResult
{
    public required RunLookupKind Kind { get; init; }
    public V1WorkflowRunDetails? Run { get; init; }
    public V1TaskSummary? Task { get; init; }

    public static RunLookupResult ForRun(V1WorkflowRunDetails run) => new() { Kind = RunLookupKind.Run, Run = run };

    public static RunLookupResult ForTask(V1TaskSummary task) => new() { Kind = RunLookupKind.Task, Task = task };
}
