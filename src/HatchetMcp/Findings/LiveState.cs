using System.Collections.Concurrent;
using System.Text.Json;
using HatchetMcp.Hatchet;
using HatchetMcp.Shaping;

namespace HatchetMcp.Findings;

/// <summary>
/// What several waiting tasks share, fetched once per call: the workers (as <see cref="QueueCapacity"/>), the rate
/// limits, the queue depths, each workflow version and each concurrency-limited workflow's RUNNING count. A part that
/// cannot be read becomes a note, and the causes it would have shown are left out.
/// </summary>
public sealed class LiveState(IHatchetClient client, DateTimeOffset now)
{
    /// <summary>Rate limits read in one page (a tenant rarely has more).</summary>
    public const int RateLimitPage = 1000;

    private readonly ConcurrentDictionary<string, string> notes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, Lazy<Task<WorkflowVersion?>>> versions = new();
    private readonly ConcurrentDictionary<Guid, Lazy<Task<long?>>> running = new();
    private Lazy<Task<QueueCapacity?>>? capacity;
    private Lazy<Task<IReadOnlyDictionary<string, RateLimitState>?>>? rateLimits;
    private Lazy<Task<IReadOnlyDictionary<string, long>?>>? depths;

    public DateTimeOffset Now => now;

    public IReadOnlyList<string> Notes => notes.Values.Order(StringComparer.Ordinal).ToList();

    public Task<QueueCapacity?> CapacityAsync(CancellationToken cancellationToken) =>
        Once(ref capacity, async () => QueueCapacity.From((await client.ListWorkersAsync(cancellationToken).ConfigureAwait(false)).Rows ?? [], now),
            "workers", "worker causes not checked").Value;

    public Task<IReadOnlyDictionary<string, RateLimitState>?> RateLimitsAsync(CancellationToken cancellationToken) =>
        Once(ref rateLimits, async () =>
        {
            var list = await client.ListRateLimitsAsync(null, RateLimitPage, 0, cancellationToken).ConfigureAwait(false);
            return (IReadOnlyDictionary<string, RateLimitState>)(list.Rows ?? []).Where(r => !string.IsNullOrEmpty(r.Key))
                .GroupBy(r => r.Key!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => new RateLimitState(g.Key, g.First().Value ?? 0, g.First().LimitValue ?? 0, g.First().Window, g.First().LastRefill),
                    StringComparer.Ordinal);
        }, "rate limits", "rate-limit causes not checked").Value;

    /// <summary>Tasks waiting per queue (action id, lower case) as Hatchet counts them now.</summary>
    public Task<IReadOnlyDictionary<string, long>?> QueueDepthsAsync(CancellationToken cancellationToken) =>
        Once(ref depths, async () =>
        {
            var metrics = await client.GetStepRunQueueMetricsAsync(cancellationToken).ConfigureAwait(false);
            return (IReadOnlyDictionary<string, long>)metrics.Depths().Where(d => d.ConcurrencyKey is null)
                .GroupBy(d => d.Queue.ToLowerInvariant(), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(d => d.Count), StringComparer.Ordinal);
        }, "queue depths", "queue depths unknown").Value;

    public Task<WorkflowVersion?> VersionAsync(Guid workflowId, Guid versionId, CancellationToken cancellationToken) =>
        versions.GetOrAdd(versionId, _ => new Lazy<Task<WorkflowVersion?>>(() => Guarded<WorkflowVersion?>(
            async () => await client.GetWorkflowVersionAsync(workflowId, versionId, cancellationToken).ConfigureAwait(false), "workflow versions",
            "rate limits a task declares and concurrency settings not checked for some versions"))).Value;

    /// <summary>Runs of the workflow RUNNING now, counted from one one-row page of the runs list.</summary>
    public Task<long?> RunningRunsAsync(Guid workflowId, CancellationToken cancellationToken) =>
        running.GetOrAdd(workflowId, _ => new Lazy<Task<long?>>(() => Guarded<long?>(async () =>
        {
            var page = await client.ListRunsAsync(new RunListQuery
            {
                Since = now - ProgressBlockers.Lookback,
                Statuses = [V1TaskStatuses.Running],
                WorkflowIds = [workflowId],
                OnlyTasks = false,
                IncludePayloads = false,
                Limit = 1,
            }, cancellationToken).ConfigureAwait(false);
            var bounds = PageBounds.From(0, 1, page.Rows?.Count ?? 0, page.Pagination?.NumPages).Matched;
            return bounds.Exact ?? bounds.AtLeast;
        }, "running runs", "concurrency causes not checked for some workflows"))).Value;

    /// <summary>Rate-limit keys and units the version declares for the action (read leniently from its raw registration options).</summary>
    public static IReadOnlyList<(string Key, int Units)> DeclaredRateLimits(WorkflowVersion? version, string? actionId, string? taskName)
    {
        if (version?.WorkflowConfig is not { ValueKind: JsonValueKind.Object } config ||
            !config.TryGetProperty("tasks", out var tasks) || tasks.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        foreach (var task in tasks.EnumerateArray())
        {
            if (task.ValueKind != JsonValueKind.Object || !Matches(task, actionId, taskName))
            {
                continue;
            }

            if (!(task.TryGetProperty("rateLimits", out var limits) || task.TryGetProperty("rate_limits", out limits)) || limits.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return limits.EnumerateArray()
                .Where(l => l.ValueKind == JsonValueKind.Object && l.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String)
                .Select(l => (l.GetProperty("key").GetString()!,
                    l.TryGetProperty("units", out var u) && u.ValueKind == JsonValueKind.Number && u.TryGetInt32(out var units) ? units : 1))
                .ToList();
        }

        return [];
    }

    private static bool Matches(JsonElement task, string? actionId, string? taskName)
    {
        var action = task.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        var name = task.TryGetProperty("readableId", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        return (actionId is not null && string.Equals(action, actionId, StringComparison.OrdinalIgnoreCase))
            || (taskName is not null && string.Equals(name, taskName, StringComparison.Ordinal));
    }

    private Lazy<Task<T?>> Once<T>(ref Lazy<Task<T?>>? slot, Func<Task<T>> fetch, string what, string consequence) where T : class
    {
        var made = new Lazy<Task<T?>>(() => Guarded<T?>(async () => await fetch().ConfigureAwait(false), what, consequence));
        return Interlocked.CompareExchange(ref slot, made, null) ?? made;
    }

    private async Task<T?> Guarded<T>(Func<Task<T?>> fetch, string what, string consequence)
    {
        try
        {
            return await fetch().ConfigureAwait(false);
        }
        catch (HatchetApiException e)
        {
            notes.TryAdd(what, $"{what} could not be read ({e.StatusCode}): {consequence}");
            return default;
        }
    }
}
