namespace HatchetMcp.Emulator.Engine;

/// <summary>Thrown by a trigger for an unknown workflow name; HTTP answers 400 with <see cref="Exception.Message"/>.</summary>
public sealed class WorkflowNotFoundException(string workflowName)
    : Exception($"workflow names not found: {workflowName}")
{
    public string WorkflowName { get; } = workflowName;
}
