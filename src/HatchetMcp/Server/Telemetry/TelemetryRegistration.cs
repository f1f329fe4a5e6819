using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HatchetMcp.Server.Telemetry;

/// <summary>
/// Wires OpenTelemetry when <see cref="TelemetryOptions.IsOn"/>: the tool calls' source and meter, HttpClient
/// instrumentation (the Hatchet requests), ASP.NET Core instrumentation under serve-http, and the OTLP exporter.
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>Registers the providers; nothing when telemetry is off.</summary>
    public static IServiceCollection AddHatchetTelemetry(this IServiceCollection services, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsOn)
        {
            return services;
        }

        services.AddOpenTelemetry()
            // The standard variables (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES) win over the built-in name.
            .ConfigureResource(resource => resource
                .AddService(ToolTelemetry.Name, serviceVersion: ServerIdentity.Version)
                .AddEnvironmentVariableDetector())
            .WithTracing(tracing =>
            {
                tracing.AddSource(ToolTelemetry.Name)
                    // The Hatchet requests (the server's only outbound calls besides an OAuth key fetch). Their URLs
                    // carry no secret: the token is a header, which is never recorded, and every id in a path is a
                    // validated UUID.
                    .AddHttpClientInstrumentation(http => http.EnrichWithHttpRequestMessage = WithoutQuery);
                if (options.ExportOtlp)
                {
                    tracing.AddOtlpExporter();
                }

                options.Tracing?.Invoke(tracing);
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ToolTelemetry.Name).AddHttpClientInstrumentation();
                if (options.ExportOtlp)
                {
                    metrics.AddOtlpExporter();
                }

                options.Metrics?.Invoke(metrics);
            });
        return services;
    }

    /// <summary>Adds the server side of HTTP (serve-http): a span and duration metrics per request.</summary>
    public static IServiceCollection AddHttpServerTelemetry(this IServiceCollection services, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsOn)
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddAspNetCoreInstrumentation());
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddAspNetCoreInstrumentation());
        }

        return services;
    }

    /// <summary>
    /// Builds the providers in a process without a generic host (stdio), where no hosted service would; they stop, and
    /// flush what is left, when <paramref name="services"/> is disposed.
    /// </summary>
    public static void StartTelemetry(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _ = services.GetService<TracerProvider>();
        _ = services.GetService<MeterProvider>();
    }

    /// <summary>
    /// A query can hold a caller's text (a log search, a filter), so the recorded URL stops at the path, whatever the
    /// runtime's or the instrumentation's own redaction settings say.
    /// </summary>
    private static void WithoutQuery(Activity activity, HttpRequestMessage request)
    {
        if (request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Path));
            activity.SetTag("url.query", null);
        }
    }
}
