using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Engine;

// Operations requested through the API: trigger, cancel, replay, filter selection.
public sealed partial class EmulatorEngine
{
    /// <summary>Creates a run of the named workflow, QUEUED now. Throws <see cref="WorkflowNotFoundException"/>.</summary>
    public RunRecord Trigger(TenantData tenant, string workflowName, JsonObject input,
        IReadOnlyDictionary<string, string>? metadata, int? priority, DateTimeOffset now) =>
        Trigger(tenant, workflowName, input.ToJsonString(), metadata, priority, now);

    /// <summary>
    /// As the <see cref="JsonObject"/> overload, with the input as JSON object text. <paramref name="priority"/> null
    /// uses the version's default; the caller validates 1..3.
    /// </summary>
    public RunRecord Trigger(TenantData tenant, string workflowName, string inputJson,
        IReadOnlyDictionary<string, string>? metadata, int? priority, DateTimeOffset now,
        Guid? parentTaskExternalId = null, Guid? triggeringEventExternalId = null)
    {
        var workflow = tenant.FindWorkflow(workflowName) ?? throw new WorkflowNotFoundException(workflowName);
        AdvanceTo(now);
        return CreateRun(tenant, workflow, inputJson, Model.AdditionalMetadata.From(metadata),
            priority ?? workflow.Latest.DefaultPriority, Now, parentTaskExternalId, triggeringEventExternalId);
    }

    /// <summary>
    /// Creates a run of a known workflow, QUEUED now, with metadata already in its compact form (used by the seeder
    /// and by event-driven triggers). <paramref name="priority"/> null uses the version's default.
    /// </summary>
    public RunRecord Trigger(WorkflowDefinition workflow, string inputJson, KeyValuePair<string, string>[] metadata,
        int? priority, DateTimeOffset now, Guid? parentTaskExternalId = null, Guid? triggeringEventExternalId = null)
    {
        AdvanceTo(now);
        return CreateRun(workflow.Tenant, workflow, inputJson, metadata, priority ?? workflow.Latest.DefaultPriority, Now,
            parentTaskExternalId, triggeringEventExternalId);
    }

    /// <summary>Triggers a cron's workflow now (POST on a cron) with the cron's input, metadata and priority.</summary>
    public RunRecord TriggerNow(CronRecord cron, DateTimeOffset now)
    {
        AdvanceTo(now);
        return CreateRun(cron.Tenant, cron.Workflow, cron.InputJson, cron.AdditionalMetadata, cron.Priority, Now, null, null);
    }

    /// <summary>Triggers a scheduled run now (POST on a schedule); the schedule then points at the new run.</summary>
    public RunRecord TriggerNow(ScheduledRecord scheduled, DateTimeOffset now)
    {
        AdvanceTo(now);
        var run = CreateRun(scheduled.Tenant, scheduled.Workflow, scheduled.InputJson, scheduled.AdditionalMetadata,
            scheduled.Priority, Now, scheduled.ParentStepRunId, null);
        scheduled.Run = run;
        return run;
    }

    /// <summary>
    /// Cancels the tasks of the given task or run ids (a run id covers all its tasks) a little later: queued or running
    /// tasks become CANCELLED with a CANCELLED event; final tasks are untouched. Returns the ids sent, unknown or
    /// foreign ones included (the real server echoes them).
    /// </summary>
    public IReadOnlyList<Guid> Cancel(TenantData tenant, IReadOnlyList<Guid> externalIds, DateTimeOffset now)
    {
        AdvanceTo(now);
        var ids = externalIds.ToArray();
        Push(new AgendaItem(AgendaKind.ApplyCancel, tenant, Ids: ids), Now + OperationDelay);
        return ids;
    }

    /// <summary>
    /// Replays the given task or run ids a little later, in place: each task gets retryCount+1, status QUEUED and a
    /// RETRIED_BY_USER event, and its DAG descendants are replayed too. Running tasks are skipped, and a DAG with a
    /// running task is skipped whole. Returns the deduped task ids queued for replay (unknown ids dropped).
    /// </summary>
    public IReadOnlyList<Guid> Replay(TenantData tenant, IReadOnlyList<Guid> externalIds, DateTimeOffset now)
    {
        AdvanceTo(now);
        var selected = new List<TaskRecord>();
        var seen = new HashSet<Guid>();
        void Add(TaskRecord t)
        {
            if (seen.Add(t.ExternalId)) selected.Add(t);
        }

        foreach (var id in externalIds)
        {
            if (Store.TryGetRun(id, out var run) && run.Tenant == tenant)
            {
                foreach (var t in run.Tasks) Add(t);
            }
            else if (Store.TryGetTask(id, out var task) && task.Run.Tenant == tenant)
            {
                Add(task);
                AddDescendants(task, Add);
            }
        }

        var accepted = selected.Where(t => t.Status != V1TaskStatus.RUNNING &&
                                           !(t.Run.IsDag && t.Run.Tasks.Exists(x => x.Status == V1TaskStatus.RUNNING)))
                               .ToList();
        for (var i = 0; i < accepted.Count; i += ReplayBatchSize)
        {
            var batch = accepted.GetRange(i, Math.Min(ReplayBatchSize, accepted.Count - i));
            Push(new AgendaItem(AgendaKind.ApplyReplay, tenant, Tasks: batch),
                Now + OperationDelay + ReplayBatchInterval * (i / ReplayBatchSize));
        }
        return accepted.ConvertAll(t => t.ExternalId);
    }

    private static void AddDescendants(TaskRecord task, Action<TaskRecord> add)
    {
        var pending = new Stack<StepDefinition>(task.Step.Children);
        while (pending.Count > 0)
        {
            var step = pending.Pop();
            if (task.Run.FindTask(step) is { } t) add(t);
            foreach (var c in step.Children) pending.Push(c);
        }
    }

    /// <summary>
    /// Run ids matching the V1TaskFilter (inserted in [since, until], statuses, workflows, every "key:value" pair),
    /// newest first, at most <paramref name="limit"/> (the server uses 1000 for replay, 20000 for cancel).
    /// Throws <see cref="FormatException"/> for metadata without ':' (the server answers 500).
    /// </summary>
    public IReadOnlyList<Guid> SelectRuns(TenantData tenant, RunFilter filter, int limit)
    {
        var pairs = new List<(string Key, string Value)>();
        foreach (var f in filter.AdditionalMetadata ?? [])
        {
            if (!Model.AdditionalMetadata.TryParseFilter(f, out var k, out var v)) throw new FormatException($"invalid additional metadata filter: {f}");
            pairs.Add((k, v));
        }
        var result = new List<Guid>();
        var runs = tenant.RunsOldestFirst;
        var first = tenant.FirstRunIndexAtOrAfter(filter.Since);
        for (var i = runs.Count - 1; i >= first && result.Count < limit; i--)
        {
            var run = runs[i];
            if (filter.Until is { } until && run.InsertedAt > until) continue;
            if (filter.Statuses is { Count: > 0 } st && !st.Contains(run.Status)) continue;
            if (filter.WorkflowIds is { Count: > 0 } wf && !wf.Contains(run.Workflow.Id)) continue;
            if (!pairs.TrueForAll(p => Model.AdditionalMetadata.Has(run.AdditionalMetadata, p.Key, p.Value))) continue;
            result.Add(run.ExternalId);
        }
        return result;
    }

    private void ApplyCancel(TenantData tenant, IReadOnlyList<Guid> ids)
    {
        var touched = new HashSet<RunRecord>();
        foreach (var id in ids)
        {
            if (Store.TryGetRun(id, out var run) && run.Tenant == tenant)
            {
                foreach (var t in run.Tasks) CancelTask(t);
                touched.Add(run);
            }
            else if (Store.TryGetTask(id, out var task) && task.Run.Tenant == tenant)
            {
                CancelTask(task);
                touched.Add(task.Run);
            }
        }
        foreach (var run in touched) run.RecomputeStatus();
    }

    private void ApplyReplay(TenantData tenant, IReadOnlyList<TaskRecord> tasks)
    {
        var queues = QueuesOf(tenant);
        var reset = new List<TaskRecord>();
        foreach (var task in tasks)
        {
            // Re-checked at apply time: something may have started since the request.
            if (task.Status == V1TaskStatus.RUNNING) continue;
            if (task.Run.IsDag && task.Run.Tasks.Exists(x => x.Status == V1TaskStatus.RUNNING && !tasks.Contains(x))) continue;
            queues.Remove(task);
            task.Generation++;
            task.RetryCount++;
            task.AppRetryCount = 0;
            task.Status = V1TaskStatus.QUEUED;
            task.StartedAt = null;
            task.FinishedAt = null;
            task.WorkerId = null;
            task.ErrorMessage = "";
            task.OutputJson = null;
            task.AwaitingParents = true;
            AddEvent(task, V1TaskEventType.RETRIED_BY_USER, MsgReplayed);
            reset.Add(task);
        }
        foreach (var task in reset)
        {
            // A replayed task waits for parents that are running again (replayed with it); otherwise it is queued now.
            var run = task.Run;
            if (task.Step.Parents.TrueForAll(p => run.FindTask(p) is not { } parent || parent.Status.IsFinal())) Enqueue(task);
        }
        foreach (var run in reset.Select(t => t.Run).Distinct())
        {
            if (run.IsDag) run.Status = V1TaskStatus.RUNNING;
            run.RecomputeStatus();
        }
        if (reset.Count > 0) ScheduleDispatch(tenant, Now);
    }
}
