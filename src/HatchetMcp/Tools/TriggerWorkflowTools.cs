using System.ComponentModel;
using System.Text.Json;
using HatchetMcp.Hatchet;
using HatchetMcp.Arguments;
using HatchetMcp.Safety;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Microsoft.Extensions.Logging;

namespace HatchetMcp.Tools;

/// <summary>trigger_workflow: starts a new run, confirmed first, never retried, and found by its trigger id if the answer is lost.</summary>
[McpServerToolType]
public sealed partial class TriggerWorkflowTools(IHatchetClient client, ToolOutputOptions output, TimeProvider time, WorkflowCatalog workflows, DashboardLinks links, WriteSteps steps,
    ILogger<TriggerWorkflowTools> logger)
{
    [McpServerTool(Name = "trigger_workflow", Title = "Trigger a workflow run", ReadOnly = false, Destructive = false,
        Idempotent = false, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(TriggerResult))]
    [Description("MUTATES LIVE STATE. Starts a new run of a workflow by name with a JSON object input (checked against its " +
                 "inputJsonSchema, if any), optional metadata and priority; every call starts another run. Answers the run id and " +
                 "status; with wait, the final status and output or error. To retry existing runs as they were, use replay_runs.")]
    public async Task<CallToolResult> TriggerWorkflow(
        [Description("Workflow name exactly as list_workflows shows it (or the workflow id).")] string workflow,
        [Description("Run input: a JSON object, e.g. {\"orderId\": \"A-1009\"}, or a string containing one. Use {} for no input.")] JsonElement? input,
        [Description("Optional run metadata: a JSON object of string values, e.g. {\"customer\": \"acme\"}; list_runs can filter on it.")] JsonElement? metadata = null,
        [Description("Optional priority: 1 (low), 2 or 3 (high). Default: the workflow's own.")] int? priority = null,
        [Description(WriteSteps.TokenDescription)] string? confirmation_token = null,
        [Description("Wait for the final status (sends progress if asked).")] bool wait = false,
        [Description("With wait: the most seconds to wait, 1-300.")] int wait_seconds = 50,
        McpServer? server = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var workflowText = ToolArguments.Text(workflow, "workflow", 300)
                           ?? throw new McpException("workflow is required: a workflow name as list_workflows shows it.");
        var body = ToolArguments.JsonObject(input, "input", required: true)!.Value;
        var meta = MetadataObject(metadata);
        int? prio = priority is null ? null : ToolArguments.Bounded(priority, "priority", 1, 3, 1);
        var waitFor = ToolArguments.Bounded(wait_seconds, "wait_seconds", 1, 300, 50);

        return await ToolErrors.Guard(async () =>
        {
            var workflowRef = await WorkflowAsync(workflowText, cancellationToken).ConfigureAwait(false);
            var name = workflowRef.Name!;
            // Read-only and before any confirmation: a refused input is never offered for approval.
            string checkLine;
            try
            {
                checkLine = await new TriggerInputCheck(client).CheckAsync(workflowRef.Id, name, body, cancellationToken).ConfigureAwait(false);
            }
            catch (McpException refused)
            {
                steps.AuditRefusal("trigger_workflow", [name], refused.Message);
                throw;
            }

            var proposal = TriggerProposal(name, body, meta, prio, output.SecretKeys, checkLine);
            var decision = await steps.ConfirmAsync(proposal, confirmation_token, server, cancellationToken).ConfigureAwait(false);
            if (!decision.Approved)
            {
                return TriggerNotSent(proposal, decision, name, meta, prio);
            }

            var triggerId = decision.Nonce is { } nonce ? TriggerIdOf(nonce) : TriggerRequest.NewTriggerId();
            if (decision.Nonce is not null && await AlreadyUsedAsync(triggerId, decision, cancellationToken).ConfigureAwait(false) is { } used)
            {
                return TriggerNotSent(proposal, decision with { Result = ConfirmationResults.Refused, Reason = used }, name, meta, prio);
            }

            (TriggerResult Result, string Opening) started;
            try
            {
                started = await SendTriggerAsync(name, body, meta, prio, decision, triggerId, cancellationToken).ConfigureAwait(false);
                steps.Audit(proposal, decision, [name], [new AuditOutcome(name, $"{started.Result.Outcome}: run {started.Result.RunId}")]);
            }
            catch (McpException e)
            {
                // The answer's own words say whether Hatchet refused (nothing created) or the outcome is open.
                var outcome = e.Message.Contains("Not created:", StringComparison.Ordinal) ? "not_created" : "unknown";
                steps.Audit(proposal, decision, [name], [new AuditOutcome(name, outcome)], e.Message);
                throw;
            }

            RunWaitOutcome? waited = null;
            if (wait)
            {
                var runId = started.Result.RunId!.Value;
                try
                {
                    waited = await new RunWait(client, time, output.SecretKeys)
                        .WaitAsync(runId, started.Result.Status ?? "PENDING", waitFor, progress, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // The run was started and audited; only the wait ends. Nothing is cancelled in Hatchet.
                    LogWaitStopped(runId);
                    throw;
                }
            }

            return TriggerAnswer(started.Result, started.Opening, checkLine, waited);
        }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "trigger_workflow stopped waiting for run {RunId}: the request was cancelled; the run goes on in Hatchet")]
    private partial void LogWaitStopped(Guid runId);

    /// <summary>
    /// The trigger id of a confirmed preview: derived from its nonce, so every replica that redeems the same token (or
    /// the same approved question) computes the same id, and a run already carrying it shows the confirmation was used.
    /// Hashed into the shape of a fresh trigger id, so the two kinds cannot be told apart by whoever lists runs.
    /// </summary>
    private static string TriggerIdOf(string nonce) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("trigger:" + nonce))[..16]);

    /// <summary>
    /// Why this confirmation may not start a run because it already started one (one run list read, by the trigger id
    /// it would carry), or because that could not be checked; null when no run carries it. The process remembers the
    /// tokens it spent; this is what catches one spent on another replica.
    /// </summary>
    private async Task<string?> AlreadyUsedAsync(string triggerId, ConfirmationDecision decision, CancellationToken cancellationToken)
    {
        var since = (decision.IssuedAt ?? time.GetUtcNow()) - LookupMargin;
        var (earlier, failure) = await FindTriggeredRunAsync(triggerId, since, cancellationToken).ConfigureAwait(false);
        if (earlier is { } row)
        {
            return $"Refused: this confirmation was already used: run {row.WorkflowRunExternalId ?? row.Metadata?.Id} carries its trigger id {triggerId} " +
                   "(started by an earlier call, possibly through another replica of this server). Nothing was sent. Follow that run with get_run; " +
                   "to start another, call trigger_workflow again without confirmation_token for a fresh preview.";
        }

        return failure is null
            ? null
            : $"Not sent: whether this confirmation was already used could not be checked ({WriteSteps.Sentence(failure.Message)}), so nothing was sent. " +
              "Call trigger_workflow again without confirmation_token for a fresh preview once Hatchet answers.";
    }

    private async Task<(TriggerResult Result, string Opening)> SendTriggerAsync(string name, JsonElement body, IReadOnlyDictionary<string, string> meta, int? prio, ConfirmationDecision decision, string triggerId, CancellationToken cancellationToken)
    {
        var sentMeta = new SortedDictionary<string, string>(meta.ToDictionary(), StringComparer.Ordinal) { [TriggerRequest.TriggerIdKey] = triggerId };
        var triggeredAt = time.GetUtcNow();

        // Exactly one POST: a trigger is never retried, because every POST starts another run.
        V1WorkflowRunDetails? details = null;
        HatchetApiException? failure = null;
        try
        {
            details = await client.TriggerAsync(new TriggerRequest
            {
                WorkflowName = name,
                Input = body,
                AdditionalMetadata = sentMeta,
                Priority = prio,
                ReturnOnlyId = true,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (HatchetApiException e)
        {
            failure = e;
        }

        var runId = details?.Run?.Metadata?.Id ?? Guid.Empty;
        if (failure is null && runId != Guid.Empty)
        {
            var status = string.IsNullOrWhiteSpace(details!.Run?.Status) ? await StatusAfterTriggerAsync(runId, cancellationToken).ConfigureAwait(false) : details.Run!.Status!;
            return (new TriggerResult
            {
                RunId = runId, WorkflowName = name, Status = status, Priority = prio, Metadata = sentMeta, TriggerId = triggerId, Outcome = "started",
                Confirmation = WriteSteps.Confirmed(decision),
            }, $"Started run {runId} of workflow {name}");
        }

        var what = failure?.Message ?? "Hatchet accepted the trigger but its answer carried no run id.";
        if (failure is { CertainlyNotApplied: true, StatusCode: not 503 })
        {
            throw new McpException($"{ToolErrors.From(failure).Message} Not created: Hatchet refused the trigger of {name}, so no run was started.", failure);
        }

        // The outcome is open: ask Hatchet once whether a run carries this trigger id.
        var since = triggeredAt - LookupMargin;
        var (found, lookupFailure) = await FindTriggeredRunAsync(triggerId, since, cancellationToken).ConfigureAwait(false);
        if (found is { } row)
        {
            var foundId = row.WorkflowRunExternalId ?? row.Metadata!.Id!.Value;
            return (new TriggerResult
            {
                RunId = foundId, WorkflowName = name, Status = string.IsNullOrWhiteSpace(row.Status) ? "PENDING" : row.Status,
                Priority = prio, Metadata = sentMeta, TriggerId = triggerId, Outcome = "found_after_failure",
                Confirmation = WriteSteps.Confirmed(decision),
            }, $"Created: run {foundId} of workflow {name}. Hatchet's answer to the trigger failed ({WriteSteps.Sentence(what)}), but the run was found by its trigger id, so do not trigger again");
        }

        if (failure is { CertainlyNotApplied: true })
        {
            throw new McpException($"{what} Not created: the trigger of {name} was refused and no run carries its trigger id {triggerId}.", failure);
        }

        var check = $"list_runs metadata=[\"{TriggerRequest.TriggerIdKey}={triggerId}\"] since={TimeText.Iso(since.AddTicks(-(since.Ticks % TimeSpan.TicksPerSecond)))}";
        throw lookupFailure is null
            ? new McpException($"{what} Not found yet: no run of {name} carries trigger id {triggerId} so far, but the request may still be in flight at Hatchet and create the run later. Before retrying, check: {check}; trigger again only if it lists no run.", failure)
            : new McpException($"{what} Outcome unknown: the run may or may not have been created, and looking it up by its trigger id {triggerId} failed too ({WriteSteps.Sentence(lookupFailure.Message)}). Before retrying, check: {check}; trigger again only if it lists no run.", failure);
    }

    /// <summary>How far before the trigger the lookup starts: room for clock skew between this host and Hatchet.</summary>
    private static readonly TimeSpan LookupMargin = TimeSpan.FromMinutes(5);

    private CallToolResult TriggerAnswer(TriggerResult result, string opening, string checkLine, RunWaitOutcome? waited)
    {
        // The caller's metadata is echoed, so a secret it carried is redacted like any other metadata shown.
        result = result with
        {
            Url = links.Run(result.RunId!.Value), Metadata = output.SecretKeys.Redact(result.Metadata),
            Undo = $"cancel_runs run_ids=[\"{result.RunId}\"]",
            Status = waited?.Status ?? result.Status, Waited = waited?.WaitedSeconds, Result = waited?.Output ?? waited?.Error,
        };
        var userMeta = result.Metadata.Where(kv => kv.Key != TriggerRequest.TriggerIdKey).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var next = waited is { Status: V1TaskStatuses.Failed }
            ? $"\nNext: diagnose_run run_id={result.RunId} for why it failed; get_run_logs run_id={result.RunId} for its log lines."
            : $"\nNext: get_run run_id={result.RunId} to follow it; get_run_logs run_id={result.RunId} for its log lines.";
        var text = opening +
                   (result.Priority is { } p ? $" (priority {p})" : string.Empty) + $": status {result.Status}" + WaitLine(result.RunId!.Value, waited) +
                   "\n" + checkLine +
                   (userMeta.Count > 0 ? "\nMetadata: " + RunText.MetadataLine(userMeta) : string.Empty) +
                   $"\nTrigger id: {result.TriggerId} (added as metadata {TriggerRequest.TriggerIdKey}, so the run can be found if an answer is lost)." +
                   (DashboardLinks.Line(result.Url) is { } dashboard ? "\n" + dashboard : string.Empty) +
                   next +
                   $"\nUndo (a mistaken trigger): {result.Undo} stops it; work it already did is not undone." +
                   WriteSteps.ConfirmationLine(result.Confirmation);
        return ToolResult.Create(text, result, ToolsJsonContext.Default.TriggerResult);
    }

    /// <summary>What the wait found, after the status: nothing without a wait; the output or the error when it finished; the run to follow when time ran out.</summary>
    private static string WaitLine(Guid runId, RunWaitOutcome? waited) => waited switch
    {
        null => ".",
        { Final: false } w => $"; still {w.Status} after {w.WaitedSeconds} s; follow with get_run run_id={runId}.",
        { Output: { } o } w => $" after waiting {w.WaitedSeconds} s.\nOutput: {WorkflowText.Fence(o)}",
        { Error: { } e } w => $" after waiting {w.WaitedSeconds} s.\nError: {WorkflowText.Fence(e)}" + (w.ErrorMoreLines > 0 ? $" (+{w.ErrorMoreLines} more lines)" : string.Empty),
        { } w => $" after waiting {w.WaitedSeconds} s.",
    };

    /// <summary>The run carrying <paramref name="triggerId"/>, or why Hatchet could not be asked; (null, null) when none is listed.</summary>
    private async Task<(V1RunListRow? Found, HatchetApiException? Failure)> FindTriggeredRunAsync(string triggerId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        try
        {
            var list = await client.ListRunsAsync(new RunListQuery
            {
                Since = since,
                AdditionalMetadata = [new(TriggerRequest.TriggerIdKey, triggerId)],
                OnlyTasks = false,
                IncludePayloads = false,
                Limit = 5,
            }, cancellationToken).ConfigureAwait(false);
            var row = (list.Rows ?? []).FirstOrDefault(r => (r.WorkflowRunExternalId ?? r.Metadata?.Id) is { } id && id != Guid.Empty);
            return (row, null);
        }
        catch (HatchetApiException e)
        {
            return (null, e);
        }
    }

    /// <summary>The proposal of a trigger: the workflow, and the exact input, metadata and priority.</summary>
    private static WriteProposal TriggerProposal(string name, JsonElement body, IReadOnlyDictionary<string, string> meta, int? prio, SecretKeys secrets, string checkLine)
    {
        var input = WriteSteps.Canonical(body);
        // The summary is shown (to the user and the agent): secret-looking values are redacted there, never in what is bound.
        var shownInput = WriteSteps.Canonical(secrets.Redact(body));
        var metaText = meta.Count == 0 ? "none" : RunText.MetadataLine(secrets.Redact(meta));
        var fingerprint = $"input={input}\nmetadata={string.Join("\n", meta.Select(kv => kv.Key + "=" + kv.Value))}\npriority={prio?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}";
        return new WriteProposal
        {
            Tool = "trigger_workflow",
            Targets = [name],
            Input = fingerprint,
            Actionable = [name],
            Summary = $"Start one new run of workflow {name} in Hatchet" + (prio is { } p ? $" at priority {p}" : string.Empty) + ".\n" +
                      $"Input: {ValueSummary.Clip(shownInput, 600)}\n{checkLine}\nMetadata: {metaText}\n" +
                      "What happens: the run is queued and workers run it; every approved call starts another run.\n" +
                      "Undo: cancel_runs with the new run id stops it (work it already did is not undone).",
        };
    }

    private CallToolResult TriggerNotSent(WriteProposal proposal, ConfirmationDecision decision, string name, IReadOnlyDictionary<string, string> meta, int? prio)
    {
        steps.Audit(proposal, decision, [], decision.Result == ConfirmationResults.Refused ? [] : [new AuditOutcome(name, decision.Result == ConfirmationResults.Preview ? "awaiting_confirmation" : "not_confirmed")]);
        if (decision.Result == ConfirmationResults.Refused)
        {
            throw new McpException(decision.Reason!);
        }

        var result = new TriggerResult
        {
            WorkflowName = name, Priority = prio, Metadata = output.SecretKeys.Redact(meta), Confirmation = WriteSteps.Confirmed(decision),
            Outcome = decision.Result == ConfirmationResults.Preview ? "awaiting_confirmation" : "not_confirmed",
        };
        return ToolResult.Create(string.Join("\n", WriteSteps.NotSentHeader(proposal, decision)), result, ToolsJsonContext.Default.TriggerResult);
    }

    /// <summary>The workflow's id and name (a trigger names the workflow; the input check reads its version by id).</summary>
    private async Task<ResolvedWorkflow> WorkflowAsync(string workflowText, CancellationToken cancellationToken)
    {
        var resolved = await new WorkflowResolver(client, workflows).ResolveAsync(workflowText, "workflow", cancellationToken).ConfigureAwait(false);
        if (resolved.Name is not null)
        {
            return resolved;
        }

        var name = (await client.GetWorkflowAsync(resolved.Id, cancellationToken).ConfigureAwait(false)).Name
                   ?? throw new McpException($"workflow {resolved.Id} has no name in Hatchet; trigger it by name as list_workflows shows it.");
        return resolved with { Name = name };
    }

    // Hatchet may not list a run created a moment ago yet; that is "pending", not a failure of the trigger.
    private async Task<string> StatusAfterTriggerAsync(Guid runId, CancellationToken cancellationToken)
    {
        try
        {
            var lookup = await client.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
            return (lookup.Run?.Run?.Status ?? lookup.Task?.Status) is { Length: > 0 } s ? s : "PENDING";
        }
        catch (HatchetApiException)
        {
            return "PENDING";
        }
    }

    private static IReadOnlyDictionary<string, string> MetadataObject(JsonElement? metadata)
    {
        var obj = ToolArguments.JsonObject(metadata, "metadata", required: false);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (obj is not { } o)
        {
            return result;
        }

        foreach (var p in o.EnumerateObject())
        {
            if (p.Name == TriggerRequest.TriggerIdKey)
            {
                throw new McpException($"metadata key '{TriggerRequest.TriggerIdKey}' is reserved: the server sets it to a fresh id on every trigger (it finds the run if an answer is lost). Use another key.");
            }

            result[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString() ?? string.Empty,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                _ => throw new McpException($"metadata values must be strings, numbers or booleans; '{ToolArguments.Echo(p.Name)}' is a JSON {p.Value.ValueKind.ToString().ToLowerInvariant()}."),
            };
        }

        return result;
    }

}
