using System.Text.Json;
using HatchetMcp.Arguments;
using HatchetMcp.Hatchet;
using ModelContextProtocol;

namespace HatchetMcp.Tools;

/// <summary>
/// trigger_workflow's check of an input against the inputJsonSchema of the workflow's current version, read with one
/// GET before anything is sent. A schema that cannot be read, or none, never blocks a trigger: the answer says the input
/// was not checked and why. Keywords the check does not understand are named, never enforced.
/// </summary>
internal sealed class TriggerInputCheck(IHatchetClient client)
{
    private const int ViolationsShown = 20;

    /// <summary>The line the preview and the answer carry; throws a tool error listing the violations when the input breaks the schema.</summary>
    public async Task<string> CheckAsync(Guid workflowId, string workflowName, JsonElement input, CancellationToken cancellationToken)
    {
        WorkflowVersion version;
        try
        {
            version = await client.GetWorkflowVersionAsync(workflowId, null, cancellationToken).ConfigureAwait(false);
        }
        catch (HatchetApiException e)
        {
            return $"Input not checked: the workflow's current version could not be read ({WriteSteps.Sentence(e.Message)}).";
        }

        var versionName = string.IsNullOrWhiteSpace(version.Version) ? version.Metadata?.Id?.ToString() ?? "(unnamed)" : version.Version;
        if (version.InputJsonSchema is not { ValueKind: JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False } schema)
        {
            return $"Input not checked: version {versionName} of {workflowName} registered no inputJsonSchema.";
        }

        var result = InputSchemaCheck.Check(schema, input);
        if (!result.Passed)
        {
            var shown = result.Violations.Take(ViolationsShown).Select(v => $"- {v.Path} ({v.Keyword}): {v.Reason}");
            var more = result.Violations.Count > ViolationsShown ? $"\n(+{result.Violations.Count - ViolationsShown} more violations not shown)" : string.Empty;
            throw new McpException(
                $"input does not match the inputJsonSchema of {workflowName} version {versionName}: {result.Violations.Count} violation{(result.Violations.Count == 1 ? "" : "s")}:\n" +
                string.Join("\n", shown) + more +
                $"\nNothing was sent. Fix the input and call again (get_workflow shows the workflow). Keywords checked: {string.Join(", ", InputSchemaCheck.CheckedKeywords)}." +
                Unchecked(result));
        }

        return $"Input checked against version {versionName} inputJsonSchema." + Unchecked(result);
    }

    private static string Unchecked(InputSchemaCheckResult result) =>
        result.UncheckedKeywords.Count == 0 ? string.Empty : $" Not checked (not understood): {string.Join(", ", result.UncheckedKeywords)}.";
}
