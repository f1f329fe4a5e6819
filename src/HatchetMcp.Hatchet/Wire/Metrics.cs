using System.Text.Json;
using System.Text.Json.Serialization;

namespace HatchetMcp.Hatchet;

/// <summary>One element of the bare array task-metrics answers (always five, one per status).</summary>
public sealed record V1TaskRunMetric
{
    [JsonPropertyName("status")] public string? Status { get; set; }
    /// <summary>Null when the server sends none (read leniently, like every whole number).</summary>
    [JsonPropertyName("count")] public long? Count { get; set; }
    [JsonPropertyName("runningDetailCount")] public RunningDetailCount? RunningDetailCount { get; set; }
}

public sealed record RunningDetailCount
{
    [JsonPropertyName("evicted")] public long? Evicted { get; set; }
    [JsonPropertyName("onWorker")] public long? OnWorker { get; set; }
}

/// <summary>
/// GET /api/v1/tenants/{t}/step-run-queue-metrics. <c>queues</c> maps a queue (action id) to a count, or a workflow
/// name with concurrency to an object of concurrency key to count, so the values stay raw JSON.
/// </summary>
public sealed record StepRunQueueMetrics
{
    [JsonPropertyName("queues")] public Dictionary<string, JsonElement>? Queues { get; set; }

    /// <summary>Every depth in <see cref="Queues"/>, flattened; values that are neither numbers nor objects are skipped.</summary>
    public IReadOnlyList<QueueDepth> Depths()
    {
        var depths = new List<QueueDepth>();
        if (Queues is null) return depths;
        foreach (var (queue, value) in Queues)
        {
            if (TryCount(value, out var count))
            {
                depths.Add(new QueueDepth(queue, null, count));
            }
            else if (value.ValueKind == JsonValueKind.Object)
            {
                foreach (var keyed in value.EnumerateObject())
                {
                    if (TryCount(keyed.Value, out var keyedCount))
                        depths.Add(new QueueDepth(queue, keyed.Name, keyedCount));
                }
            }
        }
        return depths;
    }

    private static bool TryCount(JsonElement value, out long count)
    {
        count = 0;
        if (value.ValueKind != JsonValueKind.Number) return false;
        if (value.TryGetInt64(out count)) return true;
        if (value.TryGetDouble(out var d)) { count = (long)d; return true; }
        return false;
    }
}

/// <summary>Queued items of one queue, or of one concurrency key of a workflow when <see cref="ConcurrencyKey"/> is set.</summary>
public sealed record QueueDepth(string Queue, string? ConcurrencyKey, long Count);
