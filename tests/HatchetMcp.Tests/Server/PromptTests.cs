using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// triage_failures, debug_run and tenant_health: listed with their arguments, each a playbook that names the tools in
/// the operator's order, with its arguments checked by the tools' own parsers.
/// </summary>
public sealed class PromptTests(FrozenTenantFixture fixture) : IClassFixture<FrozenTenantFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> Text(string prompt, Dictionary<string, object?>? arguments = null)
    {
        var result = await fixture.Client.GetPromptAsync(prompt, arguments, cancellationToken: Ct);
        var message = Assert.Single(result.Messages);
        Assert.Equal(Role.User, message.Role);
        return Assert.IsType<TextContentBlock>(message.Content).Text;
    }

    private Task<McpProtocolException> Refusal(string prompt, Dictionary<string, object?>? arguments) =>
        Assert.ThrowsAsync<McpProtocolException>(() => fixture.Client.GetPromptAsync(prompt, arguments, cancellationToken: Ct).AsTask());

    /// <summary>Asserts the tools appear in <paramref name="text"/> in this order.</summary>
    private static void AssertInOrder(string text, params string[] tools)
    {
        var at = -1;
        foreach (var tool in tools)
        {
            var next = text.IndexOf(tool, at + 1, StringComparison.Ordinal);
            Assert.True(next > at, $"'{tool}' should come after the tools before it in:\n{text}");
            at = next;
        }
    }

    [Fact]
    public async Task Prompts_list_names_the_three_playbooks_and_their_arguments()
    {
        var prompts = (await fixture.Client.ListPromptsAsync(cancellationToken: Ct)).Select(p => p.ProtocolPrompt).ToDictionary(p => p.Name);

        Assert.Equal(["debug_run", "tenant_health", "triage_failures"], prompts.Keys.Order(StringComparer.Ordinal));
        var runId = Assert.Single(prompts["debug_run"].Arguments ?? []);
        Assert.Equal(("run_id", true), (runId.Name, runId.Required == true));
        var window = Assert.Single(prompts["triage_failures"].Arguments ?? []);
        Assert.Equal(("window", false), (window.Name, window.Required == true));
        Assert.Empty(prompts["tenant_health"].Arguments ?? []);
    }

    [Fact]
    public async Task Triage_failures_defaults_to_24h_and_leads_from_summary_to_a_reviewed_action()
    {
        var text = await Text("triage_failures");

        Assert.Contains("since=24h", text, StringComparison.Ordinal);
        Assert.Contains("since 2026-11-23T12:00:00", text, StringComparison.Ordinal);
        AssertInOrder(text, "summarize_failures", "diagnose_run", "search_logs", "smallest safe action", "review", "replay_runs");
    }

    [Fact]
    public async Task Triage_failures_takes_the_window_it_is_given()
    {
        var text = await Text("triage_failures", new() { ["window"] = "6h" });

        Assert.Contains("summarize_failures since=6h", text, StringComparison.Ordinal);
        Assert.Contains("since 2026-11-24T06:00:00", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_run_leads_from_diagnosis_to_the_last_success_to_the_logs_for_that_run()
    {
        var id = fixture.Facts.SampleDagRunId;

        var text = await Text("debug_run", new() { ["run_id"] = $" {id.ToString().ToUpperInvariant()} " });

        AssertInOrder(text, $"diagnose_run run_id={id}", $"compare_runs run_id={id}", $"get_run_logs run_id={id}");
    }

    [Fact]
    public async Task Tenant_health_reads_identity_workers_queues_stuck_runs_limits_and_failures_in_order()
    {
        var text = await Text("tenant_health");

        AssertInOrder(text, "whoami", "list_workers", "get_queue_metrics", "find_stuck_runs", "list_rate_limits", "summarize_failures");
        Assert.Contains("Change nothing", text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string?, object?, string> BadArguments() => new()
    {
        { "debug_run", null, null, "run_id is required" },
        { "debug_run", "run_id", "not-a-uuid", "run_id must be a UUID" },
        { "debug_run", "run_id", 42, "run_id must be a string" },
        { "triage_failures", "window", "yesterday-ish", "window must be an ISO 8601 time" },
        { "triage_failures", "since", "24h", "unknown argument 'since'; it takes window" },
        { "tenant_health", "window", "24h", "it takes no arguments" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task A_bad_argument_is_an_invalid_params_error_naming_it_and_its_form(string prompt, string? argument, object? value, string expected)
    {
        var error = await Refusal(prompt, argument is null ? null : new() { [argument] = value });

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains($"prompt '{prompt}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_never_appears_in_a_prompt_error_that_echoes_an_argument()
    {
        var secret = fixture.Harness.Token.Split('.')[^1];

        var error = await Refusal("triage_failures", new() { ["window"] = secret });

        Assert.Contains("[redacted]", error.Message, StringComparison.Ordinal);
        Assert.False(fixture.Scrubber.Finds(error.Message), error.Message);
    }
}
