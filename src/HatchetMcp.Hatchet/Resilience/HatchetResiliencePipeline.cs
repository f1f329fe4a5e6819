using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace HatchetMcp.Hatchet;

/// <summary>
/// The resilience around every Hatchet call: a total timeout (the call's budget), retries with jittered exponential
/// backoff for GETs only (429, 502, 503, 504, transport errors, an attempt that timed out), Retry-After honoured up
/// to a cap, and a per-attempt timeout. A POST (trigger, cancel, replay) is never retried: it may have taken effect.
/// </summary>
internal static class HatchetResiliencePipeline
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(10);

    public static ResiliencePipeline<HttpResponseMessage> Create(HatchetSettings settings, TimeProvider time)
    {
        var total = Clamp(settings.Timeout);
        // A hung GET is cut early enough to leave room for another attempt; a POST may use the whole budget.
        var attemptForGet = settings.MaxAttempts > 1 ? Clamp(total * 2 / 3) : total;

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "hatchet-total", Timeout = total });

        if (settings.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "hatchet-retry",
                MaxRetryAttempts = settings.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = BaseDelay,
                MaxDelay = settings.MaxRetryAfter,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, settings.MaxRetryAfter, time)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfterHeader.Read(args.Outcome.Result, time)),
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Name = "hatchet-attempt",
            TimeoutGenerator = args => ValueTask.FromResult(IsGet(args.Context) ? attemptForGet : total),
        });

        return builder.Build();
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan maxRetryAfter, TimeProvider time)
    {
        if (!IsGet(context)) return false;

        if (outcome.Exception is { } exception)
            return exception is HttpRequestException or TimeoutRejectedException;

        var response = outcome.Result;
        if (response is null) return false;
        var retryable = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
        if (!retryable) return false;

        // A wait longer than the cap goes back to the caller with the wait in the message, rather than stalling the call.
        var retryAfter = RetryAfterHeader.Read(response, time);
        return retryAfter is null || retryAfter <= maxRetryAfter;
    }

    private static bool IsGet(ResilienceContext context) =>
        context.GetRequestMessage()?.Method == HttpMethod.Get;

    private static TimeSpan Clamp(TimeSpan value) => value < MinimumTimeout ? MinimumTimeout : value;
}
