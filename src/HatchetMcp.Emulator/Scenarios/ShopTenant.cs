using HatchetMcp.Emulator.Model;
using static HatchetMcp.Emulator.Scenarios.WorkflowFactory;

namespace HatchetMcp.Emulator.Scenarios;

/// <summary>
/// The default tenant, an online shop: twelve workflows (one DAG), seven workers (a saturated, a paused and an
/// inactive one among them) and four rate limits (one nearly exhausted, one exhausted). Four workflows exist to hold
/// runs for one reason each: send-sms by its exhausted rate limit, export-orders by having no worker at all,
/// transcode-video by its only worker being paused, rebuild-search-index by its concurrency setting.
/// </summary>
internal sealed class ShopTenant
{
    /// <summary>The input schema send-email's versions registered; every seeded send-email input satisfies it.</summary>
    internal const string SendEmailInputSchema = """
        {"$defs":{"Template":{"enum":["welcome","order-confirmation","password-reset","shipping-update"],"title":"Template","type":"string"}},
         "properties":{"to":{"pattern":"^[^@\\s]+@[^@\\s]+$","title":"To","type":"string"},
                       "template":{"$ref":"#/$defs/Template"},
                       "customerId":{"minLength":1,"title":"Customer Id","type":"string"}},
         "required":["to","template","customerId"],"title":"SendEmailInput","type":"object"}
        """;

    public const string TenantName = "Acme Shop";
    public const string NearlyExhaustedRateLimit = "email-provider";
    public const string ExhaustedRateLimit = "sms-gateway";

    public required TenantData Tenant { get; init; }
    public required WorkflowDefinition OrderPipeline { get; init; }
    public required WorkflowDefinition SendEmail { get; init; }
    public required WorkflowDefinition ChargePayment { get; init; }
    public required WorkflowDefinition ResizeImage { get; init; }
    public required WorkflowDefinition WebhookDispatch { get; init; }
    public required WorkflowDefinition GenerateReport { get; init; }
    public required WorkflowDefinition SyncInventory { get; init; }
    public required WorkflowDefinition NightlyCleanup { get; init; }
    public required WorkflowDefinition SendSms { get; init; }
    public required WorkflowDefinition ExportOrders { get; init; }
    public required WorkflowDefinition TranscodeVideo { get; init; }
    public required WorkflowDefinition RebuildSearchIndex { get; init; }
    public required WorkerRecord ReportsWorker { get; init; }
    public required WorkerRecord PausedWorker { get; init; }
    public required WorkerRecord InventoryWorker { get; init; }
    /// <summary>The charge-payment script: healthy until <c>deployAt</c>, then failing on every attempt.</summary>
    public required TaskScript ChargeScript { get; init; }

    public static ShopTenant Build(TenantData t, DateTimeOffset now, DateTimeOffset deployAt)
    {
        var born = now - TimeSpan.FromDays(40);

        var validate = new TaskScript
        {
            MinDuration = TimeSpan.FromMilliseconds(150), MaxDuration = TimeSpan.FromMilliseconds(700),
            FailureProbability = 0.025, Errors = [ErrorCatalog.OrderValidation],
            ProgressLines = ["Validating order for customer {meta:customerId}", "Order has {n} line items"],
            OutputTemplate = "{\"valid\":true,\"lineItems\":{n}}",
        };
        var reserve = new TaskScript
        {
            MinDuration = TimeSpan.FromMilliseconds(400), MaxDuration = TimeSpan.FromSeconds(2),
            FailureProbability = 0.03, Errors = [ErrorCatalog.InventoryUnavailable],
            ProgressLines = ["Reserving stock in {meta:region}", "Reserved {n} units"],
            OutputTemplate = "{\"reservationId\":\"res_{n}\"}",
        };
        var fraud = new TaskScript
        {
            MinDuration = TimeSpan.FromSeconds(1), MaxDuration = TimeSpan.FromSeconds(4), TimeoutProbability = 0.01,
            ProgressLines = ["Scoring order with fraud model v7", "Fraud score computed: 0.0{n}"],
            OutputTemplate = "{\"score\":0.0{n},\"decision\":\"approve\"}",
        };
        var shipment = new TaskScript
        {
            MinDuration = TimeSpan.FromSeconds(1), MaxDuration = TimeSpan.FromSeconds(3),
            ProgressLines = ["Requesting label from carrier", "Shipment label SHP-{n} created"],
            OutputTemplate = "{\"shipmentId\":\"SHP-{n}\",\"carrier\":\"ups\"}",
        };
        var notify = new TaskScript
        {
            MinDuration = TimeSpan.FromMilliseconds(200), MaxDuration = TimeSpan.FromSeconds(1),
            ProgressLines = ["Sending order confirmation to {meta:customerId}"],
            OutputTemplate = "{\"notified\":true}",
        };
        var orderPipeline = Add(t, "order-pipeline", "Validates, reserves stock, scores fraud, ships and notifies for each new order",
            V1WorkflowType.DAG, born, 3, v =>
            {
                var a = Step(v, "validate-order", validate, timeout: "30s");
                var b = Step(v, "reserve-stock", reserve, retries: 2, timeout: "60s", parents: a);
                var c = Step(v, "score-fraud", fraud, timeout: "30s", parents: a);
                var d = Step(v, "create-shipment", shipment, retries: 1, timeout: "60s", parents: [b, c]);
                Step(v, "notify-customer", notify, retries: 2, timeout: "30s", parents: d);
            }, eventTriggers: ["order:created"]);

        var email = new TaskScript
        {
            MinDuration = TimeSpan.FromMilliseconds(300), MaxDuration = TimeSpan.FromMilliseconds(1500),
            FailureProbability = 0.04, Errors = [ErrorCatalog.SmtpTemporary],
            ProgressLines = ["Rendering template for {meta:customerId}", "Handing message to smtp-relay.mail.internal"],
            OutputTemplate = "{\"messageId\":\"msg_{n}\",\"accepted\":true}",
        };
        var sendEmail = Add(t, "send-email", "Sends a transactional email", V1WorkflowType.TASK, born + TimeSpan.FromDays(1), 2,
            v => Step(v, "send-email", email, retries: 2, timeout: "30s"), eventTriggers: ["user:signup"]);
        // As a Python SDK registers a Pydantic input model: titles, a $defs entry and a $ref to it.
        foreach (var version in sendEmail.Versions)
        {
            version.InputJsonSchema = SendEmailInputSchema;
        }

        var charge = new TaskScript
        {
            MinDuration = TimeSpan.FromMilliseconds(500), MaxDuration = TimeSpan.FromSeconds(2),
            AlwaysFailSince = deployAt, AlwaysFailError = ErrorCatalog.BillingCountryKeyError,
            ProgressLines = ["Charging customer {meta:customerId}", "Payment intent pi_{n} confirmed"],
            OutputTemplate = "{\"chargeId\":\"ch_{n}\",\"status\":\"succeeded\"}",
        };
        var chargePayment = Add(t, "charge-payment", "Charges the customer's card for an order", V1WorkflowType.TASK,
            born + TimeSpan.FromDays(2), 4, v => Step(v, "charge-payment", charge, retries: 2, timeout: "60s"));

        var resize = new TaskScript
        {
            MinDuration = TimeSpan.FromSeconds(1), MaxDuration = TimeSpan.FromSeconds(5),
            FailureProbability = 0.02, Errors = [ErrorCatalog.ImageDecode],
            ProgressLines = ["Downloading original ({n} KB)", "Resizing to 1024x768", "Uploaded resized image"],
            OutputTemplate = "{\"url\":\"https://cdn.example.com/img/{n}.webp\"}",
        };
        var resizeImage = Add(t, "resize-image", "Resizes uploaded product images", V1WorkflowType.TASK, born + TimeSpan.FromDays(3), 2,
            v => Step(v, "resize-image", resize, retries: 1, timeout: "2m"), eventTriggers: ["image:uploaded"]);

        var webhook = new TaskScript
        {
            MinDuration = TimeSpan.FromMilliseconds(200), MaxDuration = TimeSpan.FromSeconds(3),
            FailureProbability = 0.12, Errors = [ErrorCatalog.PartnerBadGateway],
            ProgressLines = ["POST https://hooks.partner-api.example/v2/events"],
            RepeatedLine = "Waiting for partner endpoint, retrying in 250ms", RepeatedLineLevel = V1LogLineLevel.WARN, RepeatedLineCount = 4,
            OutputTemplate = "{\"status\":200,\"deliveryId\":\"dlv_{n}\"}",
        };
        var webhookDispatch = Add(t, "webhook-dispatch", "Delivers order events to partner webhooks", V1WorkflowType.TASK,
            born + TimeSpan.FromDays(5), 3, v => Step(v, "webhook-dispatch", webhook, retries: 3, timeout: "30s"));

        var report = new TaskScript
        {
            MinDuration = TimeSpan.FromMinutes(3), MaxDuration = TimeSpan.FromMinutes(8), TimeoutProbability = 0.04,
            ProgressLines = ["Querying sales data", "Aggregating {n} rows", "Rendering PDF", "Uploading report to s3://reports/{n}.pdf"],
            RepeatedLine = "Processed batch of 1000 rows", RepeatedLineCount = 25,
            OutputTemplate = "{\"reportUrl\":\"s3://reports/{n}.pdf\"}",
        };
        var generateReport = Add(t, "generate-report", "Builds a sales report PDF", V1WorkflowType.TASK, born + TimeSpan.FromDays(6), 2,
            v => Step(v, "generate-report", report, timeout: "10m"),
            concurrency: new ConcurrencyDefinition(4, ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN, "input.reportType", ConcurrencyScope.WORKFLOW));

        var sync = new TaskScript
        {
            MinDuration = TimeSpan.FromSeconds(5), MaxDuration = TimeSpan.FromSeconds(20),
            ProgressLines = ["Fetching stock levels from ERP", "Updated {n} SKUs"],
            OutputTemplate = "{\"updatedSkus\":{n}}",
        };
        var syncInventory = Add(t, "sync-inventory", "Pulls stock levels from the ERP", V1WorkflowType.TASK, born + TimeSpan.FromDays(8), 1,
            v => Step(v, "sync-inventory", sync, timeout: "5m"));

        var cleanup = new TaskScript
        {
            MinDuration = TimeSpan.FromSeconds(30), MaxDuration = TimeSpan.FromSeconds(90),
            ProgressLines = ["Starting cleanup of expired sessions"],
            RepeatedLine = "Deleted batch of 500 expired sessions", RepeatedLineCount = 12,
            OutputTemplate = "{\"deletedSessions\":{n}}",
        };
        var nightlyCleanup = Add(t, "nightly-cleanup", "Deletes expired sessions and temp files", V1WorkflowType.TASK,
            born + TimeSpan.FromDays(9), 1, v => Step(v, "nightly-cleanup", cleanup, timeout: "15m"), cronTriggers: ["0 3 * * *"]);

        var sms = new TaskScript
        {
            MinDuration = TimeSpan.FromMilliseconds(200), MaxDuration = TimeSpan.FromMilliseconds(900),
            ProgressLines = ["Sending SMS to {meta:customerId}"],
            OutputTemplate = "{\"smsId\":\"sms_{n}\"}",
        };
        var sendSms = Add(t, "send-sms", "Sends an order update by SMS", V1WorkflowType.TASK, born + TimeSpan.FromDays(20), 1,
            v => Step(v, "send-sms", sms, [new StepRateLimit(ExhaustedRateLimit, 1)], retries: 1, timeout: "30s"));

        var export = new TaskScript
        {
            MinDuration = TimeSpan.FromSeconds(10), MaxDuration = TimeSpan.FromSeconds(40),
            ProgressLines = ["Exporting orders to the warehouse"],
            OutputTemplate = "{\"exportedOrders\":{n}}",
        };
        // Registered by a deploy whose worker was never started: no worker registers its action.
        var exportOrders = Add(t, "export-orders", "Exports the day's orders to the data warehouse", V1WorkflowType.TASK,
            born + TimeSpan.FromDays(30), 1, v => Step(v, "export-orders", export, timeout: "10m"));

        var transcode = new TaskScript
        {
            MinDuration = TimeSpan.FromSeconds(20), MaxDuration = TimeSpan.FromSeconds(60),
            ProgressLines = ["Transcoding video to 720p"],
            OutputTemplate = "{\"url\":\"https://cdn.example.com/video/{n}.mp4\"}",
        };
        var transcodeVideo = Add(t, "transcode-video", "Transcodes product videos", V1WorkflowType.TASK, born + TimeSpan.FromDays(25), 1,
            v => Step(v, "transcode-video", transcode, timeout: "10m"));

        var reindex = new TaskScript
        {
            MinDuration = TimeSpan.FromMinutes(70), MaxDuration = TimeSpan.FromMinutes(90),
            ProgressLines = ["Rebuilding search index for catalog {n}"],
            RepeatedLine = "Indexed batch of 5000 products", RepeatedLineCount = 8,
            OutputTemplate = "{\"indexedProducts\":{n}}",
        };
        var rebuildSearchIndex = Add(t, "rebuild-search-index", "Rebuilds a catalog's search index, one run per catalog at a time",
            V1WorkflowType.TASK, born + TimeSpan.FromDays(22), 1, v => Step(v, "rebuild-search-index", reindex, timeout: "2h"),
            concurrency: new ConcurrencyDefinition(1, ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN, "input.catalog", ConcurrencyScope.WORKFLOW));

        var workerBorn = now - TimeSpan.FromDays(3);
        WorkerRecord W(string name, WorkerRuntimeSdk sdk, string sdkVersion, string langVersion, int slots, string region,
            params WorkflowDefinition[] workflows)
        {
            var w = new WorkerRecord
            {
                Id = t.Ids.Next(), Tenant = t, Name = name, CreatedAt = workerBorn, UpdatedAt = workerBorn,
                LastHeartbeatAt = workerBorn, SlotLimit = slots, DispatcherId = t.Ids.Next(),
                SdkVersion = sdkVersion, Language = sdk, LanguageVersion = langVersion, Os = "linux",
            };
            foreach (var wf in workflows)
            {
                foreach (var s in wf.Latest.Steps) w.Actions.Add(s.ActionId);
            }
            w.Labels.Add(new WorkerLabel(t.Ids.Next(), "region", region, workerBorn));
            t.AddWorker(w);
            return w;
        }

        W("py-orders-1", WorkerRuntimeSdk.PYTHON, "1.21.3", "3.12.7", 50, "us-east-1", orderPipeline, chargePayment, rebuildSearchIndex);
        W("py-orders-2", WorkerRuntimeSdk.PYTHON, "1.21.3", "3.12.7", 50, "eu-west-1", orderPipeline, chargePayment, rebuildSearchIndex);
        W("ts-notify-1", WorkerRuntimeSdk.TYPESCRIPT, "1.9.4", "node 22.11.0", 20, "us-east-1", sendEmail, webhookDispatch, sendSms);
        var paused = W("go-media-1", WorkerRuntimeSdk.GOLANG, "0.104.2", "go1.23.4", 10, "us-east-1", resizeImage, nightlyCleanup, transcodeVideo);
        W("go-media-2", WorkerRuntimeSdk.GOLANG, "0.104.2", "go1.23.4", 10, "eu-west-1", resizeImage, nightlyCleanup);
        var reports = W("py-reports-1", WorkerRuntimeSdk.PYTHON, "1.21.3", "3.12.7", 4, "us-east-1", generateReport);
        var inventory = W("go-inventory-1", WorkerRuntimeSdk.GOLANG, "0.104.2", "go1.23.4", 5, "us-east-1", syncInventory);

        t.AddRateLimit(new RateLimitRecord { Key = NearlyExhaustedRateLimit, Tenant = t, LimitValue = 600, Value = 12, Window = "1 minute", LastRefill = now });
        t.AddRateLimit(new RateLimitRecord { Key = "stripe-api", Tenant = t, LimitValue = 100, Value = 88, Window = "1 second", LastRefill = now });
        t.AddRateLimit(new RateLimitRecord { Key = ExhaustedRateLimit, Tenant = t, LimitValue = 200, Value = 0, Window = "1 hour", LastRefill = now });
        t.AddRateLimit(new RateLimitRecord { Key = "partner-webhooks", Tenant = t, LimitValue = 10000, Value = 5688, Window = "1 hour", LastRefill = now });

        return new ShopTenant
        {
            Tenant = t, OrderPipeline = orderPipeline, SendEmail = sendEmail, ChargePayment = chargePayment,
            ResizeImage = resizeImage, WebhookDispatch = webhookDispatch, GenerateReport = generateReport,
            SyncInventory = syncInventory, NightlyCleanup = nightlyCleanup, ReportsWorker = reports,
            SendSms = sendSms, ExportOrders = exportOrders, TranscodeVideo = transcodeVideo, RebuildSearchIndex = rebuildSearchIndex,
            PausedWorker = paused, InventoryWorker = inventory, ChargeScript = charge,
        };
    }
}
