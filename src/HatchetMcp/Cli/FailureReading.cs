using System.Globalization;
using System.Text.Json;

namespace HatchetMcp.Cli;

/// <summary>
/// What one list_runs answer of FAILED runs says: which workflow failed most, since when, and on which errors. Computed
/// once, used both to choose what the demo looks at next and in its conclusion.
/// </summary>
internal sealed class FailureReading
{
    private FailureReading(IReadOnlyList<FailedRow> rows, bool complete)
    {
        RowsRead = rows.Count;
        WindowComplete = complete;
        var workflow = rows
            .Where(row => row.Workflow is not null)
            .GroupBy(row => row.Workflow!, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count())
            .FirstOrDefault(); // ties keep the order of first appearance, i.e. the most recent failure wins
        if (workflow is null)
        {
            return;
        }

        var failures = workflow.ToList();
        Workflow = workflow.Key;
        WorkflowFailures = failures.Count;
        NewestRunId = failures[0].Id;
        var oldest = failures.Where(row => row.CreatedAt is not null).MinBy(row => row.CreatedAt!.Value);
        OldestFailureText = oldest?.CreatedAtText;
        OldestFailureAt = oldest?.CreatedAt;
        var signatures = failures
            .GroupBy(row => row.Signature, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count())
            .ToList();
        TopSignature = signatures[0].Key;
        TopSignatureCount = signatures[0].Count();
        TopSignatureError = signatures[0].First().Error;
        OtherSignatures = signatures.Count - 1;
    }

    /// <summary>Failed runs in the answer (all of the window when <see cref="WindowComplete"/>).</summary>
    public int RowsRead { get; }

    /// <summary>True when the answer held every failure of the window (no next page).</summary>
    public bool WindowComplete { get; }

    /// <summary>The workflow with the most failures among the rows; null when nothing failed.</summary>
    public string? Workflow { get; }

    public int WorkflowFailures { get; }

    /// <summary>Its most recent failed run (rows come newest first).</summary>
    public string? NewestRunId { get; }

    public DateTimeOffset? OldestFailureAt { get; }

    /// <summary>The oldest failure's creation time as the tool wrote it.</summary>
    public string? OldestFailureText { get; }

    public string TopSignature { get; } = string.Empty;

    public int TopSignatureCount { get; }

    /// <summary>The unmasked first error line of one run with the top signature (numbers such as 503 left in).</summary>
    public string? TopSignatureError { get; }

    public int OtherSignatures { get; }

    public static FailureReading From(JsonElement listRuns)
    {
        var rows = new List<FailedRow>();
        foreach (var run in DemoAnswers.Array(listRuns, "runs"))
        {
            var id = DemoAnswers.String(run, "id");
            if (id is null)
            {
                continue;
            }

            var error = DemoAnswers.String(run, "error");
            var created = DemoAnswers.String(run, "createdAt");
            rows.Add(new FailedRow(
                id,
                DemoAnswers.String(run, "workflowName"),
                created,
                DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
                DemoAnswers.String(run, "errorSignature") ?? error ?? "(no error text)",
                error));
        }

        var complete = !(listRuns.ValueKind == JsonValueKind.Object
                         && listRuns.TryGetProperty("page", out var page)
                         && page.ValueKind == JsonValueKind.Object
                         && page.TryGetProperty("nextOffset", out var next)
                         && next.ValueKind == JsonValueKind.Number);
        return new FailureReading(rows, complete);
    }

    private sealed record FailedRow(string Id, string? Workflow, string? CreatedAtText, DateTimeOffset? CreatedAt, string Signature, string? Error);
}
