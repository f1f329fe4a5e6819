using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace HatchetMcp.Server.Telemetry;

/// <summary>
/// Whether traces and metrics leave the process. Off unless <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; then they go over
/// OTLP and the OpenTelemetry SDK reads its other standard variables (protocol, headers, service name, …) itself.
/// </summary>
public sealed record TelemetryOptions
{
    /// <summary>The standard OpenTelemetry variable that turns export on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static TelemetryOptions Off { get; } = new();

    /// <summary>Export over OTLP (the endpoint and the rest from the standard OTEL_* variables).</summary>
    public bool ExportOtlp { get; init; }

    /// <summary>More for the tracer provider (tests add an in-memory exporter here).</summary>
    public Action<TracerProviderBuilder>? Tracing { get; init; }

    /// <summary>More for the meter provider (tests add an in-memory exporter here).</summary>
    public Action<MeterProviderBuilder>? Metrics { get; init; }

    /// <summary>Whether any provider is built at all; when not, nothing listens and a call costs a null check.</summary>
    public bool IsOn => ExportOtlp || Tracing is not null || Metrics is not null;

    public static TelemetryOptions FromEnvironment(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return string.IsNullOrWhiteSpace(environment.GetValueOrDefault(OtlpEndpointVariable)) ? Off : new TelemetryOptions { ExportOtlp = true };
    }
}
