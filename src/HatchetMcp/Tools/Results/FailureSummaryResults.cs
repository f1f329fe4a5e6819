using System.ComponentModel;

namespace HatchetMcp.Tools.Results;

/// <summary>Failed runs of one workflow sharing an error signature.</summary>
public sealed record FailureSignatureRow
{
    [Description("First error line, varying values masked.")]
    public required string Signature { get; init; }

    public int Failures { get; init; }
    public required string FirstSeen { get; init; }
    public required string LastSeen { get; init; }

    [Description("Up to 3, newest first.")]
    public required IReadOnlyList<Guid> RunIds { get; init; }
}

/// <summary>One workflow's failures in the window and how it has fared since its last success.</summary>
public sealed record WorkflowFailureRow
{
    public Guid WorkflowId { get; init; }
    public required string Workflow { get; init; }
    public string? Url { get; init; }

    [Description("Runs created in the window.")]
    public int? Runs { get; init; }

    [Description("Failed runs scanned.")]
    public int Failed { get; init; }

    public double? FailureRate { get; init; }

    [Description("Null: none in 7d.")]
    public string? LastSuccessAt { get; init; }

    public Guid? LastSuccessRunId { get; init; }

    [Description("Heuristic: 2+ failures, every finished run since the last success failed.")]
    public bool Regressed { get; init; }

    [Description("Oldest failure after the last success.")]
    public string? FailingSince { get; init; }

    public Guid? FirstFailureRunId { get; init; }

    [Description("Failed runs after the last success.")]
    public int? FailuresSinceSuccess { get; init; }

    public int? ActiveSinceSuccess { get; init; }

    [Description("Version of the last success.")]
    public Guid? LastGoodVersionId { get; init; }

    public string? LastGoodVersion { get; init; }

    [Description("Version of the first failure after it.")]
    public Guid? FailingVersionId { get; init; }

    public string? FailingVersion { get; init; }

    public string? Note { get; init; }

    [Description("Most failures first.")]
    public required IReadOnlyList<FailureSignatureRow> Signatures { get; init; }

    [Description("Not listed; pass workflow.")]
    public int SignaturesLeftOut { get; init; }
}

/// <summary>Answer of summarize_failures.</summary>
public sealed record SummarizeFailuresResult
{
    public required string Since { get; init; }
    public required string Until { get; init; }
    [Description("Runs created in the window.")]
    public int RunsInWindow { get; init; }

    [Description("Exact, or at least (see notes).")]
    public int FailedMatched { get; init; }
    public int FailedScanned { get; init; }

    [Description("Regressed first, then most failures.")]
    public required IReadOnlyList<WorkflowFailureRow> Workflows { get; init; }

    public int WorkflowsLeftOut { get; init; }

    [Description("What was left out, how to get it.")]
    public string? Cut { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }

    [Description("Run link: replace {runId}.")]
    public string? RunUrl { get; init; }
}
