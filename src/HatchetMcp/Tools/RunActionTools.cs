using System.ComponentModel;
using System.Text.Json;
using HatchetMcp.Hatchet;
using HatchetMcp.Arguments;
using HatchetMcp.Findings;
using HatchetMcp.Safety;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>
/// cancel_runs and replay_runs: bulk actions on existing runs, named by id (each looked up first) or by a filter
/// (resolved to run ids at the preview, and those pinned ids are what the execution acts on); answered per id.
/// </summary>
[McpServerToolType]
public sealed class RunActionTools(IHatchetClient client, ToolOutputOptions output, DashboardLinks links, WriteSteps steps,
    TimeProvider time, WorkflowCatalog workflows, FetchGate gate, PinnedSelections pins, BulkCap cap)
{

    private const int LookupConcurrency = 8;
    private const int SummaryRows = 20;

    private static readonly BulkKind Cancel = new("cancel_runs", "cancel", "Cancel",
        [V1TaskStatuses.Queued, V1TaskStatuses.Running], [V1TaskStatuses.Queued, V1TaskStatuses.Running],
        "Hatchet stops them asynchronously: queued work never starts, running tasks are cancelled and not retried.",
        "replay_runs with the same ids re-runs them as a new attempt, from the start (work already done is not restored).");

    private static readonly BulkKind Replay = new("replay_runs", "replay", "Replay",
        [V1TaskStatuses.Failed, V1TaskStatuses.Cancelled, V1TaskStatuses.Completed], [V1TaskStatuses.Cancelled, V1TaskStatuses.Failed],
        "Hatchet resets their tasks in place (same ids, attempt + 1) and queues them again; the previous result and output are replaced.",
        "cancel_runs with the same ids stops the replay; the replaced result cannot be restored.");

    [McpServerTool(Name = "cancel_runs", Title = "Cancel runs", ReadOnly = false, Destructive = true,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(BulkActionResult))]
    [Description("MUTATES LIVE STATE. Cancels runs or tasks by id (1 to 100) or by filter (matches pinned at the " +
                 "preview, capped). Only ids that exist and are QUEUED or RUNNING are sent; the answer says per id what " +
                 "happened: cancel requested, already finished (with its status), unknown, or not accessible. Hatchet " +
                 "cancels asynchronously: confirm with get_run. Use it to stop stuck or runaway runs.")]
    public async Task<CallToolResult> CancelRuns(
        [Description("Run or task ids (UUIDs from list_runs or get_run), 1 to 100.")] string[]? run_ids = null,
        [Description(RunFilter.WorkflowDescription)] string? workflow = null,
        [Description(RunFilter.StatusesDescription + " QUEUED, RUNNING (default both).")] string[]? statuses = null,
        [Description(RunFilter.SinceDescription)] string? since = null,
        [Description(RunFilter.UntilDescription)] string? until = null,
        [Description(RunFilter.MetadataDescription)] string[]? metadata = null,
        [Description(WriteSteps.TokenDescription)] string? confirmation_token = null,
        McpServer? server = null,
        CancellationToken cancellationToken = default)
    {
        if (RunFilter.Read(Cancel.Tool, run_ids, workflow, statuses, since, until, metadata, Cancel.Statuses, Cancel.DefaultStatuses, time.GetUtcNow()) is { } filter)
        {
            return await ByFilterAsync(Cancel, filter, confirmation_token, server, cancellationToken).ConfigureAwait(false);
        }

        var ids = ToolArguments.UuidList(run_ids, "run_ids");
        var found = await LookupAllAsync(ids, cancellationToken).ConfigureAwait(false);

        var outcomes = new Dictionary<Guid, IdOutcome>();
        var toSend = SelectEligible(found, outcomes, f => V1TaskStatuses.IsFinal(f.Status)
            ? Outcome(f, "already_finished", $"already finished ({f.Status}); not cancelled")
            : null);

        var proposal = BulkProposal(Cancel, ids, found, toSend, outcomes);
        return await ConfirmAndSendAsync(Cancel, ids, found, toSend, outcomes, proposal, confirmation_token, server, null, cancellationToken).ConfigureAwait(false);
    }

    [McpServerTool(Name = "replay_runs", Title = "Replay runs", ReadOnly = false, Destructive = true,
        Idempotent = false, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(BulkActionResult))]
    [Description("MUTATES LIVE STATE. Replays finished runs or tasks by id (1 to 100) or by filter (matches pinned " +
                 "at the preview, capped): Hatchet resets their tasks in place (same ids, attempt + 1) and queues them " +
                 "again, replacing the previous result. Only ids that exist and are FAILED, CANCELLED or COMPLETED are " +
                 "sent; the answer says per id what happened: queued for replay, still active, unknown, or not accessible. " +
                 "Use it after fixing the cause of failures; follow with get_run.")]
    public async Task<CallToolResult> ReplayRuns(
        [Description("Run or task ids (UUIDs from list_runs or get_run), 1 to 100.")] string[]? run_ids = null,
        [Description(RunFilter.WorkflowDescription)] string? workflow = null,
        [Description(RunFilter.StatusesDescription + " FAILED, CANCELLED, COMPLETED (default the first two).")] string[]? statuses = null,
        [Description(RunFilter.SinceDescription)] string? since = null,
        [Description(RunFilter.UntilDescription)] string? until = null,
        [Description(RunFilter.MetadataDescription)] string[]? metadata = null,
        [Description(WriteSteps.TokenDescription)] string? confirmation_token = null,
        McpServer? server = null,
        CancellationToken cancellationToken = default)
    {
        if (RunFilter.Read(Replay.Tool, run_ids, workflow, statuses, since, until, metadata, Replay.Statuses, Replay.DefaultStatuses, time.GetUtcNow()) is { } filter)
        {
            return await ByFilterAsync(Replay, filter, confirmation_token, server, cancellationToken).ConfigureAwait(false);
        }

        var ids = ToolArguments.UuidList(run_ids, "run_ids");
        var found = await LookupAllAsync(ids, cancellationToken).ConfigureAwait(false);

        var outcomes = new Dictionary<Guid, IdOutcome>();
        // Hatchet discards replays of running tasks (and skips a whole DAG with one running), so do not pretend.
        var toSend = SelectEligible(found, outcomes, f => V1TaskStatuses.IsFinal(f.Status)
            ? null
            : Outcome(f, "skipped_active", $"still {f.Status}; not replayed (wait for it to finish, or cancel_runs first)"));

        var proposal = BulkProposal(Replay, ids, found, toSend, outcomes);
        return await ConfirmAndSendAsync(Replay, ids, found, toSend, outcomes, proposal, confirmation_token, server, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A cancel or replay by filter. Without a token the filter is resolved to run ids (GETs only) and those are
    /// confirmed: asked of the human and acted on in this call, or previewed and pinned beside the token. With a token
    /// the pinned ids are acted on; the filter is only checked against the one previewed, never resolved again.
    /// </summary>
    private async Task<CallToolResult> ByFilterAsync(BulkKind kind, RunFilter filter, string? confirmationToken, McpServer? server, CancellationToken cancellationToken)
    {
        var token = ToolArguments.Text(confirmationToken, "confirmation_token", 400);
        IReadOnlyList<PinnedRun> runs;
        if (token is not null)
        {
            runs = pins.Find(token, kind.Tool) ?? RefuseUnpinned(kind, filter);
        }
        else
        {
            runs = await ToolErrors.Guard(() => MatchAsync(kind, filter, cancellationToken)).ConfigureAwait(false);
        }

        var ids = runs.Select(r => r.Id).ToList();
        var found = runs.Select(r => new Lookup(r.Id, r.Status, "run", r.WorkflowName, r.TaskIds, null, null, Pinned: true)).ToList();
        var proposal = FilterProposal(kind, filter, found);
        if (ids.Count == 0)
        {
            steps.Audit(proposal, WriteSteps.NothingToConfirm, [], []);
            var none = new BulkActionResult { Action = kind.Action, Sent = [], Results = [], Confirmation = WriteSteps.Confirmed(WriteSteps.NothingToConfirm) };
            return ToolResult.Create($"No runs match the filter ({filter.Describe()}): nothing to {kind.Action}, nothing was sent. list_runs with the same filter shows what is there.",
                none, ToolsJsonContext.Default.BulkActionResult);
        }

        return await ConfirmAndSendAsync(kind, ids, found, [.. ids], [], proposal, token, server, decision =>
        {
            if (decision.Result == ConfirmationResults.Preview)
            {
                pins.Pin(decision.Token!, kind.Tool, runs, decision.ExpiresAt!.Value);
            }
            else if (decision.Approved && token is not null)
            {
                pins.Release(token);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private IReadOnlyList<PinnedRun> RefuseUnpinned(BulkKind kind, RunFilter filter)
    {
        // A filter's matched ids live only in the process that previewed it (see PinnedSelections): behind a load
        // balancer the second call often lands elsewhere, so that is said first, with both ways on.
        var reason = $"Refused: this server instance holds no filter preview of {kind.Tool} for that confirmation_token: the preview was made by another " +
                     "server instance (or it was already used, expired, or was a preview by run_ids). Nothing was sent. " +
                     $"Call {kind.Tool} again without confirmation_token for a fresh preview, or pass the previewed run_ids for a preview of exactly those.";
        steps.Audit(new WriteProposal { Tool = kind.Tool, Targets = [], Input = filter.Canonical, Actionable = [], Summary = string.Empty },
            new ConfirmationDecision { Path = ConfirmationResults.TokenPath, Result = ConfirmationResults.Refused, Reason = reason }, [], []);
        throw new McpException(reason);
    }

    /// <summary>The runs the filter matches now (GETs only); above the cap a tool error that says how to narrow.</summary>
    private async Task<IReadOnlyList<PinnedRun>> MatchAsync(BulkKind kind, RunFilter filter, CancellationToken cancellationToken)
    {
        var resolved = filter.Workflow is null ? null : await new WorkflowResolver(client, workflows).ResolveAsync(filter.Workflow, "workflow", cancellationToken).ConfigureAwait(false);
        var query = new RunListQuery
        {
            Since = filter.Window.Since,
            Until = filter.Window.Until,
            Statuses = filter.Statuses,
            WorkflowIds = resolved is null ? null : [resolved.Id],
            AdditionalMetadata = [.. filter.Metadata.Select(SplitPair)],
            AdditionalMetadataOperator = filter.Metadata.Count > 1 ? "AND" : null,
        };
        var matched = await new FilterMatches(client, gate).ReadAsync(query, cap.Runs, cancellationToken).ConfigureAwait(false);
        if (matched.OverCap is { } count)
        {
            var many = count.Exact is { } exact ? $"{exact} runs match" : $"more than {cap.Runs} runs match (at least {count.AtLeast})";
            var refusal = $"{many} the filter ({filter.Describe()}), above this server's cap of {cap.Runs} runs per {kind.Tool} call " +
                          $"({BulkCap.EnvironmentVariable}, at most {BulkCap.HardLimit}). Nothing was sent. Narrow it: a shorter window (since/until), " +
                          "fewer statuses, a workflow, or metadata key=value; list_runs with the same filter shows what matches.";
            steps.AuditRefusal(kind.Tool, [$"filter: {filter.Describe()}"], refusal);
            throw new McpException(refusal);
        }

        return [.. matched.Runs.Select(r =>
        {
            var id = FilterMatches.RunId(r)!.Value;
            var tasks = (r.Children ?? []).Select(c => c.TaskExternalId).OfType<Guid>().ToList();
            return new PinnedRun(id, r.Status, WriteSteps.Blank(r.WorkflowName), tasks.Count > 0 ? tasks : [id]);
        })];
    }

    private static KeyValuePair<string, string> SplitPair(string pair)
    {
        var at = pair.IndexOf(':', StringComparison.Ordinal);
        return new KeyValuePair<string, string>(pair[..at], pair[(at + 1)..]);
    }

    /// <summary>Confirms the proposal, then sends what it names (or answers why nothing was sent).</summary>
    private async Task<CallToolResult> ConfirmAndSendAsync(BulkKind kind, IReadOnlyList<Guid> ids, IReadOnlyList<Lookup> found, List<Guid> toSend,
        Dictionary<Guid, IdOutcome> outcomes, WriteProposal proposal, string? token, McpServer? server, Action<ConfirmationDecision>? decided,
        CancellationToken cancellationToken)
    {
        var decision = toSend.Count == 0 && string.IsNullOrWhiteSpace(token) ? WriteSteps.NothingToConfirm : await steps.ConfirmAsync(proposal, token, server, cancellationToken).ConfigureAwait(false);
        decided?.Invoke(decision);
        if (!decision.Approved)
        {
            return BulkNotSent(kind.Action, ids, found, toSend, outcomes, proposal, decision);
        }

        if (toSend.Count == 0)
        {
            return Answer(kind.Action, ids, toSend, outcomes, proposal, decision, null);
        }

        if (kind == Cancel)
        {
            await SendCancelAsync(found, toSend, outcomes, proposal, decision, cancellationToken).ConfigureAwait(false);
            return Answer("cancel", ids, toSend, outcomes, proposal, decision,
                $"replay_runs run_ids={WriteSteps.IdArray(toSend)} re-runs them as a new attempt (work already done is not restored)");
        }

        await SendReplayAsync(found, toSend, outcomes, proposal, decision, cancellationToken).ConfigureAwait(false);
        return Answer("replay", ids, toSend, outcomes, proposal, decision,
            $"cancel_runs run_ids={WriteSteps.IdArray(toSend)} stops the replayed runs (their previous result is already replaced and cannot be restored)");
    }

    private async Task SendCancelAsync(IReadOnlyList<Lookup> found, List<Guid> toSend, Dictionary<Guid, IdOutcome> outcomes,
        WriteProposal proposal, ConfirmationDecision decision, CancellationToken cancellationToken)
    {
        try
        {
            await client.CancelAsync(toSend, cancellationToken).ConfigureAwait(false);
        }
        catch (HatchetApiException e)
        {
            var failure = WriteSteps.WriteFailure(e, "cancel", toSend.Count, "cancelled");
            steps.Audit(proposal, decision, toSend.Select(id => id.ToString()), [.. toSend.Select(id => new AuditOutcome(id.ToString(), "failed_or_unknown"))], failure);
            throw new McpException(failure, e);
        }

        foreach (var f in found.Where(f => toSend.Contains(f.Id)))
        {
            outcomes[f.Id] = f.Pinned
                ? Outcome(f, "cancel_requested", $"cancel requested ({f.Status} at the preview); Hatchet cancels asynchronously and leaves a run that finished since as it is, confirm with get_run")
                : Outcome(f, "cancel_requested", $"cancel requested (was {f.Status}); Hatchet cancels asynchronously, confirm with get_run");
        }
    }

    private async Task SendReplayAsync(IReadOnlyList<Lookup> found, List<Guid> toSend, Dictionary<Guid, IdOutcome> outcomes,
        WriteProposal proposal, ConfirmationDecision decision, CancellationToken cancellationToken)
    {
        V1TaskIdsResponse response;
        try
        {
            response = await client.ReplayAsync(toSend, cancellationToken).ConfigureAwait(false);
        }
        catch (HatchetApiException e)
        {
            var failure = WriteSteps.WriteFailure(e, "replay", toSend.Count, "replayed");
            steps.Audit(proposal, decision, toSend.Select(id => id.ToString()), [.. toSend.Select(id => new AuditOutcome(id.ToString(), "failed_or_unknown"))], failure);
            throw new McpException(failure, e);
        }

        var queued = new HashSet<Guid>(response.Ids ?? []);
        foreach (var f in found.Where(f => toSend.Contains(f.Id)))
        {
            var queuedTasks = f.TaskIds.Count(queued.Contains);
            var was = f.Pinned ? $"{f.Status} at the preview" : $"was {f.Status}";
            outcomes[f.Id] = queuedTasks > 0 || queued.Contains(f.Id)
                ? Outcome(f, "queued_for_replay", $"queued for replay ({was}; {CountText.Of(Math.Max(queuedTasks, 1), "task")}); follow with get_run")
                : Outcome(f, "not_replayed", $"Hatchet did not queue it for replay ({was}; a run active by then is skipped); see get_run");
        }
    }

    /// <summary>The proposal of a cancel or replay by filter: the pinned runs, and the summary a human approves.</summary>
    private WriteProposal FilterProposal(BulkKind kind, RunFilter filter, IReadOnlyList<Lookup> runs)
    {
        var lines = new List<string>
        {
            $"{kind.Verb} the runs a filter matched. Filter: {filter.Describe()}. {CountText.Of(runs.Count, "run")} matched (this server's cap: {cap.Runs}).",
        };
        lines.AddRange(SendingLines(runs));
        lines.Add($"It acts on exactly these {CountText.Of(runs.Count, "id")}, even if more runs match the filter later: the filter is not resolved again.");
        lines.Add("What happens: " + kind.WhatHappens);
        lines.Add("Undo: " + kind.Undo);
        return new WriteProposal
        {
            Tool = kind.Tool,
            Targets = [.. runs.Select(r => r.Id.ToString())],
            Input = filter.Canonical,
            Actionable = [.. runs.Select(r => r.Id.ToString())],
            Summary = string.Join("\n", lines),
        };
    }

    /// <summary>By workflow and status, then the first runs: the part of a summary that says what would be sent.</summary>
    private static List<string> SendingLines(IReadOnlyList<Lookup> sending)
    {
        var lines = new List<string>
        {
            "By workflow and status: " + string.Join("; ", sending.GroupBy(f => (f.WorkflowName ?? "(workflow not named)", f.Status ?? "?"))
                .OrderByDescending(g => g.Count()).Select(g => $"{g.Key.Item1} {g.Key.Item2} ×{g.Count()}")) + ".",
        };
        lines.AddRange(sending.Take(SummaryRows).Select(f => $"- {f.Id}: {f.Kind} of {f.WorkflowName ?? "(workflow not named)"}, {f.Status}"));
        if (sending.Count > SummaryRows)
        {
            lines.Add($"- and {CountText.Of(sending.Count - SummaryRows, "more id")} (listed in the answer).");
        }

        return lines;
    }

    /// <summary>What differs between cancel and replay: names, the statuses each acts on, and what the human is told.</summary>
    private sealed record BulkKind(string Tool, string Action, string Verb, IReadOnlyList<string> Statuses, IReadOnlyList<string> DefaultStatuses,
        string WhatHappens, string Undo);

    private CallToolResult Answer(string action, IReadOnlyList<Guid> ids, IReadOnlyList<Guid> sent, IReadOnlyDictionary<Guid, IdOutcome> outcomes,
        WriteProposal proposal, ConfirmationDecision decision, string? undo)
    {
        // Only an id Hatchet knew as a run or task gets a link: the others have no page to open.
        var results = ids.Select(id => outcomes[id] is { Kind: not null } known ? known with { Url = links.Run(id) } : outcomes[id]).ToList();
        steps.Audit(proposal, decision, sent.Select(id => id.ToString()), [.. results.Select(r => new AuditOutcome(r.Id.ToString(), r.Outcome))]);
        var result = new BulkActionResult { Action = action, Sent = sent, Results = results, Confirmation = WriteSteps.Confirmed(decision), Undo = undo };
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

        if (WriteSteps.ConfirmationLine(result.Confirmation) is { Length: > 0 } confirmed)
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

    /// <summary>The proposal of a cancel or replay: the ids named, those that would be sent, and the summary a human approves.</summary>
    private static WriteProposal BulkProposal(BulkKind kind, IReadOnlyList<Guid> ids, IReadOnlyList<Lookup> found, IReadOnlyList<Guid> toSend,
        IReadOnlyDictionary<Guid, IdOutcome> skipped)
    {
        var sending = found.Where(f => toSend.Contains(f.Id)).ToList();
        var lines = new List<string>
        {
            $"{kind.Verb} {(sending.Count == 1 ? "1 run or task" : $"{sending.Count} runs or tasks")} of {CountText.Of(ids.Count, "id")} named in Hatchet.",
        };
        lines.AddRange(SendingLines(sending));
        if (skipped.Count > 0)
        {
            lines.Add($"Not sent ({skipped.Count}): " + string.Join("; ", skipped.Values.GroupBy(o => o.Outcome).Select(g => $"{g.Count()} {g.Key.Replace('_', ' ')}")) + ".");
        }

        lines.Add("What happens: " + kind.WhatHappens);
        lines.Add("Undo: " + kind.Undo);
        return new WriteProposal
        {
            Tool = kind.Tool,
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
            steps.Audit(proposal, decision, [], []);
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
        steps.Audit(proposal, decision, [], [.. results.Select(r => new AuditOutcome(r.Id.ToString(), r.Outcome))]);
        var result = new BulkActionResult { Action = action, Sent = [], Results = results, Confirmation = WriteSteps.Confirmed(decision) };
        var header = WriteSteps.NotSentHeader(proposal, decision);
        if (results.Any(r => r.Url is not null) && links.RunsLine is { } dashboard)
        {
            header.Add(dashboard);
        }

        var text = TextBudget.Fit(header, Rows(results), output.MaxTextBytes, KeepEnd.First, "ids", "Send fewer ids per call.").Text;
        return ToolResult.Create(text, result, ToolsJsonContext.Default.BulkActionResult);
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
    /// <remarks>Pinned: from a filter's preview (the status is the preview's), not looked up in this call.</remarks>
    private sealed record Lookup(Guid Id, string? Status, string? Kind, string? WorkflowName, IReadOnlyList<Guid> TaskIds, IdOutcome? Failure, HatchetApiException? Error, bool Pinned = false)
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
            throw new McpException($"Could not look up {CountText.Of(found.Length, "id")}: {WriteSteps.Sentence(found[0].Error!.Message)}. Nothing was sent to Hatchet.");
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
                return new Lookup(id, task.Status, "task", WriteSteps.Blank(task.WorkflowName), [task.TaskExternalId ?? id], null, null);
            }

            var details = lookup.Run ?? new V1WorkflowRunDetails();
            var tasks = (details.Tasks ?? []).Select(t => t.TaskExternalId ?? t.Metadata?.Id).OfType<Guid>().ToList();
            var workflowName = (details.Tasks ?? []).Select(t => WriteSteps.Blank(t.WorkflowName)).FirstOrDefault(n => n is not null);
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

}
