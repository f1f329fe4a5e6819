using System.Globalization;
using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Scenarios;

/// <summary>Plausible inputs and additional metadata for the seeded shop and ML runs.</summary>
internal sealed class RunInputs
{
    private static readonly string[] Regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];
    private static readonly string[] Templates = ["welcome", "order-confirmation", "password-reset", "shipping-update"];
    private static readonly string[] Currencies = ["USD", "EUR", "GBP"];
    private readonly string[] _customers;
    private readonly SeedRandom _rng;

    public RunInputs(SeedRandom rng)
    {
        _rng = rng;
        _customers = Enumerable.Range(0, 300).Select(i => "cus_" + (1000 + i * 7).ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    public string Customer() => _rng.Pick(_customers);

    public KeyValuePair<string, string>[] Metadata(string customer) =>
    [
        new("customerId", customer),
        new("region", _rng.Pick(Regions)),
        new("env", "production"),
    ];

    public KeyValuePair<string, string>[] Metadata() => [new("region", _rng.Pick(Regions)), new("env", "production")];

    private int N(int max) => _rng.Next(1, max);

    public string For(string workflow, string customer) => workflow switch
    {
        "order-pipeline" => string.Create(CultureInfo.InvariantCulture, $"{{\"orderId\":\"ord_{N(999999)}\",\"customerId\":\"{customer}\",\"items\":{N(8)},\"total\":{N(500)}.{N(99):D2},\"currency\":\"{_rng.Pick(Currencies)}\"}}"),
        "send-email" => string.Create(CultureInfo.InvariantCulture, $"{{\"to\":\"{customer}@mail.example.com\",\"template\":\"{_rng.Pick(Templates)}\",\"customerId\":\"{customer}\"}}"),
        "charge-payment" => string.Create(CultureInfo.InvariantCulture, $"{{\"paymentId\":\"pay_{N(999999)}\",\"customerId\":\"{customer}\",\"amount\":{N(300)}.{N(99):D2},\"currency\":\"{_rng.Pick(Currencies)}\"}}"),
        "resize-image" => string.Create(CultureInfo.InvariantCulture, $"{{\"imageId\":\"img_{N(999999)}\",\"width\":1024,\"height\":768,\"format\":\"webp\"}}"),
        "webhook-dispatch" => string.Create(CultureInfo.InvariantCulture, $"{{\"endpoint\":\"https://hooks.partner-api.example/v2/events\",\"eventType\":\"order.updated\",\"customerId\":\"{customer}\"}}"),
        "generate-report" => "{\"reportType\":\"sales\",\"period\":\"daily\"}",
        "sync-inventory" => "{\"warehouse\":\"wh-us-1\",\"full\":false}",
        "train-model" => string.Create(CultureInfo.InvariantCulture, $"{{\"dataset\":\"reviews-v{N(12)}\",\"epochs\":3}}"),
        "embed-documents" => string.Create(CultureInfo.InvariantCulture, $"{{\"collection\":\"kb-articles\",\"documents\":{N(200)}}}"),
        _ => "{}",
    };

}
