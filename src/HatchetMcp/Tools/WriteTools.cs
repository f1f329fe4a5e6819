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

namespace HatchetMcp.Tools;

/// <summary>trigger_workflow, cancel_runs, replay_runs: the three tools that change live state.</summary>
[McpServerToolType]
public sealed class WriteTools(IHatchetClient client, ToolOutputOptions output, TimeProvider time, WorkflowCatalog workflows, DashboardLinks links,
    IWriteConfirmation confirmation, AuditLog audit)
{
    private const int LookupConcurrency = 8;
    private const string TokenDescription = "Omit on the first call. From a preview answer, after the user approved it: acts on exactly what the preview showed (same arguments, single use, 5 minutes).";
    private const int SummaryRows = 20;

    [McpServerTool(Name = "trigger_workflow", Title = "Trigger a workflow run", ReadOnly = false, Destructive = false,
        Idempotent = false, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(TriggerResult))]
    [Description("MUTATES LIVE STATE. Starts a new run of a workflow, by name, with a JSON object as input, optional " +
                 "metadata and priority; every call starts another run. Answers the new run id and its status. Use it to " +
                 "re-run work with corrected input or to test a fix; to retry existing runs as they were, use replay_runs. " +
                 "Next: get_run with the new id to follow it.")]
    public async Task<CallToolResult> TriggerWorkflow(
        [Description("Workflow name exactly as list_workflows shows it (or the workflow id).")] string workflow,
        [Description("Run input: a JSON object, e.g. {\"orderId\": \"A-1009\"}, or a string containing one. Use {} for no input.")] JsonElement? input,
        [Description("Optional run metadata: a JSON object of string values, e.g. {\"customer\": \"acme\"}; list_runs can filter on it.")] JsonElement? metadata = null,
        [Description("Optional priority: 1 (low), 2 or 3 (high). Default: the workflow's own.")] int? priority = null,
        [Description(TokenDescription)] string? confirmation_token = null,
        McpServer? server = null,
        CancellationToken cancellationToken = default)
    {
        var workflowText = ToolArguments.Text(workflow, "workflow", 300)
                           ?? throw new McpException("workflow is required: a workflow name as list_workflows shows it.");
        var body = ToolArguments.JsonObject(input, "input", required: true)!.Value;
        var meta = MetadataObject(metadata);
        int? prio = priority is null ? null : ToolArguments.Bounded(priority, "priority", 1, 3, 1);

        return await ToolErrors.Guard(async () =>
        {
            var name = await WorkflowNameAsync(workflowText, cancellationToken).ConfigureAwait(false);
            var proposal = TriggerProposal(name, body, meta, prio, output.SecretKeys);
            var decision = await ConfirmAsync(proposal, confirmation_token, server, cancellationToken).ConfigureAwait(false);
            if (!decision.Approved)
            {
                return TriggerNotSent(proposal, decision, name, meta, prio);
            }

            try
            {
                var answer = await SendTriggerAsync(name, body, meta, prio, decision, cancellationToken).ConfigureAwait(false);
                var started = answer.StructuredContent!.Value.Deserialize(ToolsJsonContext.Default.TriggerResult)!;
                Audit(proposal, decision, [name], [new AuditOutcome(name, $"{started.Outcome}: run {started.RunId}")]);
                return answer;
            }
            catch (McpException e)
            {
                // The answer's own words say whether Hatchet refused (nothing created) or the outcome is open.
                var outcome = e.Message.Contains("Not created:", StringComparison.Ordinal) ? "not_created" : "unknown";
                Audit(proposal, decision, [name], [new AuditOutcome(name, outcome)], e.Message);
                throw;
            }
        }).ConfigureAwait(false);
    }

    private async Task<CallToolResult> SendTriggerAsync(string name, JsonElement body, IReadOnlyDictionary<string, string> meta, int? prio, ConfirmationDecision decision, CancellationToken cancellationToken)
    {
        var triggerId = TriggerRequest.NewTriggerId();
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
            return TriggerAnswer(new TriggerResult
            {
                RunId = runId, WorkflowName = name, Status = status, Priority = prio, Metadata = sentMeta, TriggerId = triggerId, Outcome = "started",
                Confirmation = Confirmed(decision),
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
            return TriggerAnswer(new TriggerResult
            {
                RunId = foundId, WorkflowName = name, Status = string.IsNullOrWhiteSpace(row.Status) ? "PENDING" : row.Status,
                Priority = prio, Metadata = sentMeta, TriggerId = triggerId, Outcome = "found_after_failure",
                Confirmation = Confirmed(decision),
            }, $"Created: run {foundId} of workflow {name}. Hatchet's answer to the trigger failed ({Sentence(what)}), but the run was found by its trigger id, so do not trigger again");
        }

        if (failure is { CertainlyNotApplied: true })
        {
            throw new McpException($"{what} Not created: the trigger of {name} was refused and no run carries its trigger id {triggerId}.", failure);
        }

        var check = $"list_runs metadata=[\"{TriggerRequest.TriggerIdKey}={triggerId}\"] since={TimeText.Iso(since.AddTicks(-(since.Ticks % TimeSpan.TicksPerSecond)))}";
        throw lookupFailure is null
            ? new McpException($"{what} Not found yet: no run of {name} carries trigger id {triggerId} so far, but the request may still be in flight at Hatchet and create the run later. Before retrying, check: {check}; trigger again only if it lists no run.", failure)
            : new McpException($"{what} Outcome unknown: the run may or may not have been created, and looking it up by its trigger id {triggerId} failed too ({Sentence(lookupFailure.Message)}). Before retrying, check: {check}; trigger again only if it lists no run.", failure);
    }

    /// <summary>How far before the trigger the lookup starts: room for clock skew between this host and Hatchet.</summary>
    private static readonly TimeSpan LookupMargin = TimeSpan.FromMinutes(5);

    private CallToolResult TriggerAnswer(TriggerResult result, string opening)
    {
        // The caller's metadata is echoed, so a secret it carried is redacted like any other metadata shown.
        result = result with
        {
            Url = links.Run(result.RunId!.Value), Metadata = output.SecretKeys.Redact(result.Metadata),
            Undo = $"cancel_runs run_ids=[\"{result.RunId}\"]",
        };
        var userMeta = result.Metadata.Where(kv => kv.Key != TriggerRequest.TriggerIdKey).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var text = opening +
                   (result.Priority is { } p ? $" (priority {p})" : string.Empty) + $": status {result.Status}." +
                   (userMeta.Count > 0 ? "\nMetadata: " + RunText.MetadataLine(userMeta) : string.Empty) +
                   $"\nTrigger id: {result.TriggerId} (added as metadata {TriggerRequest.TriggerIdKey}, so the run can be found if an answer is lost)." +
                   (DashboardLinks.Line(result.Url) is { } dashboard ? "\n" + dashboard : string.Empty) +
                   $"\nNext: get_run run_id={result.RunId} to follow it; get_run_logs run_id={result.RunId} for its log lines." +
                   $"\nUndo (a mistaken trigger): {result.Undo} stops it; work it already did is not undone." +
                   ConfirmationLine(result.Confirmation);
        return ToolResult.Create(text, result, ToolsJsonContext.Default.TriggerResult);
    }

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

    private static string Sentence(string message) => message.TrimEnd().TrimEnd('.');

    [McpServerTool(Name = "cancel_runs", Title = "Cancel runs", ReadOnly = false, Destructive = true,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(BulkActionResult))]
    [Description("MUTATES LIVE STATE. Cancels runs or tasks by id (1 to 100). Each id is looked up first and only the " +
                 "ones that exist and are still QUEUED or RUNNING are sent to Hatchet; the answer says per id what happened: " +
                 "cancel requested, already finished (with its status), unknown (no such run or task), or not accessible. " +
                 "Hatchet cancels asynchronously: confirm with get_run. Use it to stop stuck or runaway runs.")]
    public async Task<CallToolResult> CancelRuns(
        [Description("Run ids or task ids to cancel (UUIDs from list_runs or get_run), 1 to 100.")] string[] run_ids,
        [Description(TokenDescription)] string? confirmation_token = null,
        McpServer? server = null,
        CancellationToken cancellationToken = default)
    {
        var ids = ToolArguments.UuidList(run_ids, "run_ids");
        var found = await LookupAllAsync(ids, cancellationToken).ConfigureAwait(false);

        var outcomes = new Dictionary<Guid, IdOutcome>();
        var toSend = SelectEligible(found, outcomes, f => V1TaskStatuses.IsFinal(f.Status)
            ? Outcome(f, "already_finished", $"already finished ({f.Status}); not cancelled")
            : null);

        var proposal = BulkProposal("cancel_runs", ids, found, toSend, outcomes,
            "Hatchet stops them asynchronously: queued work never starts, running tasks are cancelled and not retried.",
            "replay_runs with the same ids re-runs them as a new attempt, from the start (work already done is not restored).");
        var decision = toSend.Count == 0 && string.IsNullOrWhiteSpace(confirmation_token) ? NothingToConfirm : await ConfirmAsync(proposal, confirmation_token, server, cancellationToken).ConfigureAwait(false);
        if (!decision.Approved)
        {
            return BulkNotSent("cancel", ids, found, toSend, outcomes, proposal, decision);
        }

        if (toSend.Count > 0)
        {
            try
            {
                await client.CancelAsync(toSend, cancellationToken).ConfigureAwait(false);
            }
            catch (HatchetApiException e)
            {
                var failure = WriteFailure(e, "cancel", toSend.Count, "cancelled");
                Audit(proposal, decision, toSend.Select(id => id.ToString()), [.. toSend.Select(id => new AuditOutcome(id.ToString(), "failed_or_unknown"))], failure);
                throw new McpException(failure, e);
            }

            foreach (var f in found.Where(f => toSend.Contains(f.Id)))
            {
                outcomes[f.Id] = Outcome(f, "cancel_requested", $"cancel requested (was {f.Status}); Hatchet cancels asynchronously, confirm with get_run");
            }
        }

        return Answer("cancel", ids, toSend, outcomes, proposal, decision,
            toSend.Count == 0 ? null : $"replay_runs run_ids={IdArray(toSend)} re-runs them as a new attempt (work already done is not restored)");
    }

    [McpServerTool(Name = "replay_runs", Title = "Replay runs", ReadOnly = false, Destructive = true,
        Idempotent = false, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(BulkActionResult))]
    [Description("MUTATES LIVE STATE. Replays finished runs or tasks by id (1 to 100): Hatchet resets their tasks in place " +
                 "(same ids, attempt + 1) and queues them again, replacing the previous result. Each id is looked up first; " +
                 "only existing runs that have finished (FAILED, CANCELLED or COMPLETED) are sent. The answer says per id what " +
                 "happened: queued for replay, still active (not replayed), unknown, or not accessible. Use it after fixing " +
                 "the cause of failures. Next: get_run to follow the replayed runs.")]
    public async Task<CallToolResult> ReplayRuns(
        [Description("Run ids or task ids to replay (UUIDs from list_runs or get_run), 1 to 100.")] string[] run_ids,
        [Description(TokenDescription)] string? confirmation_token = null,
        McpServer? server = null,
        CancellationToken cancellationToken = default)
    {
        var ids = ToolArguments.UuidList(run_ids, "run_ids");
        var found = await LookupAllAsync(ids, cancellationToken).ConfigureAwait(false);

        var outcomes = new Dictionary<Guid, IdOutcome>();
        // Hatchet discards replays of running tasks (and skips a whole DAG with one running), so do not pretend.
        var toSend = SelectEligible(found, outcomes, f => V1TaskStatuses.IsFinal(f.Status)
            ? null
            : Outcome(f, "skipped_active", $"still {f.Status}; not replayed (wait for it to finish, or cancel_runs first)"));

        var proposal = BulkProposal("replay_runs", ids, found, toSend, outcomes,
            "Hatchet resets their tasks in place (same ids, attempt + 1) and queues them again; the previous result and output are replaced.",
            "cancel_runs with the same ids stops the replay; the replaced result cannot be restored.");
        var decision = toSend.Count == 0 && string.IsNullOrWhiteSpace(confirmation_token) ? NothingToConfirm : await ConfirmAsync(proposal, confirmation_token, server, cancellationToken).ConfigureAwait(false);
        if (!decision.Approved)
        {
            return BulkNotSent("replay", ids, found, toSend, outcomes, proposal, decision);
        }

        if (toSend.Count > 0)
        {
            V1TaskIdsResponse response;
            try
            {
                response = await client.ReplayAsync(toSend, cancellationToken).ConfigureAwait(false);
            }
            catch (HatchetApiException e)
            {
                var failure = WriteFailure(e, "replay", toSend.Count, "replayed");
                Audit(proposal, decision, toSend.Select(id => id.ToString()), [.. toSend.Select(id => new AuditOutcome(id.ToString(), "failed_or_unknown"))], failure);
                throw new McpException(failure, e);
            }

            var queued = new HashSet<Guid>(response.Ids ?? []);
            foreach (var f in found.Where(f => toSend.Contains(f.Id)))
            {
                var queuedTasks = f.TaskIds.Count(queued.Contains);
                outcomes[f.Id] = queuedTasks > 0 || queued.Contains(f.Id)
                    ? Outcome(f, "queued_for_replay", $"queued for replay (was {f.Status}; {CountText.Of(Math.Max(queuedTasks, 1), "task")}); follow with get_run")
                    : Outcome(f, "not_replayed", $"Hatchet did not queue it for replay (was {f.Status}); see get_run");
            }
        }

        return Answer("replay", ids, toSend, outcomes, proposal, decision,
            toSend.Count == 0 ? null : $"cancel_runs run_ids={IdArray(toSend)} stops the replayed runs (their previous result is already replaced and cannot be restored)");
    }

    /// <summary>
    /// Says whether a failed write may still have happened (see <see cref="HatchetApiException.CertainlyNotApplied"/>).
    /// Saying "nothing happened" when it may have could make an agent act twice. A success status with a body that
    /// cannot be read is no proof of acceptance either: the outcome is unknown.
    /// </summary>
    private static string WriteFailure(HatchetApiException e, string action, int count, string done)
    {
        if (e.CertainlyNotApplied)
        {
            return $"{e.Message} The {action} request for {CountText.Of(count, "id")} was refused, so nothing was {done}.";
        }

        return e.Kind == HatchetErrorKind.InvalidResponse
            ? $"{e.Message} Outcome unknown: Hatchet answered the {action} request for {CountText.Of(count, "id")} with a success status but a body that could not be read, so they may or may not have been {done}: check with get_run before retrying."
            : $"{e.Message} The {action} request for {CountText.Of(count, "id")} may or may not have reached Hatchet, so some may have been {done}: check with get_run before retrying.";
    }

    private CallToolResult Answer(string action, IReadOnlyList<Guid> ids, IReadOnlyList<Guid> sent, IReadOnlyDictionary<Guid, IdOutcome> outcomes,
        WriteProposal proposal, ConfirmationDecision decision, string? undo)
    {
        // Only an id Hatchet knew as a run or task gets a link: the others have no page to open.
        var results = ids.Select(id => outcomes[id] is { Kind: not null } known ? known with { Url = links.Run(id) } : outcomes[id]).ToList();
        Audit(proposal, decision, sent.Select(id => id.ToString()), [.. results.Select(r => new AuditOutcome(r.Id.ToString(), r.Outcome))]);
        var result = new BulkActionResult { Action = action, Sent = sent, Results = results, Confirmation = Confirmed(decision), Undo = undo };
        var verb = action == "cancel" ? "Cancel" : "Replay";
        var header = new List<string>
        {
            $"{verb}: {sent.Count} of {CountText.Of(ids.Count, "id")} sent to Hatchet" +
            (sent.Count == 0 ? "; nothing was changed." : "; " + string.Join(", ", results.GroupBy(r => r.Outcome).Select(g => $"{g.Count()} {g.Key.Replace('_', ' ')}")) + "."),
        };
        if (undo is not null)
        {
            header.Add($"Undo (a mistake): {undo}.");
        }

        if (ConfirmationLine(result.Confirmation) is { Length: > 0 } confirmed)
        {
            header.Add(confirmed.TrimStart('\n'));
        }

        if (results.Any(r => r.Url is not null) && links.RunsLine is { } dashboard)
        {
            header.Add(dashboard);
        }

        var text = TextBudget.Fit(header, Rows(results), output.MaxTextBytes, KeepEnd.First, "ids", "Send fewer ids per call.").Text;
        return ToolResult.Create(text, result, ToolsJsonContext.Default.BulkActionResult);
    }

    private static List<string> Rows(IEnumerable<IdOutcome> results) =>
        [.. results.Select(r => $"{r.Id} | {r.Detail}" + (r.WorkflowName is { } w ? $" | {r.Kind} of {w}" : string.Empty))];

    private static readonly ConfirmationDecision NothingToConfirm = new() { Path = ConfirmationResults.NonePath, Result = ConfirmationResults.NotNeeded };

    private async Task<ConfirmationDecision> ConfirmAsync(WriteProposal proposal, string? token, McpServer? server, CancellationToken cancellationToken)
    {
        var token1 = ToolArguments.Text(token, "confirmation_token", 400);
        return await confirmation.ConfirmAsync(proposal, token1,
            server ?? throw new McpException("this call carries no MCP server context, so the write cannot be confirmed; nothing was sent."),
            cancellationToken).ConfigureAwait(false);
    }

    private void Audit(WriteProposal proposal, ConfirmationDecision decision, IEnumerable<string> sent, IReadOnlyList<AuditOutcome> outcomes, string? error = null) =>
        audit.Record(new AuditEntry
        {
            Time = time.GetUtcNow(),
            Tool = proposal.Tool,
            Targets = proposal.Targets,
            Confirmation = decision.Path,
            ConfirmationResult = decision.Result,
            Sent = [.. sent],
            Outcomes = outcomes,
            Error = error ?? decision.Reason,
        });

    private static WriteConfirmationResult Confirmed(ConfirmationDecision decision) => new()
    {
        Path = decision.Path, Result = decision.Result, Token = decision.Token, ExpiresAt = decision.ExpiresAt,
    };

    private static string ConfirmationLine(WriteConfirmationResult confirmation) => confirmation.Result switch
    {
        ConfirmationResults.Approved => $"\nConfirmed by {(confirmation.Path == ConfirmationResults.ElicitationPath ? "the user (asked by the client)" : "the preview's confirmation token")}.",
        ConfirmationResults.Skipped => "\nNot confirmed: confirmation is off on this server (unattended mode).",
        _ => string.Empty,
    };

    private static string IdArray(IEnumerable<Guid> ids) => "[" + string.Join(",", ids.Select(id => $"\"{id}\"")) + "]";

    /// <summary>The proposal of a cancel or replay: the ids named, those that would be sent, and the summary a human approves.</summary>
    private static WriteProposal BulkProposal(string tool, IReadOnlyList<Guid> ids, IReadOnlyList<Lookup> found, IReadOnlyList<Guid> toSend,
        IReadOnlyDictionary<Guid, IdOutcome> skipped, string whatHappens, string undo)
    {
        var verb = tool == "cancel_runs" ? "Cancel" : "Replay";
        var sending = found.Where(f => toSend.Contains(f.Id)).ToList();
        var lines = new List<string>
        {
            $"{verb} {(sending.Count == 1 ? "1 run or task" : $"{sending.Count} runs or tasks")} of {CountText.Of(ids.Count, "id")} named in Hatchet.",
            "By workflow and status: " + string.Join("; ", sending.GroupBy(f => (f.WorkflowName ?? "(workflow not named)", f.Status ?? "?"))
                .OrderByDescending(g => g.Count()).Select(g => $"{g.Key.Item1} {g.Key.Item2} ×{g.Count()}")) + ".",
        };
        lines.AddRange(sending.Take(SummaryRows).Select(f => $"- {f.Id}: {f.Kind} of {f.WorkflowName ?? "(workflow not named)"}, {f.Status}"));
        if (sending.Count > SummaryRows)
        {
            lines.Add($"- and {CountText.Of(sending.Count - SummaryRows, "more id")} (listed in the answer).");
        }

        if (skipped.Count > 0)
        {
            lines.Add($"Not sent ({skipped.Count}): " + string.Join("; ", skipped.Values.GroupBy(o => o.Outcome).Select(g => $"{g.Count()} {g.Key.Replace('_', ' ')}")) + ".");
        }

        lines.Add("What happens: " + whatHappens);
        lines.Add("Undo: " + undo);
        return new WriteProposal
        {
            Tool = tool,
            Targets = [.. ids.Select(id => id.ToString())],
            Input = "{}",
            Actionable = [.. toSend.Select(id => id.ToString())],
            Summary = string.Join("\n", lines),
        };
    }

    /// <summary>A cancel or replay that sent nothing: a preview with its token, or why the user's answer stopped it.</summary>
    private CallToolResult BulkNotSent(string action, IReadOnlyList<Guid> ids, IReadOnlyList<Lookup> found, IReadOnlyList<Guid> toSend,
        Dictionary<Guid, IdOutcome> outcomes, WriteProposal proposal, ConfirmationDecision decision)
    {
        if (decision.Result == ConfirmationResults.Refused)
        {
            Audit(proposal, decision, [], []);
            throw new McpException(decision.Reason!);
        }

        var preview = decision.Result == ConfirmationResults.Preview;
        foreach (var f in found.Where(f => toSend.Contains(f.Id)))
        {
            outcomes[f.Id] = preview
                ? Outcome(f, action == "cancel" ? "would_cancel" : "would_replay", $"would be {(action == "cancel" ? "cancelled" : "replayed")} (now {f.Status})")
                : Outcome(f, "not_confirmed", $"not {(action == "cancel" ? "cancelled" : "replayed")}: {decision.Result.Replace('_', ' ')} (still {f.Status})");
        }

        var results = ids.Select(id => outcomes[id] is { Kind: not null } known ? known with { Url = links.Run(id) } : outcomes[id]).ToList();
        Audit(proposal, decision, [], [.. results.Select(r => new AuditOutcome(r.Id.ToString(), r.Outcome))]);
        var result = new BulkActionResult { Action = action, Sent = [], Results = results, Confirmation = Confirmed(decision) };
        var header = NotSentHeader(proposal, decision);
        if (results.Any(r => r.Url is not null) && links.RunsLine is { } dashboard)
        {
            header.Add(dashboard);
        }

        var text = TextBudget.Fit(header, Rows(results), output.MaxTextBytes, KeepEnd.First, "ids", "Send fewer ids per call.").Text;
        return ToolResult.Create(text, result, ToolsJsonContext.Default.BulkActionResult);
    }

    private static List<string> NotSentHeader(WriteProposal proposal, ConfirmationDecision decision) =>
        decision.Result == ConfirmationResults.Preview
            ?
            [
                $"Preview: nothing was sent. {proposal.Tool} needs the user's approval of this:",
                proposal.Summary,
                $"Show this to the user. Only if they approve, call {proposal.Tool} again with the same arguments and confirmation_token=\"{decision.Token}\" " +
                $"(single use, expires {TimeText.Iso(decision.ExpiresAt!.Value)}): it acts on exactly the ids marked 'would', or on nothing if that set changed.",
            ]
            : [decision.Reason ?? "Not sent.", proposal.Summary];

    /// <summary>The proposal of a trigger: the workflow, and the exact input, metadata and priority.</summary>
    private static WriteProposal TriggerProposal(string name, JsonElement body, IReadOnlyDictionary<string, string> meta, int? prio, SecretKeys secrets)
    {
        var input = Canonical(body);
        // The summary is shown (to the user and the agent): secret-looking values are redacted there, never in what is bound.
        var shownInput = Canonical(secrets.Redact(body));
        var metaText = meta.Count == 0 ? "none" : RunText.MetadataLine(secrets.Redact(meta));
        var fingerprint = $"input={input}\nmetadata={string.Join("\n", meta.Select(kv => kv.Key + "=" + kv.Value))}\npriority={prio?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}";
        return new WriteProposal
        {
            Tool = "trigger_workflow",
            Targets = [name],
            Input = fingerprint,
            Actionable = [name],
            Summary = $"Start one new run of workflow {name} in Hatchet" + (prio is { } p ? $" at priority {p}" : string.Empty) + ".\n" +
                      $"Input: {ValueSummary.Clip(shownInput, 600)}\nMetadata: {metaText}\n" +
                      "What happens: the run is queued and workers run it; every approved call starts another run.\n" +
                      "Undo: cancel_runs with the new run id stops it (work it already did is not undone).",
        };
    }

    private CallToolResult TriggerNotSent(WriteProposal proposal, ConfirmationDecision decision, string name, IReadOnlyDictionary<string, string> meta, int? prio)
    {
        Audit(proposal, decision, [], decision.Result == ConfirmationResults.Refused ? [] : [new AuditOutcome(name, decision.Result == ConfirmationResults.Preview ? "awaiting_confirmation" : "not_confirmed")]);
        if (decision.Result == ConfirmationResults.Refused)
        {
            throw new McpException(decision.Reason!);
        }

        var result = new TriggerResult
        {
            WorkflowName = name, Priority = prio, Metadata = output.SecretKeys.Redact(meta), Confirmation = Confirmed(decision),
            Outcome = decision.Result == ConfirmationResults.Preview ? "awaiting_confirmation" : "not_confirmed",
        };
        return ToolResult.Create(string.Join("\n", NotSentHeader(proposal, decision)), result, ToolsJsonContext.Default.TriggerResult);
    }

    private static string Canonical(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The ids to send: those found and not refused. Every other id gets its answer in <paramref name="outcomes"/> now
    /// (why the lookup failed, or why <paramref name="refuse"/> turned it away).
    /// </summary>
    private static List<Guid> SelectEligible(IReadOnlyList<Lookup> found, Dictionary<Guid, IdOutcome> outcomes, Func<Lookup, IdOutcome?> refuse)
    {
        var toSend = new List<Guid>();
        foreach (var f in found)
        {
            if ((f.Failure ?? refuse(f)) is { } answered)
            {
                outcomes[f.Id] = answered;
            }
            else
            {
                toSend.Add(f.Id);
            }
        }

        return toSend;
    }

    private static IdOutcome Outcome(Lookup f, string outcome, string detail) => new()
    {
        Id = f.Id,
        Outcome = outcome,
        StatusBefore = f.Status,
        Kind = f.Kind,
        WorkflowName = f.WorkflowName,
        Detail = detail,
    };

    /// <summary>What a lookup found for one id: its status and tasks, or why it could not be used.</summary>
    private sealed record Lookup(Guid Id, string? Status, string? Kind, string? WorkflowName, IReadOnlyList<Guid> TaskIds, IdOutcome? Failure, HatchetApiException? Error)
    {
        public HatchetErrorKind? ErrorKind => Error?.Kind;
    }

    private async Task<IReadOnlyList<Lookup>> LookupAllAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(LookupConcurrency);
        var found = await Task.WhenAll(ids.Select(async id =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await LookupAsync(id, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);

        // When Hatchet could not be asked at all (down, timing out, unreachable), per-id answers would only repeat that.
        var failures = found.Where(f => f.ErrorKind is not null and not HatchetErrorKind.NotFound and not HatchetErrorKind.Forbidden).ToList();
        if (failures.Count == found.Length)
        {
            throw new McpException($"Could not look up {CountText.Of(found.Length, "id")}: {Sentence(found[0].Error!.Message)}. Nothing was sent to Hatchet.");
        }

        return found;
    }

    private async Task<Lookup> LookupAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var lookup = await client.GetRunAsync(id, cancellationToken).ConfigureAwait(false);
            if (lookup.Kind == RunLookupKind.Task && lookup.Task is { } task)
            {
                return new Lookup(id, task.Status, "task", Blank(task.WorkflowName), [task.TaskExternalId ?? id], null, null);
            }

            var details = lookup.Run ?? new V1WorkflowRunDetails();
            var tasks = (details.Tasks ?? []).Select(t => t.TaskExternalId ?? t.Metadata?.Id).OfType<Guid>().ToList();
            var workflowName = (details.Tasks ?? []).Select(t => Blank(t.WorkflowName)).FirstOrDefault(n => n is not null);
            return new Lookup(id, details.Run?.Status, "run", workflowName, tasks, null, null);
        }
        catch (HatchetApiException e)
        {
            var (outcome, detail) = e.Kind switch
            {
                HatchetErrorKind.NotFound => ("unknown", "unknown: no run or task with this id; nothing sent"),
                HatchetErrorKind.Forbidden => ("not_accessible", "not accessible: another tenant's run, or the token is invalid (whoami checks it); nothing sent"),
                _ => ("lookup_failed", $"could not look it up: {e.Message}; nothing sent"),
            };
            return new Lookup(id, null, null, null, [], new IdOutcome { Id = id, Outcome = outcome, Detail = detail }, e);
        }
    }

    private async Task<string> WorkflowNameAsync(string workflowText, CancellationToken cancellationToken)
    {
        var resolved = await new WorkflowResolver(client, workflows).ResolveAsync(workflowText, "workflow", cancellationToken).ConfigureAwait(false);
        if (resolved.Name is { } name)
        {
            return name;
        }

        return (await client.GetWorkflowAsync(resolved.Id, cancellationToken).ConfigureAwait(false)).Name
               ?? throw new McpException($"workflow {resolved.Id} has no name in Hatchet; trigger it by name as list_workflows shows it.");
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

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
