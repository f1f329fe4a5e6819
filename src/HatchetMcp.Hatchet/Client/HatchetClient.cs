using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Http.Resilience;
using Polly.Timeout;

namespace HatchetMcp.Hatchet;

/// <summary>The <see cref="IHatchetClient"/> over HttpClient. Thread-safe: it holds no per-call state.</summary>
public sealed class HatchetClient : IHatchetClient, IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly HatchetSettings _settings;
    private readonly HatchetErrorTranslator _errors;
    private readonly string _base;
    private readonly bool _ownsHttp;

    /// <summary>
    /// For DI: <paramref name="http"/> must already carry the resilience and buffering handlers and an infinite
    /// HttpClient.Timeout (see AddHatchetClient); the pipeline enforces <see cref="HatchetSettings.Timeout"/>.
    /// </summary>
    public HatchetClient(HttpClient http, HatchetSettings settings, TimeProvider time)
        : this(http, settings, time, ownsHttp: false)
    {
    }

    private HatchetClient(HttpClient http, HatchetSettings settings, TimeProvider time, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        _http = http;
        _settings = settings;
        _errors = new HatchetErrorTranslator(settings, time);
        _base = settings.ApiBase.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _ownsHttp = ownsHttp;
    }

    /// <summary>
    /// A client around a given handler (a stub in tests, a SocketsHttpHandler in the bench), with the same resilience
    /// pipeline as <see cref="HatchetServiceCollectionExtensions.AddHatchetClient"/>. Disposing the client disposes the handler.
    /// </summary>
    public static HatchetClient Create(HatchetSettings settings, HttpMessageHandler handler, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(handler);
        time ??= TimeProvider.System;
        var pipeline = new ResilienceHandler(HatchetResiliencePipeline.Create(settings, time))
        {
            InnerHandler = new BufferingHandler(handler),
        };
        // The pipeline owns timeouts; HttpClient's own would surface as a bare cancellation.
        var http = new HttpClient(pipeline, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        return new HatchetClient(http, settings, time, ownsHttp: true);
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    public Task<Tenant> GetTenantAsync(CancellationToken cancellationToken) =>
        GetAsync(HatchetPaths.Tenant(_settings.TenantId), HatchetJsonContext.Default.Tenant,
            HatchetResource.Tenant(_settings.TenantId), cancellationToken);

    public async Task<string> GetVersionAsync(CancellationToken cancellationToken)
    {
        var version = await GetAsync(HatchetPaths.Version, HatchetJsonContext.Default.ApiVersion,
            HatchetResource.Server, cancellationToken).ConfigureAwait(false);
        return version.Version ?? "";
    }

    public Task<WorkflowList> ListWorkflowsAsync(string? name, int? limit, int? offset, CancellationToken cancellationToken)
    {
        RequireLimit(limit, nameof(limit), int.MaxValue);
        RequireOffset(offset, nameof(offset));
        var query = new QueryStringBuilder()
            .Add("offset", offset)
            .Add("limit", limit)
            .Add("name", string.IsNullOrWhiteSpace(name) ? null : name.Trim());
        return GetAsync(HatchetPaths.Workflows(_settings.TenantId) + query, HatchetJsonContext.Default.WorkflowList,
            HatchetResource.Tenant(_settings.TenantId), cancellationToken);
    }

    public Task<Workflow> GetWorkflowAsync(Guid workflowId, CancellationToken cancellationToken) =>
        GetAsync(HatchetPaths.Workflow(workflowId), HatchetJsonContext.Default.Workflow,
            HatchetResource.Workflow(workflowId), cancellationToken);

    public Task<WorkflowVersion> GetWorkflowVersionAsync(Guid workflowId, Guid? versionId, CancellationToken cancellationToken) =>
        GetAsync(HatchetPaths.WorkflowVersions(workflowId) + new QueryStringBuilder().Add("version", versionId),
            HatchetJsonContext.Default.WorkflowVersion, HatchetResource.Workflow(workflowId), cancellationToken);

    public Task<CronWorkflowList> ListCronsAsync(Guid? workflowId, int limit, int offset, CancellationToken cancellationToken)
    {
        RequireLimit(limit, nameof(limit), int.MaxValue);
        RequireOffset(offset, nameof(offset));
        var query = new QueryStringBuilder()
            .Add("workflowId", workflowId)
            .Add("offset", offset == 0 ? null : offset)
            .Add("limit", limit)
            .Add("orderByField", "createdAt")
            .Add("orderByDirection", "DESC");
        return GetAsync(HatchetPaths.Crons(_settings.TenantId) + query, HatchetJsonContext.Default.CronWorkflowList,
            HatchetResource.Tenant(_settings.TenantId), cancellationToken);
    }

    public Task<ScheduledWorkflowList> ListScheduledAsync(Guid? workflowId, IReadOnlyList<string> statuses, int limit, int offset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        RequireLimit(limit, nameof(limit), int.MaxValue);
        RequireOffset(offset, nameof(offset));
        var query = new QueryStringBuilder()
            .Add("workflowId", workflowId)
            .AddEach("statuses", statuses)
            .Add("offset", offset == 0 ? null : offset)
            .Add("limit", limit)
            .Add("orderByField", "triggerAt")
            .Add("orderByDirection", "ASC");
        return GetAsync(HatchetPaths.Scheduled(_settings.TenantId) + query, HatchetJsonContext.Default.ScheduledWorkflowList,
            HatchetResource.Tenant(_settings.TenantId), cancellationToken);
    }

    public Task<V1EventList> ListEventsAsync(DateTimeOffset since, DateTimeOffset? until, IReadOnlyList<string> keys, int limit, int offset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        RequireLimit(limit, nameof(limit), int.MaxValue);
        RequireOffset(offset, nameof(offset));
        var query = new QueryStringBuilder()
            .Add("since", since)
            .Add("until", until)
            .AddEach("keys", keys)
            .Add("offset", offset == 0 ? null : offset)
            .Add("limit", limit);
        return GetAsync(HatchetPaths.Events(_settings.TenantId) + query, HatchetJsonContext.Default.V1EventList,
            HatchetResource.Tenant(_settings.TenantId), cancellationToken);
    }

    public Task<V1RunList> ListRunsAsync(RunListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = HatchetPaths.Runs(_settings.TenantId) + BuildRunListQuery(query);
        return GetAsync(path, HatchetJsonContext.Default.V1RunList, HatchetResource.Tenant(_settings.TenantId), cancellationToken);
    }

    public async Task<RunLookupResult> GetRunAsync(Guid runOrTaskId, CancellationToken cancellationToken)
    {
        try
        {
            var run = await GetAsync(HatchetPaths.Run(runOrTaskId), HatchetJsonContext.Default.V1WorkflowRunDetails,
                HatchetResource.Run(runOrTaskId), cancellationToken).ConfigureAwait(false);
            return RunLookupResult.ForRun(run);
        }
        catch (HatchetApiException notFound) when (notFound.Kind == HatchetErrorKind.NotFound)
        {
            // Hatchet's run lookup only knows runs; a task inside a DAG has its own id and is found on the task endpoint.
        }

        var task = await GetAsync(HatchetPaths.Task(runOrTaskId), HatchetJsonContext.Default.V1TaskSummary,
            HatchetResource.RunOrTask(runOrTaskId), cancellationToken).ConfigureAwait(false);
        return RunLookupResult.ForTask(task);
    }

    public Task<V1TaskSummary> GetTaskAsync(Guid taskId, int? attempt, CancellationToken cancellationToken)
    {
        if (attempt is < 1) throw new ArgumentOutOfRangeException(nameof(attempt), attempt, "attempt must be 1 or more (1 is the first attempt).");
        var query = new QueryStringBuilder().Add("attempt", attempt);
        return GetAsync(HatchetPaths.Task(taskId) + query, HatchetJsonContext.Default.V1TaskSummary,
            HatchetResource.Task(taskId), cancellationToken);
    }

    public Task<V1TaskEventList> ListTaskEventsAsync(Guid taskId, CancellationToken cancellationToken) =>
        GetAsync(HatchetPaths.TaskEvents(taskId), HatchetJsonContext.Default.V1TaskEventList, HatchetResource.Task(taskId), cancellationToken);

    public Task<V1LogLineList> ListTaskLogsAsync(Guid taskId, LogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.WorkflowIds is { Count: > 0 }) throw new ArgumentException("WorkflowIds filter the tenant logs endpoint only.", nameof(query));
        var path = HatchetPaths.TaskLogs(taskId) + BuildLogQuery(query, new QueryStringBuilder());
        return GetAsync(path, HatchetJsonContext.Default.V1LogLineList, HatchetResource.Task(taskId), cancellationToken);
    }

    public Task<V1LogLineList> ListLogsAsync(IReadOnlyList<Guid> taskIds, LogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        ArgumentNullException.ThrowIfNull(query);
        var builder = new QueryStringBuilder()
            .AddEach("taskExternalIds", taskIds.Count == 0 ? null : taskIds)
            .AddEach("workflow_ids", query.WorkflowIds is { Count: > 0 } w ? w : null);
        var path = HatchetPaths.TenantLogs(_settings.TenantId) + BuildLogQuery(query, builder);
        return GetAsync(path, HatchetJsonContext.Default.V1LogLineList, HatchetResource.Tenant(_settings.TenantId), cancellationToken);
    }

    public Task<WorkerList> ListWorkersAsync(CancellationToken cancellationToken) =>
        GetAsync(HatchetPaths.Workers(_settings.TenantId), HatchetJsonContext.Default.WorkerList,
            HatchetResource.Tenant(_settings.TenantId), cancellationToken);

    public Task<Worker> GetWorkerAsync(Guid workerId, CancellationToken cancellationToken) =>
        GetAsync(HatchetPaths.Worker(workerId), HatchetJsonContext.Default.Worker, HatchetResource.Worker(workerId), cancellationToken);

    public Task<RateLimitList> ListRateLimitsAsync(string? search, int limit, int offset, CancellationToken cancellationToken)
    {
        RequireLimit(limit, nameof(limit), int.MaxValue);
        RequireOffset(offset, nameof(offset));
        var query = new QueryStringBuilder()
            .Add("offset", offset)
            .Add("limit", limit)
            .Add("search", string.IsNullOrWhiteSpace(search) ? null : search.Trim())
            .Add("orderByField", "key")
            .Add("orderByDirection", "asc");
        return GetAsync(HatchetPaths.RateLimits(_settings.TenantId) + query, HatchetJsonContext.Default.RateLimitList,
            HatchetResource.Tenant(_settings.TenantId), cancellationToken);
    }

    public async Task<IReadOnlyList<V1TaskRunMetric>> GetTaskMetricsAsync(DateTimeOffset since, DateTimeOffset? until,
        IReadOnlyList<Guid>? workflowIds, CancellationToken cancellationToken)
    {
        var query = new QueryStringBuilder()
            .Add("since", since)
            .Add("until", until)
            .AddEach("workflow_ids", workflowIds);
        return await GetAsync(HatchetPaths.TaskMetrics(_settings.TenantId) + query, HatchetJsonContext.Default.ListV1TaskRunMetric,
            HatchetResource.Tenant(_settings.TenantId), cancellationToken).ConfigureAwait(false);
    }

    public Task<StepRunQueueMetrics> GetStepRunQueueMetricsAsync(CancellationToken cancellationToken) =>
        GetAsync(HatchetPaths.StepRunQueueMetrics(_settings.TenantId), HatchetJsonContext.Default.StepRunQueueMetrics,
            HatchetResource.Tenant(_settings.TenantId), cancellationToken);

    public Task<V1WorkflowRunDetails> TriggerAsync(TriggerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.WorkflowName))
            throw new ArgumentException("WorkflowName must name a workflow (list_workflows gives names).", nameof(request));
        if (request.Input.ValueKind != JsonValueKind.Object)
            throw new ArgumentException("Input must be a JSON object, e.g. {} or {\"key\": \"value\"}.", nameof(request));
        if (request.Priority is < 1 or > 3)
            throw new ArgumentOutOfRangeException(nameof(request), request.Priority, "Priority must be 1, 2 or 3.");

        var body = new V1TriggerWorkflowRunRequest
        {
            WorkflowName = request.WorkflowName.Trim(),
            Input = request.Input,
            AdditionalMetadata = request.AdditionalMetadata is null ? null : new Dictionary<string, string>(request.AdditionalMetadata),
            Priority = request.Priority,
            ReturnOnlyId = request.ReturnOnlyId ? true : null,
        };
        return PostAsync(HatchetPaths.Trigger(_settings.TenantId),
            JsonBody(body, HatchetJsonContext.Default.V1TriggerWorkflowRunRequest),
            HatchetJsonContext.Default.V1WorkflowRunDetails, HatchetResource.Tenant(_settings.TenantId), cancellationToken);
    }

    public Task<V1TaskIdsResponse> CancelAsync(IReadOnlyList<Guid> externalIds, CancellationToken cancellationToken) =>
        PostIdsAsync(HatchetPaths.Cancel(_settings.TenantId), externalIds, cancellationToken);

    public Task<V1TaskIdsResponse> ReplayAsync(IReadOnlyList<Guid> externalIds, CancellationToken cancellationToken) =>
        PostIdsAsync(HatchetPaths.Replay(_settings.TenantId), externalIds, cancellationToken);

    public Task<Worker> PauseWorkerAsync(Guid workerId, CancellationToken cancellationToken) =>
        PatchWorkerAsync(workerId, paused: true, cancellationToken);

    public Task<Worker> ResumeWorkerAsync(Guid workerId, CancellationToken cancellationToken) =>
        PatchWorkerAsync(workerId, paused: false, cancellationToken);

    public Task<Workflow> PauseWorkflowAsync(Guid workflowId, WorkflowPauseSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return PatchWorkflowAsync(workflowId, settings.ToRequest(), cancellationToken);
    }

    public Task<Workflow> ResumeWorkflowAsync(Guid workflowId, CancellationToken cancellationToken) =>
        PatchWorkflowAsync(workflowId, new PauseWorkflowRequest { Action = PauseWorkflowRequest.UnpauseAction }, cancellationToken);

    internal static string BuildRunListQuery(RunListQuery query)
    {
        RequireLimit(query.Limit, nameof(query.Limit), int.MaxValue);
        RequireOffset(query.Offset, nameof(query.Offset));
        var builder = new QueryStringBuilder()
            .Add("since", query.Since)
            .Add("until", query.Until)
            .Add("only_tasks", query.OnlyTasks)
            .Add("include_payloads", query.IncludePayloads)
            .Add("offset", query.Offset)
            .Add("limit", query.Limit)
            .AddEach("statuses", query.Statuses)
            .AddEach("workflow_ids", query.WorkflowIds)
            .AddEach("additional_metadata", query.AdditionalMetadata?.Select(MetadataPair))
            .Add("additional_metadata_operator", query.AdditionalMetadataOperator)
            .Add("worker_id", query.WorkerId)
            .Add("parent_task_external_id", query.ParentTaskExternalId);
        return builder.ToString();
    }

    internal static string BuildLogQuery(LogQuery query, QueryStringBuilder builder)
    {
        RequireLimit(query.Limit, nameof(query.Limit), LogQuery.MaxLimit);
        if (query.Attempt is < 1) throw new ArgumentOutOfRangeException(nameof(query), query.Attempt, "Attempt must be 1 or more.");
        return builder
            .Add("limit", query.Limit)
            .Add("since", query.Since)
            .Add("until", query.Until)
            .Add("search", string.IsNullOrEmpty(query.Search) ? null : query.Search)
            .AddEach("levels", query.Levels)
            .Add("order_by_direction", query.NewestFirst switch { true => "DESC", false => "ASC", null => null })
            .Add("attempt", query.Attempt)
            .ToString();
    }

    private static string MetadataPair(KeyValuePair<string, string> pair)
    {
        if (string.IsNullOrEmpty(pair.Key) || pair.Key.Contains(':', StringComparison.Ordinal))
            throw new ArgumentException("A metadata filter key must be non-empty and contain no ':' (Hatchet splits key:value at the first colon).", nameof(pair));
        return $"{pair.Key}:{pair.Value}";
    }

    private static void RequireLimit(int? limit, string name, int max)
    {
        if (limit is < 1 || limit > max)
            throw new ArgumentOutOfRangeException(name, limit, $"{name} must be from 1 to {max}.");
    }

    private static void RequireOffset(int? offset, string name)
    {
        if (offset is < 0) throw new ArgumentOutOfRangeException(name, offset, $"{name} must be 0 or more.");
    }

    private Task<V1TaskIdsResponse> PostIdsAsync(string path, IReadOnlyList<Guid> externalIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(externalIds);
        if (externalIds.Count == 0) throw new ArgumentException("Name at least one run or task id.", nameof(externalIds));
        var body = new V1TaskIdsRequest { ExternalIds = externalIds.Distinct().ToList() };
        return PostAsync(path, JsonBody(body, HatchetJsonContext.Default.V1TaskIdsRequest),
            HatchetJsonContext.Default.V1TaskIdsResponse, HatchetResource.Tenant(_settings.TenantId), cancellationToken);
    }

    private Task<Worker> PatchWorkerAsync(Guid workerId, bool paused, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, HatchetPaths.Worker(workerId),
            JsonBody(new UpdateWorkerRequest { IsPaused = paused }, HatchetJsonContext.Default.UpdateWorkerRequest),
            HatchetJsonContext.Default.Worker, HatchetResource.Worker(workerId), cancellationToken);

    private Task<Workflow> PatchWorkflowAsync(Guid workflowId, PauseWorkflowRequest pause, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, HatchetPaths.Workflow(workflowId),
            JsonBody(new WorkflowUpdateRequest { Pause = pause }, HatchetJsonContext.Default.WorkflowUpdateRequest),
            HatchetJsonContext.Default.Workflow, HatchetResource.Workflow(workflowId), cancellationToken);

    /// <summary>
    /// A request body serialised up front, so it goes out with a Content-Length and a plain <c>application/json</c> type.
    /// (<c>JsonContent</c> streams: its body is sent chunked and typed with a charset, which servers that read
    /// Content-Length or compare the media type exactly take for an empty or unsupported body.)
    /// </summary>
    internal static ByteArrayContent JsonBody<T>(T value, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>A body not buffered by <see cref="BufferingHandler"/> (a handler swapped in by a host) is read as a stream.</summary>
    private static async Task<T?> DeserializeStreamAsync<T>(HttpContent content, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<T> GetAsync<T>(string pathAndQuery, JsonTypeInfo<T> type, HatchetResource resource, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, pathAndQuery, content: null, type, resource, cancellationToken);

    private Task<T> PostAsync<T>(string path, HttpContent content, JsonTypeInfo<T> type, HatchetResource resource, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, content, type, resource, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string pathAndQuery, HttpContent? content, JsonTypeInfo<T> type,
        HatchetResource resource, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_base + pathAndQuery, UriKind.Absolute)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _settings.Token.Value);
        request.Headers.Accept.Add(Json);

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException timeout)
        {
            throw _errors.Timeout(timeout);
        }
        catch (OperationCanceledException canceled) when (!cancellationToken.IsCancellationRequested)
        {
            throw _errors.Timeout(canceled);
        }
        catch (HttpRequestException transport)
        {
            throw _errors.Unreachable(transport);
        }

        using (response)
        {
            // The body is already buffered by BufferingHandler, so these reads do not touch the network.
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw _errors.FromResponse(response, text, resource);
            }

            try
            {
                var value = response.Content is PooledBody body
                    ? JsonSerializer.Deserialize(body.Span, type)
                    : await DeserializeStreamAsync(response.Content, type, cancellationToken).ConfigureAwait(false);
                return value ?? throw _errors.InvalidBody($"{(int)response.StatusCode} to {method} {StripQuery(pathAndQuery)}", null);
            }
            catch (JsonException invalid)
            {
                throw _errors.InvalidBody($"{(int)response.StatusCode} to {method} {StripQuery(pathAndQuery)}", invalid);
            }
        }
    }

    private static string StripQuery(string pathAndQuery)
    {
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? pathAndQuery : pathAndQuery[..q];
    }
}
