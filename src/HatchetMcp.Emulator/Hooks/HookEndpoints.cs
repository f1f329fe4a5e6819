using HatchetMcp.Emulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HatchetMcp.Emulator.Hooks;

/// <summary>The /_emulator/* routes (only when test hooks are enabled; no auth; not part of Hatchet's surface).</summary>
internal static class HookEndpoints
{
    public static void Map(IEndpointRouteBuilder app, EmulatorRuntime runtime)
    {
        EmulatorTestHooks hooks = runtime.Hooks;

        app.MapGet("/_emulator/requests", (RequestDelegate)(http =>
        {
            var rows = hooks.Requests.Select(r => new WireRecordedRequest(r.Method, r.Path, r.Query, r.Status, r.At)).ToList();
            return ApiResult.Json(new WireRecordedRequests(rows), EmulatorJson.Context.WireRecordedRequests).WriteAsync(http);
        }));

        app.MapDelete("/_emulator/requests", (RequestDelegate)(http =>
        {
            hooks.ClearRequests();
            return ApiResult.Empty(StatusCodes.Status204NoContent).WriteAsync(http);
        }));

        app.MapPost("/_emulator/faults", (RequestDelegate)(async http =>
        {
            ApiResult result;
            try
            {
                WireFaultRequest? body = await http.Request.ReadFromJsonAsync(EmulatorJson.Context.WireFaultRequest, http.RequestAborted).ConfigureAwait(false);
                result = body is null ? Bad("body required") : Inject(hooks, body);
            }
            catch (System.Text.Json.JsonException)
            {
                result = Bad("invalid JSON");
            }

            await result.WriteAsync(http).ConfigureAwait(false);
        }));

        app.MapDelete("/_emulator/faults", (RequestDelegate)(http =>
        {
            hooks.ClearFaults();
            return ApiResult.Empty(StatusCodes.Status204NoContent).WriteAsync(http);
        }));

        app.MapPost("/_emulator/time/advance", (RequestDelegate)(http =>
        {
            ApiResult result;
            if (runtime.AdvanceTime is not { } advance)
            {
                result = Bad("the emulator runs on the system clock; time can only be advanced when it was started with a clock to advance");
            }
            else if (!double.TryParse(http.Request.Query["seconds"].ToString(), System.Globalization.NumberStyles.Float,
                         System.Globalization.CultureInfo.InvariantCulture, out double seconds) || seconds < 0 ||
                     double.IsNaN(seconds) || double.IsInfinity(seconds))
            {
                result = Bad("seconds must be a non-negative number");
            }
            else
            {
                advance(TimeSpan.FromSeconds(seconds));
                DateTimeOffset now;
                lock (runtime.Store.Sync)
                {
                    now = runtime.AdvanceLocked();
                }

                result = ApiResult.Json(new WireTimeAdvanced(now), EmulatorJson.Context.WireTimeAdvanced);
            }

            return result.WriteAsync(http);
        }));

        app.MapGet("/_emulator/facts", (RequestDelegate)(http =>
            runtime.Facts is { } facts
                ? ApiResult.Json(facts, EmulatorJson.Context.ScenarioFacts).WriteAsync(http)
                : ApiResult.Message(StatusCodes.Status503ServiceUnavailable, "starting").WriteAsync(http)));
    }

    private static ApiResult Inject(EmulatorTestHooks hooks, WireFaultRequest body)
    {
        if (string.IsNullOrEmpty(body.PathPattern))
        {
            return Bad("pathPattern is required");
        }

        FaultKind? kind = body.Kind?.ToLowerInvariant() switch
        {
            "status" => FaultKind.Status,
            "drop" => FaultKind.Drop,
            "truncate" => FaultKind.Truncate,
            "malformed" => FaultKind.Malformed,
            "html" => FaultKind.Html,
            "delay" => FaultKind.Delay,
            "late_serve" => FaultKind.LateServe,
            _ => null,
        };
        if (kind is null)
        {
            return Bad("kind must be one of status, drop, truncate, malformed, html, delay, late_serve");
        }

        hooks.InjectFault(new FaultSpec(body.Method, body.PathPattern, body.Count ?? 1, kind.Value)
        {
            Status = body.Status ?? 503,
            Body = body.Body,
            DelayMs = body.DelayMs ?? 0,
            RetryAfterSeconds = body.RetryAfterSeconds,
            ServeFirst = body.ServeFirst ?? false,
        });
        return ApiResult.Empty(StatusCodes.Status204NoContent);
    }

    private static ApiResult Bad(string message) => ApiResult.Message(StatusCodes.Status400BadRequest, message);
}
