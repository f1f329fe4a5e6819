using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Http.Endpoints;

/// <summary>Task status metrics and queue depth (§5.7).</summary>
internal static class MetricsEndpoints
{
    /// <summary>The server's fixed order of the five entries.</summary>
    private static readonly V1TaskStatus[] MetricOrder =
        [V1TaskStatus.CANCELLED, V1TaskStatus.COMPLETED, V1TaskStatus.FAILED, V1TaskStatus.QUEUED, V1TaskStatus.RUNNING];

    /// <summary>A bare five-entry array of run counts by status; only RUNNING has runningDetailCount.</summary>
    public static ApiResult TaskMetrics(ApiCall call)
    {
        QueryBinder q = call.Query;
        DateTimeOffset since = q.RequiredDate("since");
        DateTimeOffset? until = q.Date("until");
        IReadOnlyList<Guid> workflowIds = q.Uuids("workflow_ids");
        var filter = new RunListFilter
        {
            WorkflowIds = workflowIds.Count > 0 ? [.. workflowIds] : null,
            Metadata = RunListFilter.ParseMetadata(q.Strings("additional_metadata")),
            ParentTaskExternalId = q.Uuid("parent_task_external_id"),
            TriggeringEventExternalId = q.Uuid("triggering_event_external_id"),
        };

        var counts = new long[5];
        foreach (RunRecord run in RunEndpoints.RunsInWindow(call.Tenant, since, until))
        {
            if (!filter.MatchesRun(run))
            {
                continue;
            }

            // Hatchet reads these from its run statuses (v1_statuses_olap, one row per run): a DAG counts once, by the
            // run's status, however many tasks it has.
            counts[Array.IndexOf(MetricOrder, run.Status)]++;
        }

        var rows = new List<WireTaskRunMetric>(5);
        for (int i = 0; i < MetricOrder.Length; i++)
        {
            V1TaskStatus status = MetricOrder[i];
            rows.Add(new WireTaskRunMetric(status.ToString(), counts[i],
                status == V1TaskStatus.RUNNING ? new WireRunningDetailCount(0, counts[i]) : null));
        }

        return ApiResult.Json(rows, EmulatorJson.Context.ListWireTaskRunMetric);
    }

    /// <summary>{"queues": {actionId: queued task count}} over the tenant's queued tasks.</summary>
    public static ApiResult StepRunQueueMetrics(ApiCall call)
    {
        var queues = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (RunRecord run in call.Tenant.RunsOldestFirst)
        {
            if (run.Status.IsFinal())
            {
                continue;
            }

            foreach (TaskRecord task in run.Tasks)
            {
                if (task.Status == V1TaskStatus.QUEUED)
                {
                    queues[task.ActionId] = queues.GetValueOrDefault(task.ActionId) + 1;
                }
            }
        }

        return ApiResult.Json(new WireStepRunQueueMetrics(queues), EmulatorJson.Context.WireStepRunQueueMetrics);
    }
}
