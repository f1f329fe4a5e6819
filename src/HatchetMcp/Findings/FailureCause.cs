namespace HatchetMcp.Findings;

/// <summary>The likely cause of a failed or cancelled run, as the verdict rules name it.</summary>
public enum FailureCause
{
    BadInput,
    Dependency,
    CodeRegression,
    InfrastructureOrTimeout,
    CancelledByPerson,
    CancelledByParent,
    Undetermined,
}
