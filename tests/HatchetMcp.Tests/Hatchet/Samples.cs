namespace HatchetMcp.Tests.Hatchet;

/// <summary>Bodies shaped like the real server's (behaviour notes §1.7, §4, §5), quirks included.</summary>
internal static class Samples
{
    public const string RunId = "6b1a1c8e-35a4-4c1b-9a4f-0f7e5d7c2a10";
    public const string TaskId = "9d3e2f41-7c6b-4a58-8e21-3b4c5d6e7f80";
    public const string WorkflowId = "1e2d3c4b-5a69-4788-97a6-b5c4d3e2f1a0";

    public const string TenantJson = """
        {"metadata":{"id":"707d0855-80ab-4e1f-a156-f1c4546cbf52","createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"},
         "name":"Acme","slug":"acme","version":"V1","serverUrl":"http://hatchet.test:8080","someNewField":{"x":1}}
        """;

    public const string RunDetailsJson = $$$"""
        {"run":{"metadata":{"id":"{{{RunId}}}","createdAt":"2026-11-24T10:00:00Z","updatedAt":"2026-11-24T10:00:00Z"},
                "status":"RUNNING","startedAt":"0001-01-01T00:00:00Z","finishedAt":"0001-01-01T00:00:00Z","duration":-62135596800000,
                "tenantId":"707d0855-80ab-4e1f-a156-f1c4546cbf52","displayName":"orders-1764","workflowId":"{{{WorkflowId}}}",
                "output":{},"input":{"order":42},"errorMessage":"","additionalMetadata":{"customer":"c-1"}},
         "taskEvents":[{"id":1,"taskId":"{{{TaskId}}}","timestamp":"2026-11-24T10:00:01.123456Z","eventType":"SOME_FUTURE_EVENT","message":"m"}],
         "shape":[{"taskExternalId":"00000000-0000-0000-0000-000000000000","stepId":"{{{TaskId}}}","childrenStepIds":[],"taskName":"charge"}],
         "tasks":[{"metadata":{"id":"{{{TaskId}}}","createdAt":"2026-11-24T10:00:00Z","updatedAt":"2026-11-24T10:00:00Z"},
                   "status":"EVICTED_SOMEDAY","type":"TASK","stepId":"","taskExternalId":"{{{TaskId}}}","taskId":12,
                   "createdAt":"2026-11-24T10:00:00Z","displayName":"charge-1764","input":{},"output":{},"numSpawnedChildren":0,
                   "taskInsertedAt":"2026-11-24T10:00:00Z","tenantId":"707d0855-80ab-4e1f-a156-f1c4546cbf52",
                   "workflowId":"{{{WorkflowId}}}","workflowRunExternalId":"{{{RunId}}}","errorMessage":""}]}
        """;

    public const string TaskJson = $$"""
        {"metadata":{"id":"{{TaskId}}","createdAt":"2026-11-24T10:00:00Z","updatedAt":"2026-11-24T10:00:00Z"},
         "status":"FAILED","type":"TASK","taskExternalId":"{{TaskId}}","taskId":12,"attempt":2,"retryCount":1,
         "createdAt":"2026-11-24T10:00:00Z","displayName":"charge-1764","input":{},"output":{},"numSpawnedChildren":0,
         "taskInsertedAt":"2026-11-24T10:00:00Z","tenantId":"707d0855-80ab-4e1f-a156-f1c4546cbf52",
         "workflowId":"{{WorkflowId}}","workflowRunExternalId":"{{RunId}}","errorMessage":"TimeoutError: gateway"}
        """;

    public const string EmptyRunList = """{"pagination":{"current_page":1,"next_page":2,"num_pages":0},"rows":[]}""";

    public const string EmptyLogs = """{"pagination":{"current_page":0,"next_page":0,"num_pages":0},"rows":[]}""";

    public const string NotFound = """{"message":"not found"}""";
}
