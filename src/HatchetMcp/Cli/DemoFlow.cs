using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace HatchetMcp.Cli;

/// <summary>
/// The debugging flow of the demo, as a model would drive it: who am I, what failed and did anything regress, why did the
/// newest failure fail, is anything stuck, then replay the failure (previewed, then confirmed) and check it was re-queued. Each call and its text answer is printed,
/// and the demo ends with the conclusion it draws from the structured answers (<see cref="DemoConclusion"/>).
/// </summary>
internal sealed class DemoFlow(McpClient client, TextWriter output)
{
    private const int StepCount = 7;
    private const int PollLimit = 20;
    private const string Window = "24h";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly string Rule = new('-', 100);
    private int _step;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await CallAsync("Who is this token for, and does the API answer?", "whoami", [], cancellationToken).ConfigureAwait(false);

        var failures = await CallAsync(
            "What failed in the last 24 hours, on which errors, and did any workflow regress?",
            "summarize_failures",
            new JsonObject { ["since"] = Window },
            cancellationToken).ConfigureAwait(false);
        var summary = DemoAnswers.Content(failures);
        var worst = DemoAnswers.Array(summary, "workflows").FirstOrDefault();
        var workflow = DemoAnswers.String(worst, "workflow")
            ?? throw new DemoStepFailedException("summarize_failures found no failed run in the last 24 hours to investigate.");
        var runId = DemoAnswers.Array(worst, "signatures").SelectMany(s => s.TryGetProperty("runIds", out var ids) && ids.ValueKind == JsonValueKind.Array ? ids.EnumerateArray() : [])
                        .Select(id => id.ValueKind == JsonValueKind.String ? id.GetString() : null).FirstOrDefault(id => id is not null)
                    ?? throw new DemoStepFailedException($"summarize_failures named {workflow} but no run id to diagnose.");

        var diagnosis = await CallAsync($"Why did {workflow}'s newest failure fail? One call: attempts, the log around the error, the version change, a verdict.", "diagnose_run",
            new JsonObject { ["run_id"] = runId }, cancellationToken).ConfigureAwait(false);
        var attemptBeforeReplay = DemoAnswers.Array(DemoAnswers.Content(diagnosis), "failingTasks")
            .SelectMany(t => DemoAnswers.Array(t, "attempts")).Select(a => DemoAnswers.Long(a, "attempt") ?? 0).DefaultIfEmpty(0).Max();
        var stuck = await CallAsync("Is anything stuck in the queues, and what holds it?", "find_stuck_runs", [], cancellationToken).ConfigureAwait(false);
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
            Failures = summary,
            Diagnosis = DemoAnswers.Content(diagnosis),
            Stuck = DemoAnswers.Content(stuck),
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
