using System.Diagnostics;
using HatchetMcp.Server.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace HatchetMcp.Tests.Telemetry;

/// <summary>Spans and metric points a server exported to memory, with the server's own wiring (sources, instrumentation, redaction).</summary>
public sealed class TelemetryCapture
{
    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _metrics = [];

    public TelemetryOptions Options => new()
    {
        Tracing = tracing => tracing.AddInMemoryExporter(_spans),
        Metrics = metrics => metrics.AddInMemoryExporter(_metrics),
    };

    /// <summary>For a container composed without <see cref="Options"/> (serve-http reads them from the environment).</summary>
    public void AddExporters(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
    }

    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    /// <summary>The tool-call spans (the server's own source).</summary>
    public IReadOnlyList<Activity> ToolSpans => [.. Spans.Where(span => span.Source.Name == ToolTelemetry.Name)];

    /// <summary>Collects the metrics now (the exporter otherwise reads them on a timer) and returns every point.</summary>
    public IReadOnlyList<(string Instrument, MetricPoint Point)> Points(IServiceProvider services)
    {
        services.GetRequiredService<MeterProvider>().ForceFlush();
        lock (_metrics)
        {
            return [.. _metrics.SelectMany(metric => metric.MetricPoints.Select(point => (metric.Name, point)))];
        }
    }

    public static IReadOnlyDictionary<string, string?> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value?.ToString();
        }

        return tags;
    }

    public static IReadOnlyDictionary<string, string?> Tags(Activity span) =>
        span.TagObjects.ToDictionary(tag => tag.Key, tag => tag.Value?.ToString(), StringComparer.Ordinal);
}
