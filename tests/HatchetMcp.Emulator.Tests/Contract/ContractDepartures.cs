namespace HatchetMcp.Emulator.Tests.Contract;

/// <summary>
/// THE table of every place where the real Hatchet server (and so the emulator) departs from openapi.yaml.
/// Each entry cites the section of the Hatchet server behaviour notes (server-behaviour.md) it follows and is proved by its own
/// test (marked [ProvesDeparture(id)]; DepartureTableTests checks that every entry has one). An entry may patch
/// a schema (spec bugs) or exempt a response from schema validation (shapes the contract does not describe);
/// behaviour-only entries do neither and are asserted by their test alone.
/// </summary>
internal static class ContractDepartures
{
    public static IReadOnlyList<ContractDeparture> All { get; } =
    [
        new(DepartureId.TaskSummaryRequiresAbsentId, "§1.7",
            "V1TaskSummary lists `id` as required, but the server has no such property (the id is metadata.id).",
            Patch: new RequiredPropertyPatch("V1TaskSummary", "id")),

        new(DepartureId.WorkflowRunRequiresAbsentId, "§1.7, §5.4",
            "V1WorkflowRun lists `id` as required, but the server has no such property (the id is metadata.id).",
            Patch: new RequiredPropertyPatch("V1WorkflowRun", "id")),

        new(DepartureId.MiddlewareErrorsUseMessageShape, "§1.3 (2), §1.4",
            "Middleware, binding and populator errors (bad UUID 400, not-found 404, bad credentials 403) answer Echo's " +
            "{\"message\":…}, not the declared APIErrors/APIError.",
            Exempts: (operation, response) =>
                response.Status is 400 or 403 or 404 && ContractSchemas.Declares(operation, response.Status) && response.IsMessageBody()),

        new(DepartureId.InternalErrorsAre500Message, "§1.3 (3), §5.14",
            "Handler failures and panics (limit=0 on run lists, log limit above 10000, both ids and filter, deprecated " +
            "panics) answer 500 {\"message\":\"Internal Server Error\"}, a status most operations do not declare.",
            Exempts: (_, response) => response.Status == 500 && response.IsMessageBody("Internal Server Error")),

        new(DepartureId.NotFoundOutsideContract, "§1.4, §5.4",
            "The populator answers 404 {\"message\":\"not found\"} for a missing resource even where the operation " +
            "declares no 404 (run get: a missing run or a DAG child's task id).",
            Exempts: (operation, response) =>
                response.Status == 404 && !ContractSchemas.Declares(operation, 404) && response.IsMessageBody()),

        new(DepartureId.BearerRefusedOffTenantRoutes, "§1.2, §1.4",
            "An API token only authenticates on tenant-scoped routes; cookie-only and tenantless routes (users/current, " +
            "meta/integrations, POST /tenants, dags/tasks) answer 403 {\"message\":\"Please provide valid credentials\"} " +
            "even where the operation declares no 403.",
            Exempts: (operation, response) =>
                response.Status == 403 && !ContractSchemas.Declares(operation, 403) && response.IsMessageBody("Please provide valid credentials")),

        new(DepartureId.TokenManagementRefused401, "§1.2",
            "api-token:list/create/update:revoke refuse bearer tokens with 401 {\"message\":\"Not authorized to perform this " +
            "operation\"}, a status those operations do not declare.",
            Exempts: (operation, response) =>
                response.Status == 401 && operation.OperationId.StartsWith("api-token:", StringComparison.Ordinal) &&
                !ContractSchemas.Declares(operation, 401) && response.IsMessageBody("Not authorized to perform this operation")),

        new(DepartureId.TriggerReturnOnlyIdSendsNilSlices, "§1.7, §5.8",
            "Trigger with return_only_id answers `shape`, `taskEvents` and `tasks` as null (Go nil slices) and " +
            "run.status \"\", although V1WorkflowRunDetails requires arrays and a V1TaskStatus.",
            Exempts: (operation, response) =>
                operation.OperationId == "v1-workflow-run:create" && response.Status == 200 &&
                response.TryParseBody() is System.Text.Json.Nodes.JsonObject body &&
                body.ContainsKey("tasks") && body["tasks"] is null),

        new(DepartureId.RunDetailsSendZeroTimes, "§4 get_run, §8.6",
            "Run details always send run.startedAt/finishedAt, as \"0001-01-01T00:00:00Z\" when unset, where the " +
            "contract makes them optional."),

        new(DepartureId.IncludePayloadsDefaultsFalse, "§5.3",
            "The contract says include_payloads defaults to true; the server treats an absent value as false."),

        new(DepartureId.RunRowsAreTypedDag, "§4 only_tasks",
            "only_tasks=false rows are all type \"DAG\", standalone task runs included."),

        new(DepartureId.TaskEventsIgnorePaging, "§5.4",
            "Run task-events declares offset/limit but answers every event with pagination {}."),

        new(DepartureId.QueueMetricsDeprecated, "§5.7, §5.14",
            "GET /tenants/{tenant}/queue-metrics is declared with a 200 TenantQueueMetrics but always answers 400 " +
            "\"TenantGetQueueMetrics is deprecated\"."),

        new(DepartureId.V0RunRoutesDeprecated, "§5.14",
            "Routes whose resources include a v0 workflow-run (for example …/workflow-runs/{id}/shape) answer 400 " +
            "{\"message\":\"This endpoint is deprecated.\"} instead of their declared bodies."),

        new(DepartureId.LogSearchIsSubstring, "§5.5",
            "Log `search` is declared as full-text search; the server does a case-insensitive substring match " +
            "(ILIKE '%' || search || '%': `%` and `_` in it are wildcards, a backslash escapes them)."),

        new(DepartureId.TriggerPriorityRange, "§5.8",
            "The contract leaves `priority` unbounded; the server answers 400 unless it is 1..3."),
    ];

    public static ContractDeparture Get(string id) => All.Single(d => d.Id == id);
}

/// <summary>One documented departure from the contract.</summary>
internal sealed record ContractDeparture(
    string Id,
    string Section,
    string Summary,
    Func<ContractOperation, ObservedResponse, bool>? Exempts = null,
    RequiredPropertyPatch? Patch = null)
{
    public override string ToString() => $"{Id} ({Section})";
}

/// <summary>Names of the departures, usable in attributes.</summary>
internal static class DepartureId
{
    public const string TaskSummaryRequiresAbsentId = nameof(TaskSummaryRequiresAbsentId);
    public const string WorkflowRunRequiresAbsentId = nameof(WorkflowRunRequiresAbsentId);
    public const string MiddlewareErrorsUseMessageShape = nameof(MiddlewareErrorsUseMessageShape);
    public const string InternalErrorsAre500Message = nameof(InternalErrorsAre500Message);
    public const string NotFoundOutsideContract = nameof(NotFoundOutsideContract);
    public const string TriggerReturnOnlyIdSendsNilSlices = nameof(TriggerReturnOnlyIdSendsNilSlices);
    public const string BearerRefusedOffTenantRoutes = nameof(BearerRefusedOffTenantRoutes);
    public const string TokenManagementRefused401 = nameof(TokenManagementRefused401);
    public const string RunDetailsSendZeroTimes = nameof(RunDetailsSendZeroTimes);
    public const string IncludePayloadsDefaultsFalse = nameof(IncludePayloadsDefaultsFalse);
    public const string RunRowsAreTypedDag = nameof(RunRowsAreTypedDag);
    public const string TaskEventsIgnorePaging = nameof(TaskEventsIgnorePaging);
    public const string QueueMetricsDeprecated = nameof(QueueMetricsDeprecated);
    public const string V0RunRoutesDeprecated = nameof(V0RunRoutesDeprecated);
    public const string LogSearchIsSubstring = nameof(LogSearchIsSubstring);
    public const string TriggerPriorityRange = nameof(TriggerPriorityRange);
}

/// <summary>Marks the test that proves the emulator shows one departure of <see cref="ContractDepartures"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class ProvesDepartureAttribute(string id) : Attribute
{
    public string Id { get; } = id;
}
