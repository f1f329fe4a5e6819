using System.ComponentModel;
using HatchetMcp.Arguments;
using HatchetMcp.Findings;
using HatchetMcp.Hatchet;
using HatchetMcp.Safety;
using HatchetMcp.Shaping;
using HatchetMcp.Tools.Results;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace HatchetMcp.Tools;

/// <summary>
/// pause_worker, resume_worker, pause_workflow and resume_workflow: one PATCH each, confirmed like every write, previewed
/// with what the pause holds back; a target already in the asked state is answered without sending anything.
/// </summary>
[McpServerToolType]
public sealed class PauseTools(IHatchetClient client, TimeProvider time, FetchGate gate, WorkflowCatalog workflows, DashboardLinks links, WriteSteps steps)
{
    /// <summary>How long a paused workflow's queued runs may wait before Hatchet drops them, unless the caller says.</summary>
    internal const string DefaultQueueTtl = "7d";

    private const int ShownActions = 10;
    private const int ShownIds = 5;

    [McpServerTool(Name = "pause_worker", Title = "Pause a worker", ReadOnly = false, Destructive = true,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(PauseResult))]
    [Description("MUTATES LIVE STATE. Pauses a worker: Hatchet assigns it no new tasks; tasks running on it finish. The " +
                 "preview names its actions, running tasks and the actions no other active worker serves. Undo: resume_worker.")]
    public async Task<CallToolResult> PauseWorker(
        [Description("Worker id (UUID) from list_workers.")] string worker_id,
        [Description(WriteSteps.TokenDescription)] string? confirmation_token = null,
        McpServer? server = null,
        CancellationToken cancellationToken = default) =>
        await WorkerAsync(worker_id, pause: true, confirmation_token, server, cancellationToken).ConfigureAwait(false);

    [McpServerTool(Name = "resume_worker", Title = "Resume a worker", ReadOnly = false, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(PauseResult))]
    [Description("MUTATES LIVE STATE. Resumes a paused worker: Hatchet assigns it tasks again. Undo: pause_worker.")]
    public async Task<CallToolResult> ResumeWorker(
        [Description("Worker id (UUID) from list_workers.")] string worker_id,
        [Description(WriteSteps.TokenDescription)] string? confirmation_token = null,
        McpServer? server = null,
        CancellationToken cancellationToken = default) =>
        await WorkerAsync(worker_id, pause: false, confirmation_token, server, cancellationToken).ConfigureAwait(false);

    [McpServerTool(Name = "pause_workflow", Title = "Pause a workflow", ReadOnly = false, Destructive = true,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(PauseResult))]
    [Description("MUTATES LIVE STATE. Pauses a workflow: its queued and new runs wait QUEUED until resumed; running ones " +
                 "finish. The preview counts them and names its crons and scheduled runs. Undo: resume_workflow.")]
    public async Task<CallToolResult> PauseWorkflow(
        [Description("Workflow name or id, as list_workflows shows it.")] string workflow,
        [Description("Cron and scheduled runs due while paused: QUEUE (default, they run after resume) or DROP.")] string? cron_and_scheduled = null,
        [Description("How long runs may wait queued while paused before Hatchet drops them, e.g. 12h, 2d (default 7d).")] string? queue_ttl = null,
        [Description(WriteSteps.TokenDescription)] string? confirmation_token = null,
        McpServer? server = null,
        CancellationToken cancellationToken = default)
    {
        var behaviour = ToolArguments.Text(cron_and_scheduled, "cron_and_scheduled", 10)?.ToUpperInvariant() ?? WorkflowPauseSettings.Queue;
        if (behaviour is not (WorkflowPauseSettings.Queue or WorkflowPauseSettings.Drop))
        {
            throw new McpException($"cron_and_scheduled must be {WorkflowPauseSettings.Queue} or {WorkflowPauseSettings.Drop}; got '{ValueSummary.Clip(cron_and_scheduled!, 20)}'.");
        }

        var settings = new WorkflowPauseSettings(ToolArguments.Text(queue_ttl, "queue_ttl", 20) ?? DefaultQueueTtl, behaviour, behaviour);
        try
        {
            settings.Validate();
        }
        catch (ArgumentException)
        {
            throw new McpException($"queue_ttl must be days, hours and minutes such as 12h, 2d or 1d7h30m; got '{ValueSummary.Clip(queue_ttl!, 20)}'.");
        }

        return await WorkflowAsync(workflow, settings, confirmation_token, server, cancellationToken).ConfigureAwait(false);
    }

    [McpServerTool(Name = "resume_workflow", Title = "Resume a workflow", ReadOnly = false, Destructive = false,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(PauseResult))]
    [Description("MUTATES LIVE STATE. Resumes a paused workflow: its queued runs may start. Undo: pause_workflow.")]
    public async Task<CallToolResult> ResumeWorkflow(
        [Description("Workflow name or id, as list_workflows shows it.")] string workflow,
        [Description(WriteSteps.TokenDescription)] string? confirmation_token = null,
        McpServer? server = null,
        CancellationToken cancellationToken = default) =>
        await WorkflowAsync(workflow, null, confirmation_token, server, cancellationToken).ConfigureAwait(false);

    /// <summary>What one pause or resume is about: its target, whether it is already in the asked state, and what it holds back.</summary>
    private sealed record Plan(string Tool, string Kind, Guid Id, string Name, string StatusBefore, bool AlreadyDone, string Input,
        IReadOnlyList<string> Holds, string WhatHappens, string Undo, string? Url);

    private async Task<CallToolResult> WorkerAsync(string workerId, bool pause, string? token, McpServer? server, CancellationToken cancellationToken)
    {
        var id = ToolArguments.Uuid(workerId, "worker_id", "a worker id from list_workers");
        return await ToolErrors.Guard(async () =>
        {
            var impact = await new WorkerPauseImpacts(client, time, gate).OfAsync(id, cancellationToken).ConfigureAwait(false);
            var status = impact.Capacity.Status;
            var plan = new Plan(pause ? "pause_worker" : "resume_worker", "worker", id, impact.Capacity.Name, status,
                // INACTIVE hides whether it is paused (it overrides PAUSED), so only a definite status counts as already done.
                AlreadyDone: status == (pause ? "PAUSED" : "ACTIVE"), Input: pause ? "isPaused=true" : "isPaused=false",
                WorkerHolds(impact, pause),
                pause
                    ? "Hatchet assigns it no new tasks; its running tasks finish (they are not cancelled or moved)."
                    : "Hatchet assigns it tasks for its actions again, queued ones included.",
                $"{(pause ? "resume_worker" : "pause_worker")} worker_id={id}", links.Worker(id));
            return await ActAsync(plan, pause, token, server, async ct =>
            {
                var after = pause
                    ? await client.PauseWorkerAsync(id, ct).ConfigureAwait(false)
                    : await client.ResumeWorkerAsync(id, ct).ConfigureAwait(false);
                return WorkerCapacity.StatusOf(after, time.GetUtcNow());
            }, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task<CallToolResult> WorkflowAsync(string workflow, WorkflowPauseSettings? pause, string? token, McpServer? server, CancellationToken cancellationToken)
    {
        var text = ToolArguments.Text(workflow, "workflow", 300)
                   ?? throw new McpException("workflow is required: a workflow name or id as list_workflows shows it.");
        return await ToolErrors.Guard(async () =>
        {
            var resolved = await new WorkflowResolver(client, workflows).ResolveAsync(text, "workflow", cancellationToken).ConfigureAwait(false);
            var impact = await new WorkflowPauseImpacts(client, time, gate).OfAsync(resolved.Id, cancellationToken).ConfigureAwait(false);
            var id = resolved.Id;
            var plan = new Plan(pause is null ? "resume_workflow" : "pause_workflow", "workflow", id, impact.Name, impact.IsPaused ? "paused" : "active",
                AlreadyDone: pause is null ? !impact.IsPaused : impact.IsPaused,
                Input: pause is null ? "unpause" : $"pause cron={pause.CronRuns} scheduled={pause.ScheduledRuns} ttl={pause.QueueTtl}",
                WorkflowHolds(impact, pause),
                pause is null
                    ? "Hatchet lets its queued runs start; new runs start as usual."
                    : $"Its QUEUED and new runs wait QUEUED until it is resumed (dropped if still waiting after {pause.QueueTtl}); RUNNING runs finish.",
                pause is null ? $"pause_workflow workflow={id}" : $"resume_workflow workflow={id}", links.Workflow(id));
            return await ActAsync(plan, pause is not null, token, server, async ct =>
            {
                var after = pause is null
                    ? await client.ResumeWorkflowAsync(id, ct).ConfigureAwait(false)
                    : await client.PauseWorkflowAsync(id, pause, ct).ConfigureAwait(false);
                return after.IsPaused == true ? "paused" : "active";
            }, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private static List<string> WorkerHolds(WorkerPauseImpact impact, bool pause)
    {
        var c = impact.Capacity;
        var lines = new List<string>
        {
            $"Actions ({c.Actions.Count}): " + (c.Actions.Count == 0 ? "none" : Clip(c.Actions, ShownActions)) +
            $"; workflows ({impact.Workflows.Count}): " + (impact.Workflows.Count == 0 ? "none" : Clip(impact.Workflows, ShownActions)) + ".",
            c.Pools.Count == 0 ? "Slots: not reported." : "Slots in use (used/limit): " + string.Join(", ", c.Pools.Select(p => $"{p.Type} {p.Used}/{p.Limit}")) + ".",
        };
        if (impact.Running.Error is null)
        {
            lines.Add($"Running on it now: {CountText.Of(impact.Running.Count, "task")}{(impact.Running.AtLeast ? " or more" : string.Empty)} RUNNING " +
                      $"(tasks inserted in the last {WorkerPauseImpacts.Window.TotalDays:0} days)" +
                      (impact.Running.Count == 0 ? "." : ": " + Clip(impact.Running.Ids.Select(g => g.ToString()).ToList(), ShownIds) + "."));
        }

        if (impact.Notes.Count == 0 || impact.OtherWorkers > 0 || impact.ActionsWithoutOtherWorker.Count > 0)
        {
            if (impact.ActionsWithoutOtherWorker.Count > 0)
            {
                lines.Add($"Finding: no other ACTIVE worker serves {impact.ActionsWithoutOtherWorker.Count} of its {CountText.Of(c.Actions.Count, "action")} " +
                          $"({Clip(impact.ActionsWithoutOtherWorker, ShownActions)}): " +
                          (pause ? "their tasks will wait QUEUED until it is resumed or another worker registers them." : "their queued tasks wait for this worker.") +
                          $" Evidence: list_workers shows {CountText.Of(impact.OtherWorkers, "other worker")} (heartbeat in the last 24 h); no ACTIVE one registers them.");
            }
            else if (c.Actions.Count > 0 && !impact.Notes.Any(n => n.Contains("other workers", StringComparison.Ordinal)))
            {
                lines.Add($"Other ACTIVE workers serve all its actions ({CountText.Of(impact.OtherWorkers, "other worker")} listed): " +
                          (pause ? "new tasks go to them." : "it adds capacity."));
            }
        }

        lines.AddRange(impact.Notes.Select(n => $"Not known: {n}."));
        return lines;
    }

    private static List<string> WorkflowHolds(WorkflowPauseImpact impact, WorkflowPauseSettings? pause)
    {
        var window = $"runs inserted in the last {WorkflowPauseImpacts.Window.TotalDays:0} days";
        var lines = new List<string>();
        foreach (var (sample, status) in new[] { (impact.Queued, "QUEUED"), (impact.Running, "RUNNING") })
        {
            if (sample.Error is null)
            {
                lines.Add($"{CountText.Of(sample.Count, "run")}{(sample.AtLeast ? " or more" : string.Empty)} {status} ({window})" +
                          (sample.Count == 0 ? "." : ": " + Clip(sample.Ids.Select(g => g.ToString()).ToList(), ShownIds) + "."));
            }
        }

        var cronFate = pause is null ? "they fire as usual again"
            : pause.CronRuns == WorkflowPauseSettings.Drop ? "runs they trigger while paused are DROPPED (not created)"
            : "runs they trigger while paused QUEUE and start after resume";
        lines.Add($"Crons enabled: {impact.Crons.Count}" + (impact.Crons.Count == 0 ? "" : $" ({Clip([.. impact.Crons.Select(c => $"'{c}'")], ShownActions)}): {cronFate}") +
                  (impact.DisabledCrons > 0 ? $"; {impact.DisabledCrons} disabled" : string.Empty) + ".");
        var scheduledFate = pause is null ? "they fire as usual"
            : pause.ScheduledRuns == WorkflowPauseSettings.Drop ? "any due while paused is DROPPED"
            : "any due while paused QUEUES and starts after resume";
        lines.Add($"Scheduled runs not yet fired: {impact.Scheduled.Count}{(impact.ScheduledCut ? " or more" : string.Empty)}" +
                  (impact.Scheduled.Count == 0 ? "." : $" (next {TimeText.Iso(impact.Scheduled[0])}): {scheduledFate}."));
        lines.AddRange(impact.Notes.Select(n => $"Not known: {n}."));
        return lines;
    }

    private static string Clip(IReadOnlyList<string> items, int shown) =>
        string.Join(", ", items.Take(shown)) + (items.Count > shown ? $" … {items.Count - shown} more" : string.Empty);

    private async Task<CallToolResult> ActAsync(Plan plan, bool pause, string? token, McpServer? server, Func<CancellationToken, Task<string>> send, CancellationToken cancellationToken)
    {
        var (verb, done) = pause ? ("pause", "paused") : ("resume", "resumed");
        var title = $"{plan.Kind} {plan.Name} ({plan.Id})";
        var proposal = new WriteProposal
        {
            Tool = plan.Tool,
            Targets = [plan.Id.ToString()],
            Input = plan.Input,
            Actionable = plan.AlreadyDone ? [] : [plan.Id.ToString()],
            Summary = string.Join("\n", [
                $"{(pause ? "Pause" : "Resume")} {title}, now {plan.StatusBefore}.", .. plan.Holds, "What happens: " + plan.WhatHappens, "Undo: " + plan.Undo + "."]),
        };
        var decision = plan.AlreadyDone && string.IsNullOrWhiteSpace(token)
            ? WriteSteps.NothingToConfirm
            : await steps.ConfirmAsync(proposal, token, server, cancellationToken).ConfigureAwait(false);
        if (decision.Result == ConfirmationResults.Refused)
        {
            steps.Audit(proposal, decision, [], []);
            throw new McpException(decision.Reason!);
        }

        if (plan.AlreadyDone || !decision.Approved)
        {
            var outcome = plan.AlreadyDone ? (pause ? "already_paused" : "already_active")
                : decision.Result == ConfirmationResults.Preview ? $"would_{verb}" : "not_confirmed";
            steps.Audit(proposal, decision, [], [new AuditOutcome(plan.Id.ToString(), outcome)]);
            var header = plan.AlreadyDone
                ? [$"{Capital(title)} is {(pause ? $"already {plan.StatusBefore}" : plan.Kind == "worker" ? $"{plan.StatusBefore}, not paused" : "not paused")}; nothing was sent.", .. plan.Holds]
                : WriteSteps.NotSentHeader(proposal, decision);
            return Answer(plan, header, outcome, decision, null, undo: null);
        }

        string after;
        try
        {
            after = await send(cancellationToken).ConfigureAwait(false);
        }
        catch (HatchetApiException e)
        {
            var failure = WriteSteps.WriteFailure(e, verb, 1, done, plan.Kind == "worker" ? "get_worker" : "get_workflow");
            steps.Audit(proposal, decision, [plan.Id.ToString()], [new AuditOutcome(plan.Id.ToString(), "failed_or_unknown")], failure);
            throw new McpException(failure, e);
        }

        steps.Audit(proposal, decision, [plan.Id.ToString()], [new AuditOutcome(plan.Id.ToString(), done)]);
        var lines = new List<string> { $"{Capital(done)} {title}: status now {after} (was {plan.StatusBefore}). {plan.WhatHappens}" };
        lines.AddRange(plan.Holds);
        lines.Add($"Undo: {plan.Undo}.");
        return Answer(plan, lines, done, decision, after, plan.Undo);
    }

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static CallToolResult Answer(Plan plan, List<string> lines, string outcome, ConfirmationDecision decision, string? after, string? undo)
    {
        var result = new PauseResult
        {
            Kind = plan.Kind, Id = plan.Id, Name = plan.Name, Outcome = outcome, StatusBefore = plan.StatusBefore, StatusAfter = after,
            Holds = plan.Holds, Confirmation = WriteSteps.Confirmed(decision), Undo = undo, Url = plan.Url,
        };
        if (WriteSteps.ConfirmationLine(result.Confirmation) is { Length: > 0 } confirmed)
        {
            lines.Add(confirmed.TrimStart('\n'));
        }

        if (DashboardLinks.Line(plan.Url) is { } dashboard)
        {
            lines.Add(dashboard);
        }

        return ToolResult.Create(string.Join("\n", lines), result, ToolsJsonContext.Default.PauseResult);
    }
}
