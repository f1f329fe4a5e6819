namespace HatchetMcp.Findings;

/// <summary>Which part of diagnose_run's flow a run takes, by its status.</summary>
public enum DiagnosisKind
{
    Failed,
    Cancelled,
    Active,
    Completed,
}
