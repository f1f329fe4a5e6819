using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace HatchetMcp.Cli;

/// <summary>
/// The debugging flow of the demo, as a model would drive it: who am I, what failed, since when, why, what it logged, is
/// capacity the problem, then replay the failure and check it was re-queued. Each call and its text answer is printed,
/// and the demo ends with the conclusion it draws from the structured answers (<see cref="DemoConclusion"/>).
/// </summary>
internal sealed class DemoFlow(McpClient client, TextWriter output)
{
    private const int StepCount = 12;
    private const int PollLimit = 20;
    private const string Window = "24h";

    // Enough rows for every failure of the default scenario's day on one page, so "since when" is not cut short.
    private const int FailurePageSize = 50;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly string Rule = new('-', 100);
    private int _step;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await CallAsync("Who is this token for, and does the API answer?", "whoami", [], cancellationToken).ConfigureAwait(false);

        var failed = await CallAsync(
            "Which runs failed in the last 24 hours?",
            "list_runs",
            new JsonObject { ["statuses"] = new JsonArray("FAILED"), ["since"] = Window, ["limit"] = FailurePageSize },
            cancellationToken).ConfigureAwait(false);
        var failures = FailureReading.From(DemoAnswers.Content(failed));
        var workflow = failures.Workflow
            ?? throw new DemoStepFailedException("list_runs found no failed run in the last 24 hours to investigate.");
        var runId = failures.NewestRunId!;

        var lastSuccess = await CallAsync(
            $"{workflow} failed most often. When did it last succeed?",
            "list_runs",
            new JsonObject { ["workflow"] = workflow, ["statuses"] = new JsonArray("COMPLETED"), ["since"] = Window, ["limit"] = 1 },
            cancellationToken).ConfigureAwait(false);

        // Every failure since the last success (or over the window, when none): how many, and the first of them. Runs
        // come newest first, so the first failure is the last row: one call for the count, one for that row.
        var onsetSince = DemoAnswers.FirstRowTime(DemoAnswers.Content(lastSuccess), "createdAt") ?? Window;
        var failuresSince = await CallAsync(
            "How many of its runs failed since then?",
            "list_runs",
            new JsonObject { ["workflow"] = workflow, ["statuses"] = new JsonArray("FAILED"), ["since"] = onsetSince, ["limit"] = 1 },
            cancellationToken).ConfigureAwait(false);
        var failureCount = DemoAnswers.Matched(DemoAnswers.Content(failuresSince)) ?? 1;
        var firstFailure = await CallAsync(
            "And when did the first of those fail?",
            "list_runs",
            new JsonObject
            {
                ["workflow"] = workflow,
                ["statuses"] = new JsonArray("FAILED"),
                ["since"] = onsetSince,
                ["limit"] = 1,
                ["offset"] = (int)Math.Clamp(failureCount - 1, 0, int.MaxValue),
            },
            cancellationToken).ConfigureAwait(false);

        var beforeReplay = await CallAsync($"What happened in {workflow}'s most recent failure?", "get_run", new JsonObject { ["run_id"] = runId }, cancellationToken)
            .ConfigureAwait(false);
        var attemptBeforeReplay = DemoAnswers.HighestAttempt(beforeReplay);
        await CallAsync("What did its tasks log?", "get_run_logs", new JsonObject { ["run_id"] = runId, ["limit"] = 30 }, cancellationToken)
            .ConfigureAwait(false);
        var workers = await CallAsync("Are the workers healthy, or is capacity the problem?", "list_workers", [], cancellationToken)
            .ConfigureAwait(false);
        var queues = await CallAsync("Is work piling up in the queues?", "get_queue_metrics", [], cancellationToken).ConfigureAwait(false);
        var preview = await CallAsync("Replay the failed run, as an operator would once the cause is fixed (the emulator has not fixed it, so expect it to fail again). Writes are confirmed: this client cannot ask the user, so the server previews the replay and sends nothing.", "replay_runs", new JsonObject { ["run_ids"] = new JsonArray(runId) }, cancellationToken)
            .ConfigureAwait(false);
        var confirmationToken = preview.StructuredContent is { } previewed && previewed.TryGetProperty("confirmation", out var confirmation) &&
                                confirmation.TryGetProperty("token", out var token) ? token.GetString() : null;
        await CallAsync("The user approves the preview (the demo stands in for them): the same call with its confirmation token replays exactly what it showed.", "replay_runs",
                new JsonObject { ["run_ids"] = new JsonArray(runId), ["confirmation_token"] = confirmationToken }, cancellationToken)
            .ConfigureAwait(false);
        var afterReplay = await CallAsync(
            "Did it run again? (Hatchet applies a replay asynchronously: ask until the run leaves FAILED or shows a new attempt.)",
            "get_run",
            new JsonObject { ["run_id"] = runId },
            cancellationToken,
            until: answer => DemoAnswers.Status(answer) is not (null or "FAILED")
                             || DemoAnswers.HighestAttempt(answer) > attemptBeforeReplay).ConfigureAwait(false);

        await output.WriteLineAsync(Rule).ConfigureAwait(false);
        var conclusion = DemoConclusion.Build(new DemoObservations
        {
            Window = Window,
            FailedRuns = DemoAnswers.Content(failed),
            LastSuccess = DemoAnswers.Content(lastSuccess),
            FailuresSinceLastSuccess = DemoAnswers.Content(failuresSince),
            FirstFailureSinceLastSuccess = DemoAnswers.Content(firstFailure),
            Workers = DemoAnswers.Content(workers),
            QueueMetrics = DemoAnswers.Content(queues),
            ReplayedRun = DemoAnswers.Content(afterReplay),
        });
        foreach (var line in conclusion)
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }

        await output.WriteLineAsync(Rule).ConfigureAwait(false);
        await output.WriteLineAsync($"Done: {StepCount} calls, every one answered.").ConfigureAwait(false);
        return CommandLine.Success;
    }

    /// <summary>
    /// Calls <paramref name="tool"/> and prints the call and its text answer. With <paramref name="until"/>, repeats the
    /// call (a few times, briefly apart) until the answer satisfies it, and prints the last answer and how many were asked.
    /// </summary>
    private async Task<CallToolResult> CallAsync(
        string question,
        string tool,
        JsonObject arguments,
        CancellationToken cancellationToken,
        Func<CallToolResult, bool>? until = null)
    {
        _step++;
        var argumentsText = arguments.ToJsonString();
        await output.WriteLineAsync(Rule).ConfigureAwait(false);
        await output.WriteLineAsync($"[{_step}/{StepCount}] {question}").ConfigureAwait(false);
        await output.WriteLineAsync($"> {tool} {argumentsText}").ConfigureAwait(false);

        var request = new CallToolRequestParams { Name = tool, Arguments = ToArguments(argumentsText) };
        var result = await client.CallToolAsync(request, cancellationToken).ConfigureAwait(false);
        var calls = 1;
        while (until is not null && result.IsError != true && !until(result) && calls < PollLimit)
        {
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            result = await client.CallToolAsync(request, cancellationToken).ConfigureAwait(false);
            calls++;
        }

        if (calls > 1)
        {
            await output.WriteLineAsync($"  (asked {calls} times, {PollInterval.TotalMilliseconds:0} ms apart; this is the last answer)").ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        var text = string.Join(Environment.NewLine, result.Content.OfType<TextContentBlock>().Select(block => block.Text));
        await output.WriteLineAsync(text.TrimEnd()).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);

        if (result.IsError == true)
        {
            var firstLine = text.Split('\n', 2)[0].Trim();
            throw new DemoStepFailedException($"step {_step} ({tool}) answered with an error: {firstLine}");
        }

        return result;
    }

    // Arguments travel as JSON elements: no reflection-based serialisation of boxed values (Native AOT).
    private static Dictionary<string, JsonElement> ToArguments(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(property => property.Name, property => property.Value.Clone());
    }
}
