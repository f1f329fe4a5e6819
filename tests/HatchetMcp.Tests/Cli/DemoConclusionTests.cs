using System.Text.Json;
using HatchetMcp.Cli;
using HatchetMcp.Tests.ToolTests;
using Xunit;

namespace HatchetMcp.Tests.Cli;

/// <summary>
/// The demo's closing conclusion is read from the structured answers of the findings tools it called: different
/// findings, different conclusions, each claim with the answer it rests on.
/// </summary>
public sealed class DemoConclusionTests
{
    private const string KeyError = "KeyError: 'billing_country'";
    private const string Unavailable = "ConnectionError: inventory-service returned 503 Service Unavailable";

    [Fact]
    public void A_regressed_workflow_with_a_code_regression_verdict_is_named_with_its_error_and_versions_and_replay_will_not_help()
    {
        var observations = new DemoObservations
        {
            Window = "24h",
            Failures = Summary(scanned: 85,
                Workflow("charge-payment", failed: 74, runs: 194, regressed: true, lastSuccessAt: "2026-12-03T11:54:19Z", failingSince: "2026-12-03T11:58:00Z",
                    failuresSince: 74, lastGood: "v4", failing: "v5", Signature(KeyError, 74, "2026-12-03T11:58:00Z")),
                Workflow("order-pipeline", failed: 8, runs: 354, regressed: false, lastSuccessAt: "2026-12-03T17:14:46Z", failingSince: null,
                    failuresSince: 0, lastGood: null, failing: null, Signature("task timed out after <n>s", 8, "2026-12-02T17:27:00Z")),
                Workflow("generate-report", failed: 3, runs: 57, regressed: false, lastSuccessAt: "2026-12-03T17:04:54Z", failingSince: null,
                    failuresSince: 0, lastGood: null, failing: null, Signature("task timed out after <n>m", 3, "2026-12-02T18:42:00Z"))),
            Diagnosis = Diagnosis("code regression", "every finished run since the last success failed", "v5 is not v4"),
            Stuck = Stuck(("export-orders", 2, "NO_WORKER"), ("rebuild-search-index", 1, "STILL_RUNNING")),
        };

        var conclusion = string.Join('\n', DemoConclusion.Build(observations));

        Assert.Contains("Failing: charge-payment, 74 of the 85 failed runs scanned in the last 24h; 194 of its runs were created in the window; 2 other workflows failed too", conclusion, StringComparison.Ordinal);
        Assert.Contains("Since: 2026-12-03 11:58:00Z, its first failure after its last successful run (created 2026-12-03 11:54:19Z); 74 failures since then and no success", conclusion, StringComparison.Ordinal);
        Assert.Contains($"Error: {KeyError} in 74 of its 74 failures; one error for all of them", conclusion, StringComparison.Ordinal);
        Assert.Contains("Version: its last success ran v4, its first failure after it ran v5", conclusion, StringComparison.Ordinal);
        Assert.Contains("Cause (a heuristic finding, not a certainty): code regression; evidence: every finished run since the last success failed; v5 is not v4", conclusion, StringComparison.Ordinal);
        Assert.Contains("Capacity: not what fails charge-payment", conclusion, StringComparison.Ordinal);
        Assert.Contains("export-orders ×2 (NO_WORKER)", conclusion, StringComparison.Ordinal);
        Assert.DoesNotContain("rebuild-search-index", conclusion, StringComparison.Ordinal); // still running is not held
        Assert.Contains("Replay: will not help until the cause is fixed", conclusion, StringComparison.Ordinal);
    }

    [Fact]
    public void An_intermittent_dependency_failure_with_its_own_runs_held_gets_a_different_conclusion()
    {
        var observations = new DemoObservations
        {
            Window = "24h",
            Failures = Summary(scanned: 2,
                Workflow("sync-inventory", failed: 2, runs: 40, regressed: false, lastSuccessAt: "2026-12-03T10:30:00Z", failingSince: "2026-12-03T11:00:00Z",
                    failuresSince: 1, lastGood: "v2", failing: "v2", Signature(Unavailable, 2, "2026-12-03T10:00:00Z"))),
            Diagnosis = Diagnosis("dependency failure", Unavailable),
            Stuck = Stuck(("sync-inventory", 1, "WORKER_INACTIVE")),
        };

        var conclusion = string.Join('\n', DemoConclusion.Build(observations));

        Assert.Contains("no other workflow failed", conclusion, StringComparison.Ordinal);
        Assert.Contains("Since: intermittent: its last successful run was created 2026-12-03 10:30:00Z, 1 runs failed after it", conclusion, StringComparison.Ordinal);
        Assert.DoesNotContain("Version:", conclusion, StringComparison.Ordinal); // the same version on both sides
        Assert.Contains("Capacity: part of the problem for sync-inventory", conclusion, StringComparison.Ordinal);
        Assert.Contains("sync-inventory ×1 (WORKER_INACTIVE)", conclusion, StringComparison.Ordinal);
        Assert.Contains("Replay: may help once the dependency answers again", conclusion, StringComparison.Ordinal);
        Assert.DoesNotContain("will not help", conclusion, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_success_in_the_history_read_the_onset_is_the_oldest_failure_seen()
    {
        var observations = new DemoObservations
        {
            Window = "24h",
            Failures = Summary(scanned: 5,
                Workflow("charge-payment", failed: 5, runs: 5, regressed: false, lastSuccessAt: null, failingSince: null, failuresSince: null, lastGood: null, failing: null,
                    Signature(KeyError, 3, "2026-12-03T09:40:00Z"), Signature("ValueError: amount", 2, "2026-12-03T08:10:00Z"))),
            Diagnosis = Diagnosis("undetermined", "no rule matched"),
            Stuck = Stuck(),
        };

        var conclusion = string.Join('\n', DemoConclusion.Build(observations));

        Assert.Contains("Since: at least 2026-12-03 08:10:00Z, its oldest failure in the last 24h; no successful run in the 7 days read", conclusion, StringComparison.Ordinal);
        Assert.Contains("1 other error among the rest", conclusion, StringComparison.Ordinal);
        Assert.Contains("Capacity: no run waits for a worker", conclusion, StringComparison.Ordinal);
        Assert.Contains("Replay: unclear: the verdict is undetermined", conclusion, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_failed_in_the_window_says_so_instead_of_naming_a_workflow()
    {
        var observations = new DemoObservations { Window = "24h", Failures = Summary(scanned: 0), Stuck = Stuck() };

        var conclusion = string.Join('\n', DemoConclusion.Build(observations));

        Assert.Contains("Failing: no run failed in the last 24h", conclusion, StringComparison.Ordinal);
        Assert.DoesNotContain("Replay: will not help", conclusion, StringComparison.Ordinal);
    }

    private static string Text(string value) => JsonSerializer.Serialize(value, TestJson.Default.String);

    private static string Signature(string signature, int failures, string firstSeen) =>
        $$"""{"signature":{{Text(signature)}},"failures":{{failures}},"firstSeen":"{{firstSeen}}","lastSeen":"{{firstSeen}}","runIds":["{{Guid.NewGuid()}}"]}""";

    private static string Workflow(string name, int failed, int runs, bool regressed, string? lastSuccessAt, string? failingSince, int? failuresSince,
        string? lastGood, string? failing, params string[] signatures)
    {
        static string Optional(string key, string? value) => value is null ? string.Empty : $",\"{key}\":{Text(value)}";
        return $$"""{"workflowId":"{{Guid.NewGuid()}}","workflow":"{{name}}","runs":{{runs}},"failed":{{failed}},"regressed":{{(regressed ? "true" : "false")}}""" +
               Optional("lastSuccessAt", lastSuccessAt) + Optional("failingSince", failingSince) + Optional("lastGoodVersion", lastGood) + Optional("failingVersion", failing) +
               (failuresSince is { } n ? $",\"failuresSinceSuccess\":{n}" : string.Empty) +
               $$""","signatures":[{{string.Join(',', signatures)}}],"signaturesLeftOut":0}""";
    }

    private static JsonElement Summary(int scanned, params string[] workflows) =>
        Parse($$"""{"since":"2026-12-02T12:00:00Z","until":"2026-12-03T12:00:00Z","runsInWindow":1000,"failedMatched":{{scanned}},"failedScanned":{{scanned}},"workflows":[{{string.Join(',', workflows)}}],"workflowsLeftOut":0,"notes":[]}""");

    private static JsonElement Diagnosis(string cause, params string[] evidence) =>
        Parse($$"""{"runId":"{{Guid.NewGuid()}}","status":"FAILED","verdict":{"cause":{{Text(cause)}},"heuristic":true,"evidence":[{{string.Join(',', evidence.Select(Text))}}]""" + "}}");

    private static JsonElement Stuck(params (string Workflow, int Runs, string Kind)[] groups)
    {
        var rows = groups.Select(g =>
            $$"""{"workflow":"{{g.Workflow}}","actionId":"{{g.Workflow}}:{{g.Workflow}}","causes":[{"kind":"{{g.Kind}}","basis":"LIVE_STATE","evidence":"e"}],"runs":{{g.Runs}},"exampleRunIds":[]}""");
        return Parse($$"""{"olderThan":"10m","tasksMatched":{"exact":{{groups.Sum(g => g.Runs)}}},"tasksScanned":{{groups.Sum(g => g.Runs)}},"runsStuck":{{groups.Sum(g => g.Runs)}},"groups":[{{string.Join(',', rows)}}]}""");
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
