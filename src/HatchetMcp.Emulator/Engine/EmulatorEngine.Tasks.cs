using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Engine;

// Task lifecycle: create, queue, assign, start, finish (success, failure, retry, timeout), DAG children.
public sealed partial class EmulatorEngine
{
    private const string MsgQueued = "Task was queued.";
    private const string MsgAssigned = "Task was assigned to a worker.";
    private const string MsgStarted = "Task was started on the worker.";
    private const string MsgFinished = "Task completed successfully.";
    private const string MsgFailed = "Task failed.";
    private const string MsgTimedOut = "Task exceeded its execution timeout.";
    private const string MsgCancelled = "Task was cancelled.";
    private const string MsgParentFailed = "Task was cancelled because a parent task failed.";
    private const string MsgReplayed = "Task was replayed, resetting task result.";
    private const string MsgNoWorker = "No worker available for this action, task requeued.";
    private const string MsgRateLimited = "Rate limit exhausted, task requeued.";

    private RunRecord CreateRun(TenantData tenant, WorkflowDefinition workflow, string inputJson,
        KeyValuePair<string, string>[] metadata, int priority, DateTimeOffset at, Guid? parentTask, Guid? triggeringEvent)
    {
        var version = workflow.Latest;
        var run = new RunRecord
        {
            ExternalId = tenant.Ids.Next(),
            Tenant = tenant,
            Workflow = workflow,
            Version = version,
            InsertedAt = at,
            InputJson = inputJson,
            ConcurrencyKey = version.Concurrency is { } concurrency ? ConcurrencyGroups.KeyOf(concurrency.Expression, inputJson) : null,
            AdditionalMetadata = metadata,
            Priority = priority,
            ParentTaskExternalId = parentTask,
            TriggeringEventExternalId = triggeringEvent,
        };
        run.Tasks.Capacity = version.Steps.Count;
        foreach (var step in version.Steps)
        {
            if (step.Parents.Count == 0) run.Tasks.Add(NewTask(run, step, at));
        }
        tenant.AddRun(run);
        foreach (var task in run.Tasks) Enqueue(task);
        run.RecomputeStatus();
        var latency = TimeSpan.FromMilliseconds(40 + 80 * AttemptPlanner.Unit(run.Tasks[0], 0, AttemptPlanner.SaltDispatch));
        ScheduleDispatch(tenant, at + latency);
        return run;
    }

    private static TaskRecord NewTask(RunRecord run, StepDefinition step, DateTimeOffset at) => new()
    {
        ExternalId = run.IsDag ? run.Tenant.Ids.Next() : run.ExternalId,
        TaskId = run.Tenant.NextTaskId(),
        Run = run,
        Step = step,
        InsertedAt = at,
    };

    private void AddEvent(TaskRecord task, V1TaskEventType type, string message, string? error = null, string? output = null)
    {
        task.Events.Add(new TaskEventRecord
        {
            Id = task.Run.Tenant.NextTaskEventId(),
            Task = task,
            Type = type,
            Timestamp = Now,
            Message = message,
            ErrorMessage = error,
            OutputJson = output,
            WorkerId = task.WorkerId,
            RetryCount = task.RetryCount,
        });
    }

    /// <summary>Puts a task in its queue now, with a QUEUED event.</summary>
    private void Enqueue(TaskRecord task)
    {
        task.Status = V1TaskStatus.QUEUED;
        task.AwaitingParents = false;
        task.QueuedAt = Now;
        task.WorkerId = null;
        AddEvent(task, V1TaskEventType.QUEUED, MsgQueued);
        QueuesOf(task.Run.Tenant).Add(task);
    }

    private bool IsEligible(WorkerRecord w) =>
        !w.IsPaused && (w.IsHeartbeating || Now - w.LastHeartbeatAt <= WorkerRecord.HeartbeatTimeout);

    /// <summary>Assigns queued tasks to eligible workers with free slots, queue by queue, most free slots first.</summary>
    private void Dispatch(TenantData tenant)
    {
        var queues = QueuesOf(tenant);
        List<TaskRecord>? assigned = null;
        List<WorkerRecord> candidates = [];
        foreach (var (action, set) in queues.ByAction)
        {
            if (set.Count == 0) continue;
            candidates.Clear();
            foreach (var w in tenant.Workers)
            {
                if (IsEligible(w) && w.Serves(action)) candidates.Add(w);
            }
            assigned?.Clear();
            foreach (var task in set)
            {
                if (task.Run.Workflow.IsPaused) continue;
                // Concurrency is checked before the task reaches a worker: a run over its group's limit waits, silently.
                if (ConcurrencyGroups.IsHeld(task, tenant.Workers)) continue;
                if (candidates.Count == 0)
                {
                    NoteNoWorker(task);
                    continue;
                }
                if (!HasRateLimitUnits(task))
                {
                    NoteRateLimited(task);
                    continue;
                }
                var worker = PickWorker(candidates, task.IsDurable);
                if (worker is null)
                {
                    if (candidates.TrueForAll(w => w.AvailableSlots == 0 && w.AvailableDurableSlots == 0)) break;
                    continue;
                }
                Assign(task, worker);
                (assigned ??= []).Add(task);
            }
            if (assigned is not null)
            {
                foreach (var t in assigned) set.Remove(t);
            }
        }
    }

    private static WorkerRecord? PickWorker(List<WorkerRecord> candidates, bool durable)
    {
        WorkerRecord? best = null;
        var bestFree = 0;
        foreach (var w in candidates)
        {
            var free = durable ? w.AvailableDurableSlots : w.AvailableSlots;
            if (free > bestFree || (free == bestFree && free > 0 && best is not null && w.Id.CompareTo(best.Id) < 0))
            {
                best = w;
                bestFree = free;
            }
        }
        return best;
    }

    private void NoteNoWorker(TaskRecord task)
    {
        if (task.Events.Count > 0 && task.Events[^1].Type == V1TaskEventType.REQUEUED_NO_WORKER) return;
        AddEvent(task, V1TaskEventType.REQUEUED_NO_WORKER, MsgNoWorker);
    }

    private static bool HasRateLimitUnits(TaskRecord task)
    {
        foreach (var limit in task.Step.RateLimits)
        {
            var record = task.Run.Tenant.FindRateLimit(limit.Key);
            if (record is not null && record.Value < limit.Units) return false;
        }
        return true;
    }

    private void NoteRateLimited(TaskRecord task)
    {
        if (task.Events.Count > 0 && task.Events[^1].Type == V1TaskEventType.REQUEUED_RATE_LIMIT) return;
        AddEvent(task, V1TaskEventType.REQUEUED_RATE_LIMIT, MsgRateLimited);
    }

    private void Assign(TaskRecord task, WorkerRecord worker)
    {
        foreach (var limit in task.Step.RateLimits)
        {
            if (task.Run.Tenant.FindRateLimit(limit.Key) is { } record) record.Value -= limit.Units;
        }

        task.Status = V1TaskStatus.RUNNING;
        task.WorkerId = worker.Id;
        worker.RunningTasks.Add(task);
        AddEvent(task, V1TaskEventType.ASSIGNED, MsgAssigned);
        task.Run.RecomputeStatus();
        var latency = TimeSpan.FromMilliseconds(5 + 45 * AttemptPlanner.Unit(task, task.RetryCount, AttemptPlanner.SaltStart));
        Push(new AgendaItem(AgendaKind.Start, task.Run.Tenant, Task: task, Generation: task.Generation), Now + latency);
    }

    private void Start(TaskRecord task)
    {
        task.StartedAt = Now;
        AddEvent(task, V1TaskEventType.STARTED, MsgStarted);
        var plan = AttemptPlanner.Plan(task, task.RetryCount, Now);
        Push(new AgendaItem(AgendaKind.Finish, task.Run.Tenant, Task: task, Generation: task.Generation, Plan: plan), plan.EndsAt);
    }

    private void ReleaseSlot(TaskRecord task)
    {
        if (task.WorkerId is { } wid && Store.TryGetWorker(wid, out var worker) && worker.RunningTasks.Remove(task))
        {
            ScheduleDispatch(task.Run.Tenant, Now);
        }
    }

    private void Finish(TaskRecord task, AttemptPlan plan)
    {
        ReleaseSlot(task);
        task.Generation++;
        if (plan.Outcome == AttemptOutcome.Succeeded)
        {
            task.Status = V1TaskStatus.COMPLETED;
            task.FinishedAt = Now;
            task.ErrorMessage = "";
            task.OutputJson = AttemptPlanner.Render(task.Step.Script.OutputTemplate, task, task.RetryCount, AttemptPlanner.SaltOutput);
            AddEvent(task, V1TaskEventType.FINISHED, MsgFinished, output: task.OutputJson);
            task.Run.RecomputeStatus();
            StartReadyChildren(task);
            task.Run.RecomputeStatus();
            return;
        }

        var error = plan.Outcome == AttemptOutcome.TimedOut
            ? $"task timed out after {task.Step.TimeoutText}"
            : plan.Error!.Message;
        if (plan.Outcome == AttemptOutcome.TimedOut) AddEvent(task, V1TaskEventType.TIMED_OUT, MsgTimedOut, error);

        if (task.AppRetryCount < task.Step.Retries)
        {
            AddEvent(task, V1TaskEventType.RETRYING, $"Task failed, retrying (retry {task.AppRetryCount + 1} of {task.Step.Retries}).", error);
            task.RetryCount++;
            task.AppRetryCount++;
            task.Status = V1TaskStatus.QUEUED;
            task.StartedAt = null;
            task.WorkerId = null;
            task.ErrorMessage = error;
            task.Run.RecomputeStatus();
            var backoff = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, task.RetryCount - 1))) *
                          (0.75 + 0.5 * AttemptPlanner.Unit(task, task.RetryCount, AttemptPlanner.SaltBackoff));
            Push(new AgendaItem(AgendaKind.Requeue, task.Run.Tenant, Task: task, Generation: task.Generation), Now + backoff);
            return;
        }

        task.Status = V1TaskStatus.FAILED;
        task.FinishedAt = Now;
        task.ErrorMessage = error;
        // A final timeout is reported by its TIMED_OUT event alone; other failures by FAILED.
        if (plan.Outcome != AttemptOutcome.TimedOut) AddEvent(task, V1TaskEventType.FAILED, MsgFailed, error);
        CancelWaitingDescendants(task);
        task.Run.RecomputeStatus();
    }

    /// <summary>Creates (or releases, after a replay) the DAG children whose parents have all completed.</summary>
    private void StartReadyChildren(TaskRecord parent)
    {
        var run = parent.Run;
        foreach (var childStep in parent.Step.Children)
        {
            var child = run.FindTask(childStep);
            if (child is null && childStep.Parents.TrueForAll(p => run.FindTask(p)?.Status == V1TaskStatus.COMPLETED))
            {
                child = NewTask(run, childStep, Now);
                run.Tenant.AddTask(child);
                Enqueue(child);
            }
            else if (child is { AwaitingParents: true } && childStep.Parents.TrueForAll(p => run.FindTask(p)?.Status.IsFinal() ?? true))
            {
                Enqueue(child); // a replayed child: its replayed parents are done
            }
            else
            {
                continue;
            }
            ScheduleDispatch(run.Tenant, Now);
        }
    }

    /// <summary>Replayed descendants still waiting on a parent that has now failed can never run: cancel them.</summary>
    private void CancelWaitingDescendants(TaskRecord failed)
    {
        var pending = new Stack<StepDefinition>(failed.Step.Children);
        while (pending.Count > 0)
        {
            var step = pending.Pop();
            var t = failed.Run.FindTask(step);
            if (t is null || !t.AwaitingParents) continue;
            t.AwaitingParents = false;
            t.Status = V1TaskStatus.CANCELLED;
            t.FinishedAt = Now;
            AddEvent(t, V1TaskEventType.CANCELLED, MsgParentFailed);
            foreach (var c in step.Children) pending.Push(c);
        }
    }

    private void CancelTask(TaskRecord task)
    {
        if (task.Status.IsFinal()) return;
        QueuesOf(task.Run.Tenant).Remove(task);
        ReleaseSlot(task);
        task.Generation++;
        task.AwaitingParents = false;
        task.Status = V1TaskStatus.CANCELLED;
        task.FinishedAt = Now;
        AddEvent(task, V1TaskEventType.CANCELLED, MsgCancelled);
    }
}
