using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HatchetMcp.Tests.Telemetry;

/// <summary>A stand-in OTLP/HTTP receiver on loopback: records each export's path and raw (protobuf) body.</summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpCollector(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<(string Path, byte[] Body)> Exports { get; } = new();

    public static async Task<OtlpCollector> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        OtlpCollector? collector = null;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            collector!.Exports.Enqueue((context.Request.Path.Value ?? string.Empty, body.ToArray()));
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        collector = new OtlpCollector(app, new Uri(address));
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
