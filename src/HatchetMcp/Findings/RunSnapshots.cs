using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;
using HatchetMcp.Tools;

namespace HatchetMcp.Findings;

/// <summary>Reads <see cref="RunSnapshot"/>s: one run lookup, plus the task's events for a task id, the worker list and the version.</summary>
/// Inputs and metadata are redacted here (<see cref="SecretKeys"/>), so no comparison or diagnosis sees a secret's value.
public sealed class RunSnapshots(IHatchetClient client, WorkflowCatalog workflows, FetchGate gate, WorkflowVersionNames versions, SecretKeys secrets)
{
    /// <summary>Reads a run or task by id. Throws <see cref="HatchetApiException"/> when the run itself cannot be read.</summary>
    public async Task<RunSnapshot> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var lookup = await gate.RunAsync(ct => client.GetRunAsync(id, ct), cancellationToken).ConfigureAwait(false);
        var notes = new List<string>();
        var workersTask = WorkerNamesAsync(notes, cancellationToken);
        RunSnapshot snapshot;
        if (lookup.Kind == RunLookupKind.Task && lookup.Task is { } task)
        {
            var events = await TaskEventsAsync(task, notes, cancellationToken).ConfigureAwait(false);
            var taskId = task.TaskExternalId ?? task.Metadata?.Id ?? id;
            snapshot = new RunSnapshot(
                task.WorkflowRunExternalId ?? taskId, taskId, task.Status ?? "UNKNOWN",
                string.IsNullOrWhiteSpace(task.WorkflowName) ? null : task.WorkflowName, task.WorkflowId, task.WorkflowVersionId, null,
                task.CreatedAt ?? task.Metadata?.CreatedAt, TimeText.Meaningful(task.StartedAt), TimeText.Meaningful(task.FinishedAt),
                task.ParentTaskExternalId, secrets.Redact(RunText.UserInput(task.Input)), RunText.MetadataText(task.AdditionalMetadata, secrets),
                [TaskOf(task, RunText.StepName(task.DisplayName), events)], new Dictionary<Guid, string>(), notes);
        }
        else
        {
            var details = lookup.Run ?? new V1WorkflowRunDetails();
            var run = details.Run ?? new V1WorkflowRun();
            var stepNames = (details.Shape ?? [])
                .Where(s => s.TaskExternalId is { } t && t != Guid.Empty && s.TaskName is not null)
                .GroupBy(s => s.TaskExternalId!.Value)
                .ToDictionary(g => g.Key, g => g.First().TaskName!);
            var byTask = (details.TaskEvents ?? []).Where(e => e.TaskId is not null).ToLookup(e => e.TaskId!.Value);
            var tasks = (details.Tasks ?? []).Select(t =>
            {
                var tid = t.TaskExternalId ?? t.Metadata?.Id ?? Guid.Empty;
                return TaskOf(t, stepNames.TryGetValue(tid, out var n) ? n : RunText.StepName(t.DisplayName), byTask[tid].ToList());
            }).ToList();
            snapshot = new RunSnapshot(
                run.Metadata?.Id ?? id, null, run.Status ?? "UNKNOWN",
                (details.Tasks ?? []).Select(t => t.WorkflowName).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)),
                run.WorkflowId, run.WorkflowVersionId, null,
                run.CreatedAt ?? run.Metadata?.CreatedAt, TimeText.Meaningful(run.StartedAt), TimeText.Meaningful(run.FinishedAt),
                run.ParentTaskExternalId, secrets.Redact(run.Input), RunText.MetadataText(run.AdditionalMetadata, secrets),
                tasks, new Dictionary<Guid, string>(), notes) { Details = details };
        }

        var nameTask = snapshot.WorkflowName is null ? WorkflowNameAsync(snapshot.WorkflowId, cancellationToken) : Task.FromResult<string?>(snapshot.WorkflowName);
        var versionTask = VersionAsync(snapshot.WorkflowId, snapshot.VersionId, cancellationToken);
        await Task.WhenAll(workersTask, nameTask, versionTask).ConfigureAwait(false);
        return snapshot with
        {
            WorkflowName = await nameTask.ConfigureAwait(false),
            Version = await versionTask.ConfigureAwait(false),
            WorkerNames = await workersTask.ConfigureAwait(false),
        };
    }

    /// <summary>The run's version, named (unnamed when Hatchet would not say); null when the run names none.</summary>
    private async Task<NamedVersion?> VersionAsync(Guid? workflowId, Guid? versionId, CancellationToken cancellationToken) =>
        workflowId is { } w && versionId is { } v && v != Guid.Empty
            ? await versions.NameAsync(w, v, cancellationToken).ConfigureAwait(false)
            : null;

    private static TaskSnapshot TaskOf(V1TaskSummary t, string name, IReadOnlyList<V1TaskEvent> events)
    {
        var current = RetryOf(t);
        var cancel = events.LastOrDefault(e => e.EventType == "CANCELLED")?.Message;
        var timedOut = events.Any(e => e.EventType == "TIMED_OUT" && (e.RetryCount ?? 0) == current);
        return new TaskSnapshot(t.TaskExternalId ?? t.Metadata?.Id ?? Guid.Empty, name, t.Status ?? "UNKNOWN",
            AttemptTimeline.For(t, events), string.IsNullOrEmpty(t.ActionId) ? null : t.ActionId, cancel, timedOut, t.Duration);
    }

    private static int RetryOf(V1TaskSummary t) => t.RetryCount ?? (t.Attempt is { } a ? a - 1 : 0);

    private async Task<IReadOnlyList<V1TaskEvent>> TaskEventsAsync(V1TaskSummary task, List<string> notes, CancellationToken cancellationToken)
    {
        if ((task.TaskExternalId ?? task.Metadata?.Id) is not { } taskId)
        {
            return [];
        }

        try
        {
            return (await gate.RunAsync(ct => client.ListTaskEventsAsync(taskId, ct), cancellationToken).ConfigureAwait(false)).Rows ?? [];
        }
        catch (HatchetApiException)
        {
            lock (notes)
            {
                notes.Add("the task's events could not be read: attempts and workers are from its summary only");
            }

            return [];
        }
    }

    private async Task<IReadOnlyDictionary<Guid, string>> WorkerNamesAsync(List<string> notes, CancellationToken cancellationToken)
    {
        try
        {
            var list = await gate.RunAsync(ct => client.ListWorkersAsync(ct), cancellationToken).ConfigureAwait(false);
            return (list.Rows ?? [])
                .Where(w => w.Metadata?.Id is not null && !string.IsNullOrWhiteSpace(w.Name))
                .GroupBy(w => w.Metadata!.Id!.Value)
                .ToDictionary(g => g.Key, g => g.First().Name!);
        }
        catch (HatchetApiException)
        {
            lock (notes)
            {
                notes.Add("worker names could not be read: workers are shown by id");
            }

            return new Dictionary<Guid, string>();
        }
    }

    private async Task<string?> WorkflowNameAsync(Guid? workflowId, CancellationToken cancellationToken)
    {
        if (workflowId is not { } w || w == Guid.Empty)
        {
            return null;
        }

        try
        {
            return await workflows.NameAsync(client, w, cancellationToken).ConfigureAwait(false);
        }
        catch (HatchetApiException)
        {
            return null;
        }
    }
}
