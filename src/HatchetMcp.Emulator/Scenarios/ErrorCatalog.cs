using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Scenarios;

/// <summary>The recurring error signatures of the seeded tenants, with the stack traces their tasks log.</summary>
internal static class ErrorCatalog
{
    public const string BillingCountrySignature = "KeyError: 'billing_country'";

    /// <summary>The bad deploy of charge-payment: every attempt since fails with this.</summary>
    public static readonly ErrorSignature BillingCountryKeyError = new()
    {
        Message = BillingCountrySignature,
        FailsAfter = TimeSpan.FromMilliseconds(180),
        StackTrace =
        [
            "Traceback (most recent call last):",
            "  File \"/app/.venv/lib/python3.12/site-packages/hatchet_sdk/worker/runner/runner.py\", line 412, in _run_action",
            "    result = await action_func(input, ctx)",
            "  File \"/app/payments/tasks.py\", line 88, in charge_payment",
            "    tax = compute_tax(payment.amount, payment.billing[\"billing_country\"])",
            "KeyError: 'billing_country'",
        ],
    };

    public static readonly ErrorSignature PartnerBadGateway = new()
    {
        Message = "Error: upstream responded 502 Bad Gateway (POST https://hooks.partner-api.example/v2/events)",
        StackTrace =
        [
            "Error: upstream responded 502 Bad Gateway (POST https://hooks.partner-api.example/v2/events)",
            "    at dispatchWebhook (/srv/notify/dist/webhooks.js:57:13)",
            "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
            "    at async Worker.handleAction (/srv/notify/node_modules/@hatchet-dev/typescript-sdk/clients/worker/worker.js:231:28)",
        ],
    };

    public static readonly ErrorSignature OrderValidation = new()
    {
        Message = "ValidationError: shipping.postcode: field required",
        FailsAfter = TimeSpan.FromMilliseconds(60),
        StackTrace =
        [
            "Traceback (most recent call last):",
            "  File \"/app/orders/tasks.py\", line 31, in validate_order",
            "    order = Order.model_validate(input.order)",
            "  File \"/app/.venv/lib/python3.12/site-packages/pydantic/main.py\", line 627, in model_validate",
            "    return cls.__pydantic_validator__.validate_python(obj)",
            "pydantic_core._pydantic_core.ValidationError: 1 validation error for Order",
            "shipping.postcode",
            "  Field required [type=missing, input_value={'city': 'Leeds'}, input_type=dict]",
        ],
    };

    public static readonly ErrorSignature InventoryUnavailable = new()
    {
        Message = "ConnectionError: inventory-service returned 503 Service Unavailable",
        StackTrace =
        [
            "Traceback (most recent call last):",
            "  File \"/app/orders/stock.py\", line 54, in reserve_stock",
            "    resp.raise_for_status()",
            "requests.exceptions.HTTPError: 503 Server Error: Service Unavailable for url: http://inventory-service/reserve",
        ],
    };

    public static readonly ErrorSignature SmtpTemporary = new()
    {
        Message = "Error: 421 4.7.0 Temporary System Problem. Try again later (smtp-relay.mail.internal)",
        StackTrace =
        [
            "Error: 421 4.7.0 Temporary System Problem. Try again later (smtp-relay.mail.internal)",
            "    at SMTPConnection._formatError (/srv/notify/node_modules/nodemailer/lib/smtp-connection/index.js:798:19)",
            "    at SMTPConnection._actionMAIL (/srv/notify/node_modules/nodemailer/lib/smtp-connection/index.js:1594:34)",
            "    at async sendEmail (/srv/notify/dist/email.js:41:5)",
        ],
    };

    public static readonly ErrorSignature ImageDecode = new()
    {
        Message = "failed to decode image: image: unknown format (CMYK JPEG not supported)",
        StackTrace =
        [
            "panic: failed to decode image: image: unknown format (CMYK JPEG not supported)",
            "",
            "goroutine 214 [running]:",
            "main.resizeImage({0xc000412000, 0x1c})",
            "\t/src/media/resize.go:74 +0x1f4",
            "github.com/hatchet-dev/hatchet/pkg/worker.(*Worker).startStepRun.func1()",
            "\t/go/pkg/mod/github.com/hatchet-dev/hatchet@v0.104.2/pkg/worker/worker.go:402 +0x3c8",
        ],
    };

    public static readonly ErrorSignature CudaOutOfMemory = new()
    {
        Message = "RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 22.19 GiB total capacity)",
        StackTrace =
        [
            "Traceback (most recent call last):",
            "  File \"/opt/ml/train.py\", line 143, in train",
            "    loss = model(batch).loss",
            "  File \"/opt/ml/.venv/lib/python3.11/site-packages/torch/nn/modules/module.py\", line 1532, in _wrapped_call_impl",
            "    return self._call_impl(*args, **kwargs)",
            "RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 22.19 GiB total capacity)",
        ],
    };

    public static readonly ErrorSignature EmbeddingsRateLimited = new()
    {
        Message = "RateLimitError: 429 Too Many Requests from embeddings API",
        StackTrace =
        [
            "Traceback (most recent call last):",
            "  File \"/opt/ml/embed.py\", line 22, in embed_documents",
            "    vectors = client.embeddings.create(model=MODEL, input=chunk)",
            "openai.RateLimitError: Error code: 429 - {'error': {'message': 'Rate limit reached', 'type': 'requests'}}",
        ],
    };
}
