using HatchetMcp.Emulator.Hooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HatchetMcp.Emulator.Http;

/// <summary>Wires the middleware order and every route of the emulator onto a WebApplication.</summary>
internal static class EmulatorApp
{
    public static void Configure(WebApplication app, EmulatorRuntime runtime, RequestPipeline pipeline)
    {
        var hookMiddleware = new HookMiddleware(runtime.Hooks, runtime.Time);
        app.Use((context, next) => hookMiddleware.InvokeAsync(context, next));
        app.UseRouting();
        app.Use(UnmatchedRoutes);

        foreach (RouteSpec spec in EmulatorRoutes.All())
        {
            RouteSpec captured = spec;
            app.MapMethods(spec.Pattern, [spec.Method], (RequestDelegate)(http => pipeline.HandleAsync(http, captured)))
                .WithMetadata(spec);
        }

        if (runtime.TestHooksEnabled)
        {
            HookEndpoints.Map(app, runtime);
        }
    }

    /// <summary>Echo's answers for no route (404 {"message":"Not Found"}) and a wrong method (405).</summary>
    private static Task UnmatchedRoutes(HttpContext context, RequestDelegate next)
    {
        Endpoint? endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            return ApiResult.Message(StatusCodes.Status404NotFound, "Not Found").WriteAsync(context);
        }

        if (endpoint.Metadata.GetMetadata<RouteSpec>() is null &&
            endpoint.DisplayName?.StartsWith("405", StringComparison.Ordinal) == true)
        {
            return ApiResult.Message(StatusCodes.Status405MethodNotAllowed, "Method Not Allowed").WriteAsync(context);
        }

        return next(context);
    }
}
