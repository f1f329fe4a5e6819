using System.Text;
using System.Text.Json;
using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Http;

/// <summary>Turns model records into wire DTOs with the real server's quirks (server-behaviour §4, §5).</summary>
internal static class WireMapper
{
    public static WireMeta Meta(Guid id, DateTimeOffset createdAt, DateTimeOffset updatedAt) => new(id, createdAt, updatedAt);

    /// <summary>Additional metadata as a JSON object of strings.</summary>
    public static RawJson MetadataObject(IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        if (metadata.Count == 0)
        {
            return RawJson.EmptyObject;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (KeyValuePair<string, string> kv in metadata)
            {
                writer.WriteString(kv.Key, kv.Value);
            }

            writer.WriteEndObject();
        }

        return new RawJson(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>A task row: only_tasks=true rows, DAG children, run details' tasks.</summary>
    public static WireTaskSummary TaskSummary(TaskRecord task, bool includePayloads)
    {
        RunRecord run = task.Run;
        return new WireTaskSummary
        {
            Metadata = Meta(task.ExternalId, task.InsertedAt, task.InsertedAt),
            ActionId = task.ActionId,
            RetryCount = task.RetryCount,
            Attempt = task.Attempt,
            AdditionalMetadata = MetadataObject(run.AdditionalMetadata),
            CreatedAt = task.InsertedAt,
            DisplayName = task.DisplayName,
            Duration = DurationMs(task.StartedAt, task.FinishedAt),
            ErrorMessage = task.ErrorMessage,
            FinishedAt = task.FinishedAt,
            Input = includePayloads ? RawJson.ObjectOrEmpty(run.InputJson) : RawJson.EmptyObject,
            NumSpawnedChildren = 0,
            Output = includePayloads ? RawJson.ObjectOrEmpty(task.OutputJson) : RawJson.EmptyObject,
            Status = task.Status.ToString(),
            StartedAt = task.StartedAt,
            StepId = task.Step.Id,
            TaskExternalId = task.ExternalId,
            TaskId = task.TaskId,
            TaskInsertedAt = task.InsertedAt,
            TenantId = run.TenantId,
            Type = "TASK",
            WorkflowId = run.Workflow.Id,
            WorkflowName = run.Workflow.Name,
            WorkflowRunExternalId = run.ExternalId,
            WorkflowVersionId = run.Version.Id,
            ParentTaskExternalId = run.ParentTaskExternalId,
        };
    }

    /// <summary>
    /// A run row (only_tasks=false): type "DAG" hard-coded, taskExternalId = run id, actionId "", DAG rows with
    /// taskId 0, nil stepId and their tasks as children; standalone rows with the real taskId and stepId.
    /// </summary>
    public static WireTaskSummary RunRow(RunRecord run, bool includePayloads)
    {
        TaskRecord? single = run.IsDag || run.Tasks.Count == 0 ? null : run.Tasks[0];
        List<WireTaskSummary>? children = null;
        if (run.IsDag)
        {
            children = new List<WireTaskSummary>(run.Tasks.Count);
            foreach (TaskRecord task in run.Tasks)
            {
                children.Add(TaskSummary(task, includePayloads));
            }
        }

        DateTimeOffset? startedAt = run.StartedAt;
        DateTimeOffset? finishedAt = run.FinishedAt;
        return new WireTaskSummary
        {
            Metadata = Meta(run.ExternalId, run.InsertedAt, run.InsertedAt),
            ActionId = "",
            RetryCount = single?.RetryCount ?? 0,
            Attempt = (single?.RetryCount ?? 0) + 1,
            AdditionalMetadata = MetadataObject(run.AdditionalMetadata),
            Children = children,
            CreatedAt = run.InsertedAt,
            DisplayName = run.DisplayName,
            Duration = DurationMs(startedAt, finishedAt),
            ErrorMessage = run.ErrorMessage,
            FinishedAt = finishedAt,
            Input = includePayloads ? RawJson.ObjectOrEmpty(run.InputJson) : RawJson.EmptyObject,
            NumSpawnedChildren = 0,
            Output = includePayloads ? RawJson.ObjectOrEmpty(run.BuildOutputJson()) : RawJson.EmptyObject,
            Status = run.Status.ToString(),
            StartedAt = startedAt,
            StepId = single?.Step.Id ?? Guid.Empty,
            TaskExternalId = run.ExternalId,
            TaskId = single?.TaskId ?? 0,
            TaskInsertedAt = run.InsertedAt,
            TenantId = run.TenantId,
            Type = "DAG",
            WorkflowId = run.Workflow.Id,
            WorkflowName = run.Workflow.Name,
            WorkflowRunExternalId = run.ExternalId,
            WorkflowVersionId = run.Version.Id,
            ParentTaskExternalId = run.ParentTaskExternalId,
        };
    }

    /// <summary>V1WorkflowRun of run details: startedAt/finishedAt always present (Go zero time when unset).</summary>
    public static WireWorkflowRun WorkflowRun(RunRecord run)
    {
        DateTimeOffset startedAt = run.StartedAt ?? WireTime.Zero;
        DateTimeOffset finishedAt = run.FinishedAt ?? WireTime.Zero;
        return new WireWorkflowRun
        {
            Metadata = Meta(run.ExternalId, run.InsertedAt, run.InsertedAt),
            Status = run.Status.ToString(),
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            Duration = DurationMs(run.StartedAt, run.FinishedAt) ?? 0,
            TenantId = run.TenantId,
            AdditionalMetadata = MetadataObject(run.AdditionalMetadata),
            DisplayName = run.DisplayName,
            WorkflowId = run.Workflow.Id,
            Output = RawJson.ObjectOrEmpty(run.BuildOutputJson()),
            ErrorMessage = run.ErrorMessage,
            WorkflowVersionId = run.Version.Id,
            Input = RawJson.ObjectOrEmpty(run.InputJson),
            CreatedAt = run.InsertedAt,
            ParentTaskExternalId = run.ParentTaskExternalId,
        };
    }

    /// <summary>Full V1WorkflowRunDetails.</summary>
    public static WireRunDetails RunDetails(RunRecord run)
    {
        var tasks = new List<WireTaskSummary>(run.Tasks.Count);
        foreach (TaskRecord task in run.Tasks)
        {
            tasks.Add(TaskSummary(task, includePayloads: true));
        }

        var shape = new List<WireShapeItem>(run.Version.Steps.Count);
        foreach (StepDefinition step in run.Version.Steps)
        {
            var children = new List<Guid>(step.Children.Count);
            foreach (StepDefinition child in step.Children)
            {
                children.Add(child.Id);
            }

            shape.Add(new WireShapeItem(run.FindTask(step)?.ExternalId ?? Guid.Empty, step.Id, children, step.ReadableId));
        }

        return new WireRunDetails
        {
            Run = WorkflowRun(run),
            TaskEvents = RunEvents(run, includeOutput: true),
            Shape = shape,
            Tasks = tasks,
            WorkflowConfig = WorkflowConfig(run.Version),
        };
    }

    /// <summary>What trigger answers with return_only_id: a bare run and Go nil slices.</summary>
    public static WireRunDetails RunIdOnly(Guid runId, DateTimeOffset now) => new()
    {
        Run = new WireWorkflowRun
        {
            Metadata = Meta(runId, now, now),
            DisplayName = "",
            Status = "",
            TenantId = Guid.Empty,
            WorkflowId = Guid.Empty,
            Input = RawJson.EmptyObject,
            Output = RawJson.EmptyObject,
        },
        TaskEvents = null,
        Shape = null,
        Tasks = null,
    };

    /// <summary>Events of every task of a run, in the order they happened.</summary>
    public static List<WireTaskEvent> RunEvents(RunRecord run, bool includeOutput)
    {
        var events = new List<TaskEventRecord>();
        foreach (TaskRecord task in run.Tasks)
        {
            events.AddRange(task.Events);
        }

        events.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        var rows = new List<WireTaskEvent>(events.Count);
        foreach (TaskEventRecord e in events)
        {
            rows.Add(TaskEvent(e, includeOutput));
        }

        return rows;
    }

    public static WireTaskEvent TaskEvent(TaskEventRecord e, bool includeOutput) => new()
    {
        Id = e.Id,
        TaskId = e.Task.ExternalId,
        Timestamp = e.Timestamp,
        EventType = e.Type.ToString(),
        Message = e.Message,
        ErrorMessage = string.IsNullOrEmpty(e.ErrorMessage) ? null : e.ErrorMessage,
        Output = includeOutput ? e.OutputJson : null,
        WorkerId = e.WorkerId,
        TaskDisplayName = e.Task.DisplayName,
        RetryCount = e.RetryCount,
        Attempt = e.Attempt,
    };

    /// <summary>The workflow version's registration options as Hatchet keeps them (a JSON object).</summary>
    public static RawJson WorkflowConfig(WorkflowVersionDefinition version)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("name", version.Workflow.Name);
            writer.WriteString("description", version.Workflow.Description);
            writer.WriteString("version", version.Version);
            writer.WriteNumber("defaultPriority", version.DefaultPriority);
            writer.WriteStartArray("eventTriggers");
            foreach (string e in version.EventTriggers)
            {
                writer.WriteStringValue(e);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("cronTriggers");
            foreach (string c in version.CronTriggers)
            {
                writer.WriteStringValue(c);
            }

            writer.WriteEndArray();
            if (version.Concurrency is { } concurrency)
            {
                writer.WriteStartArray("concurrency");
                writer.WriteStartObject();
                writer.WriteString("expression", concurrency.Expression);
                writer.WriteNumber("maxRuns", concurrency.MaxRuns);
                writer.WriteString("limitStrategy", concurrency.Strategy.ToString());
                writer.WriteEndObject();
                writer.WriteEndArray();
            }

            writer.WriteStartArray("tasks");
            foreach (StepDefinition step in version.Steps)
            {
                writer.WriteStartObject();
                writer.WriteString("readableId", step.ReadableId);
                writer.WriteString("action", step.ActionId);
                writer.WriteString("timeout", step.TimeoutText);
                writer.WriteNumber("retries", step.Retries);
                writer.WriteBoolean("isDurable", step.IsDurable);
                if (step.RateLimits.Count > 0)
                {
                    // As a task's registration options carry them (CreateTaskOpts.rate_limits: key and units).
                    writer.WriteStartArray("rateLimits");
                    foreach (StepRateLimit limit in step.RateLimits)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("key", limit.Key);
                        writer.WriteNumber("units", limit.Units);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                writer.WriteStartArray("parents");
                foreach (StepDefinition parent in step.Parents)
                {
                    writer.WriteStringValue(parent.ReadableId);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return new RawJson(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    public static long? DurationMs(DateTimeOffset? startedAt, DateTimeOffset? finishedAt) =>
        startedAt is { } s && finishedAt is { } f ? (long)(f - s).TotalMilliseconds : null;
}
