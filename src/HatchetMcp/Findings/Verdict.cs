namespace HatchetMcp.Findings;

/// <summary>A heuristic verdict: the cause it names and the evidence (facts of this answer) it rests on.</summary>
public sealed record Verdict(FailureCause Cause, IReadOnlyList<string> Evidence)
{
    public string CauseText => Cause switch
    {
        FailureCause.BadInput => "bad input",
        FailureCause.Dependency => "dependency failure",
        FailureCause.CodeRegression => "code regression",
        FailureCause.InfrastructureOrTimeout => "infrastructure or timeout",
        FailureCause.CancelledByPerson => "cancelled by a person or an API call",
        FailureCause.CancelledByParent => "cancelled by its parent",
        _ => "undetermined",
    };
}
