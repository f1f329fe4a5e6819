using System.Globalization;
using System.Threading.RateLimiting;
using HatchetMcp.Hatchet;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;

namespace HatchetMcp.Server.Http;

/// <summary>
/// The server over Streamable HTTP at /mcp, stateless (each request stands alone, so replicas need no affinity), composed
/// by <see cref="HatchetMcpServer.Configure(IServiceCollection, ServerConfiguration, TimeProvider?)"/> like stdio, behind
/// the request screens (Host, Origin, body size), a request timeout, a per-client rate limit and an exception handler
/// that shows no detail. Health endpoints: /healthz, /readyz.
/// </summary>
public sealed class StreamableHttpServer : IAsyncDisposable
{
    public const string McpPath = "/mcp";
    public const string ServerMode = "Streamable HTTP (stateless)";
    private const string RateLimitPolicy = "per-client";

    private readonly WebApplication _app;

    private StreamableHttpServer(WebApplication app, Uri mcpUrl)
    {
        _app = app;
        McpUrl = mcpUrl;
    }

    /// <summary>The MCP endpoint as bound (the real port when 0 was asked for).</summary>
    public Uri McpUrl { get; }

    /// <summary>The bound base address (health endpoints live under it).</summary>
    public Uri BaseUrl => new(McpUrl.GetLeftPart(UriPartial.Authority));

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// How long requests in flight may hold the stop: a Hatchet call's own limit, and a little (as stdio drains).
    /// </summary>
    public static TimeSpan DrainLimit(ServerConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.Settings.Timeout + TimeSpan.FromSeconds(5);
    }

    /// <summary>Builds and starts the server; throws when an address cannot be bound or is refused by <see cref="HttpAccess"/>.</summary>
    /// <param name="configureServices">Last word on the container (tests swap services here).</param>
    public static async Task<StreamableHttpServer> StartAsync(ServerConfiguration configuration, HttpServerOptions options, TextWriter log,
        Action<IServiceCollection>? configureServices = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var access = HttpAccess.For(options, configuration, out var accessError) ?? throw new InvalidOperationException(accessError);
        if (access.RefusalToStart() is { } startRefusal)
        {
            throw new InvalidOperationException(startRefusal);
        }

        // The app's own folder as content root, no arguments: nothing of the working directory is read or watched.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.ClearProviders()
            .SetMinimumLevel(configuration.LogLevel)
            .AddProvider(new StderrLoggerProvider(log, configuration.LogLevel,
                configuration.Profiles?.All.Select(profile => profile.Settings.Token) ?? [configuration.Settings.Token], options.LogFormat));
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Also bounds chunked bodies, which carry no Content-Length for the screen to check.
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = DrainLimit(configuration));

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(new HatchetReadiness(options.ReadinessClock));
        access.AddServices(services);
        services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = options.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        });
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                HttpAccess.ClientKey(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.RateLimitPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = (rejected, token) => RejectAsync(rejected, options, token);
        });

        HatchetMcpServer.Configure(services, configuration with
            {
                Output = configuration.Output with { ServerMode = ServerMode },
                // No server-to-client requests here: writes are asked by multi-round-trip requests, else by token.
                Confirmation = configuration.Confirmation with { AskByRoundTrips = true },
            })
            .WithHttpTransport(transport => transport.SessionMode = HttpServerSessionMode.Stateless);
        Telemetry.TelemetryRegistration.AddHttpServerTelemetry(services, configuration.Telemetry);
        configureServices?.Invoke(services);

        var app = builder.Build();
        try
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = AnswerFailureAsync });
            app.Use(next => new RequestScreen(next, options).InvokeAsync);
            app.UseRouting();
            app.UseRequestTimeouts();
            access.Use(app);
            app.UseRateLimiter();
            HttpHealth.Map(app);
            access.Protect(app.MapMcp(McpPath).RequireRateLimiting(RateLimitPolicy));

            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
            var refusal = bound.Count == 0 ? "serve-http bound no address." : access.RefusalAfterBinding(bound);
            if (refusal is not null)
            {
                throw new InvalidOperationException(refusal);
            }

            return new StreamableHttpServer(app, new Uri(bound[0].TrimEnd('/') + McpPath));
        }
        catch
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits for <paramref name="signal"/> (Ctrl+C, SIGTERM) or the host's own stop request.</summary>
    public async Task WaitForStopRequestAsync(CancellationToken signal)
    {
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onSignal = signal.Register(() => stopping.TrySetResult());
        using var onHost = _app.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        await stopping.Task.ConfigureAwait(false);
    }

    /// <summary>Stops accepting requests and lets those in flight finish, for at most <see cref="DrainLimit"/>.</summary>
    public Task StopAsync() => _app.StopAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, HttpServerOptions options, CancellationToken cancellationToken)
    {
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await HttpErrors.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests,
            $"Too many requests: at most {options.RateLimitPerMinute} a minute per client ({HttpServerOptions.RateLimitVariable}); retry after {seconds} s.",
            cancellationToken).ConfigureAwait(false);
    }

    // The log has the exception (scrubbed); the caller gets a status and a sentence, never a stack trace.
    private static Task AnswerFailureAsync(HttpContext context)
    {
        var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        return failure is BadHttpRequestException bad
            ? HttpErrors.WriteAsync(context, bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"Request body too large ({HttpServerOptions.MaxBodyBytesVariable})."
                : "Bad request.")
            : HttpErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal error: the server could not answer this request; its log has the detail.");
    }
}
