using System.Text.Json;
using HatchetMcp.Hatchet;
using Xunit;

namespace HatchetMcp.Tests.Hatchet;

/// <summary>The wire model reads what the real server sends, quirks and newer fields included, without crashing.</summary>
public sealed class WireModelTests
{
    [Fact]
    public void Run_details_with_zero_times_unknown_values_and_empty_ids_parse()
    {
        var details = JsonSerializer.Deserialize(Samples.RunDetailsJson, HatchetJsonContext.Default.V1WorkflowRunDetails)!;

        Assert.Null(details.Run!.StartedAt);
        Assert.Null(details.Run.FinishedAt);
        Assert.Equal("RUNNING", details.Run.Status);
        Assert.Equal("c-1", details.Run.AdditionalMetadata!["customer"]);
        Assert.Equal(42, details.Run.Input!.Value.GetProperty("order").GetInt32());
        var task = Assert.Single(details.Tasks!);
        Assert.Equal("EVICTED_SOMEDAY", task.Status);
        Assert.Null(task.StepId);
        Assert.Equal(Guid.Empty, details.Shape![0].TaskExternalId);
    }

    [Fact]
    public void Run_details_parse_whatever_the_fields_no_tool_reads_contain()
    {
        // A server may type these loosely: event output as an object (the contract says JSON text), numeric ids as
        // strings, step ids that are not UUIDs. None of it is shown, so none of it may fail the answer.
        const string json = """
            {"run":{"metadata":{"id":"","createdAt":"2026-11-24T10:00:00Z"},"status":"FAILED","displayName":"orders-1"},
             "taskEvents":[{"id":"7","output":{"ok":true},"timestamp":"2026-11-24T10:00:01Z","eventType":"FAILED"}],
             "shape":[{"taskExternalId":"11111111-1111-4111-8111-111111111111","stepId":"step-a","childrenStepIds":["step-b"],"taskName":"charge"}],
             "tasks":[]}
            """;

        var details = JsonSerializer.Deserialize(json, HatchetJsonContext.Default.V1WorkflowRunDetails)!;

        Assert.Equal("FAILED", details.Run!.Status);
        Assert.Null(details.Run.Metadata!.Id);
        Assert.Equal("charge", Assert.Single(details.Shape!).TaskName);
        Assert.Null(details.Shape![0].StepId);
    }

    [Theory]
    [InlineData("1234", 1234L)]
    [InlineData("1234.5", 1235L)]
    [InlineData("\"56\"", 56L)]
    [InlineData("null", null)]
    [InlineData("\"\"", null)]
    [InlineData("{}", null)]
    public void Whole_numbers_are_read_leniently(string duration, long? expected)
    {
        var json = """{"rows":[{"status":"COMPLETED","duration":""" + duration + """}],"pagination":{"num_pages":1}}""";

        var list = JsonSerializer.Deserialize(json, HatchetJsonContext.Default.V1RunList)!;

        Assert.Equal(expected, Assert.Single(list.Rows!).Duration);
    }

    [Theory]
    [InlineData("2026-08-22T14:33:15.123456", 14)]
    [InlineData("2026-08-22T14:33:15.123456Z", 14)]
    [InlineData("2026-08-22T16:33:15.123456+02:00", 14)]
    [InlineData("2026-08-22T09:33:15.123456-05:00", 14)]
    public void A_time_without_an_offset_is_read_as_utc_not_in_the_local_zone(string text, int utcHour)
    {
        // Only tells the difference where the machine's zone is not UTC (there the reader's default shifts the time):
        // run with TZ=Asia/Tokyo to see it fail without the fix.
        var json = "{\"rows\":[{\"status\":\"RUNNING\",\"startedAt\":\"" + text + "\"}]}";

        var started = Assert.Single(JsonSerializer.Deserialize(json, HatchetJsonContext.Default.V1RunList)!.Rows!).StartedAt!.Value;

        Assert.Equal(new DateTimeOffset(2026, 8, 22, utcHour, 33, 15, TimeSpan.Zero).AddTicks(1234560), started);
        Assert.Equal(utcHour, started.UtcDateTime.Hour);
    }

    [Fact]
    public void A_task_metric_without_a_count_is_read_as_unknown_not_a_failure()
    {
        var metrics = JsonSerializer.Deserialize("""[{"status":"FAILED","count":null},{"status":"COMPLETED","count":3.0}]""",
            HatchetJsonContext.Default.ListV1TaskRunMetric)!;

        Assert.Null(metrics[0].Count);
        Assert.Equal(3, metrics[1].Count);
    }

    [Fact]
    public void Metadata_values_of_any_json_kind_are_read_as_text()
    {
        const string json = """
            {"additionalMetadata":{"customer":"c-\u00e9","attempts":3,"vip":true,"note":null,"tags":["a","b"],"where":{"region":"eu"}},"status":"FAILED"}
            """;
        var task = JsonSerializer.Deserialize(json, HatchetJsonContext.Default.V1TaskSummary)!;

        Assert.Equal("c-é", task.AdditionalMetadata!["customer"]);
        Assert.Equal("3", task.AdditionalMetadata["attempts"]);
        Assert.Equal("true", task.AdditionalMetadata["vip"]);
        Assert.Equal("null", task.AdditionalMetadata["note"]);
        Assert.Equal("""["a","b"]""", task.AdditionalMetadata["tags"]);
        Assert.Equal("""{"region":"eu"}""", task.AdditionalMetadata["where"]);
        Assert.Equal("FAILED", task.Status);
    }

    [Theory]
    [InlineData("""{"additionalMetadata":null,"status":"QUEUED"}""")]
    [InlineData("""{"additionalMetadata":["x"],"status":"QUEUED"}""")]
    [InlineData("""{"additionalMetadata":"x","status":"QUEUED"}""")]
    public void Metadata_that_is_not_an_object_reads_as_none_and_the_row_still_parses(string json)
    {
        var task = JsonSerializer.Deserialize(json, HatchetJsonContext.Default.V1TaskSummary)!;

        Assert.Null(task.AdditionalMetadata);
        Assert.Equal("QUEUED", task.Status);
    }

    [Fact]
    public void A_run_list_page_reads_the_listed_fields_and_the_failed_childs_error_and_skips_the_rest()
    {
        const string json = """
            {"pagination":{"current_page":1,"next_page":2,"num_pages":7},
             "rows":[{"metadata":{"id":"59026977-e96f-4a5c-ab84-7487628e9667","createdAt":"2026-11-24T05:56:03.282305Z","updatedAt":"2026-11-24T05:56:03.282305Z"},
               "actionId":"","retryCount":0,"attempt":1,"additionalMetadata":{"customerId":"cus_3065","n":3},
               "createdAt":"2026-11-24T05:56:03.282305Z","displayName":"order-pipeline-1795499763282","duration":1183,"errorMessage":"",
               "finishedAt":"2026-11-24T05:56:04.561229Z","input":{"a":[1,2,{"b":null}]},"output":{},"status":"FAILED",
               "startedAt":"0001-01-01T00:00:00Z","stepId":"","taskExternalId":"59026977-e96f-4a5c-ab84-7487628e9667","taskId":0,
               "type":"DAG","workflowId":"cb5aa115-28aa-40d4-b78e-acddbff3bf68","workflowName":"order-pipeline",
               "workflowRunExternalId":"59026977-e96f-4a5c-ab84-7487628e9667","someFutureField":{"x":1},
               "children":[{"status":"COMPLETED","errorMessage":"","displayName":"reserve","input":{},"output":{"ok":true}},
                           {"status":"FAILED","errorMessage":"KeyError: 'billing_country'\n  at charge","displayName":"charge"}]}]}
            """;
        var list = JsonSerializer.Deserialize(json, HatchetJsonContext.Default.V1RunList)!;

        Assert.Equal(7, list.Pagination!.NumPages);
        var row = Assert.Single(list.Rows!);
        Assert.Equal(Guid.Parse("59026977-e96f-4a5c-ab84-7487628e9667"), row.Metadata!.Id);
        Assert.Equal("order-pipeline", row.WorkflowName);
        Assert.Equal("FAILED", row.Status);
        Assert.Null(row.StartedAt);
        Assert.Equal(1183, row.Duration);
        Assert.Equal(2, row.Children!.Count);
        Assert.Equal("KeyError: 'billing_country'\n  at charge", row.Children[1].ErrorMessage);
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var tenant = JsonSerializer.Deserialize(Samples.TenantJson, HatchetJsonContext.Default.Tenant)!;
        Assert.Equal("acme", tenant.Slug);
    }

    [Fact]
    public void The_trigger_answer_with_return_only_id_parses_despite_null_lists()
    {
        const string json = """
            {"run":{"metadata":{"id":"6b1a1c8e-35a4-4c1b-9a4f-0f7e5d7c2a10","createdAt":"2026-11-24T10:00:00Z","updatedAt":"2026-11-24T10:00:00Z"},
             "displayName":"","status":"","tenantId":"00000000-0000-0000-0000-000000000000","workflowId":"00000000-0000-0000-0000-000000000000","input":{},"output":{}},
             "shape":null,"taskEvents":null,"tasks":null}
            """;
        var details = JsonSerializer.Deserialize(json, HatchetJsonContext.Default.V1WorkflowRunDetails)!;

        Assert.Equal(Guid.Parse("6b1a1c8e-35a4-4c1b-9a4f-0f7e5d7c2a10"), details.Run!.Metadata!.Id);
        Assert.Null(details.Tasks);
    }

    [Fact]
    public void Queue_depths_read_plain_counts_and_counts_per_concurrency_key()
    {
        const string json = """{"queues":{"orders:charge":3,"my-wf":{"user-123":2,"user-9":1},"weird":"x","float:q":4.0}}""";
        var metrics = JsonSerializer.Deserialize(json, HatchetJsonContext.Default.StepRunQueueMetrics)!;

        var depths = metrics.Depths();

        Assert.Contains(new QueueDepth("orders:charge", null, 3), depths);
        Assert.Contains(new QueueDepth("my-wf", "user-123", 2), depths);
        Assert.Contains(new QueueDepth("my-wf", "user-9", 1), depths);
        Assert.Contains(new QueueDepth("float:q", null, 4), depths);
        Assert.Equal(4, depths.Count);
    }

    [Fact]
    public void Workers_with_slot_config_parse()
    {
        const string json = """
            {"pagination":{"current_page":1,"next_page":1,"num_pages":1},
             "rows":[{"metadata":{"id":"11111111-1111-4111-8111-111111111111","createdAt":"2026-11-24T10:00:00Z","updatedAt":"2026-11-24T10:00:00Z"},
                      "name":"worker-a","type":"SELFHOSTED","status":"INACTIVE","lastHeartbeatAt":"2026-11-24T09:59:00Z",
                      "actions":["orders:charge"],"slotConfig":{"default":{"available":0,"limit":10}},
                      "runtimeInfo":{"language":"TYPESCRIPT","sdkVersion":"1.33.2"}}]}
            """;
        var workers = JsonSerializer.Deserialize(json, HatchetJsonContext.Default.WorkerList)!;

        var worker = Assert.Single(workers.Rows!);
        Assert.Equal(10, worker.SlotConfig!["default"].Limit);
        Assert.Equal(0, worker.SlotConfig["default"].Available);
        Assert.Equal("TYPESCRIPT", worker.RuntimeInfo!.Language);
    }

    [Fact]
    public void Task_metrics_parse_as_a_bare_array()
    {
        const string json = """[{"status":"CANCELLED","count":0},{"status":"COMPLETED","count":12},{"status":"FAILED","count":3},{"status":"QUEUED","count":1},{"status":"RUNNING","count":2,"runningDetailCount":{"evicted":0,"onWorker":2}}]""";
        var metrics = JsonSerializer.Deserialize(json, HatchetJsonContext.Default.ListV1TaskRunMetric)!;

        Assert.Equal(5, metrics.Count);
        Assert.Equal(2, metrics[4].RunningDetailCount!.OnWorker);
    }
}
