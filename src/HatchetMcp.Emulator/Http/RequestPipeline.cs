using HatchetMcp.Emulator.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HatchetMcp.Emulator.Http;

/// <summary>
/// Hatchet's middleware chain for one matched route, in the real order: populate resources from path ids (400 bad
/// UUID, 404 missing, 403 child under another parent) -> bearer auth (403) -> handler (query/body binding 400,
/// handler errors, 500 on internal failure). Everything up to the handler's result runs under the store lock,
/// after the engine has been advanced to the clock's now.
/// </summary>
internal sealed class RequestPipeline(EmulatorRuntime runtime, ILogger logger)
{
    private const string ChildOfOtherParent = "not authorized to access this resource";

    public async Task HandleAsync(HttpContext http, RouteSpec spec)
    {
        byte[]? body = spec.ReadsBody ? await ReadBodyAsync(http).ConfigureAwait(false) : null;
        ApiResult result;
        try
        {
            if (runtime.Tokens is null)
            {
                result = ApiResult.Message(StatusCodes.Status503ServiceUnavailable, "starting");
            }
            else
            {
                lock (runtime.Store.Sync)
                {
                    DateTimeOffset now = runtime.AdvanceLocked();
                    var call = new ApiCall(http, runtime, now, body);
                    result = Populate(call, spec) ?? Authenticate(call, spec) ?? spec.Handler(call);
                }
            }
        }
        catch (BindingException e)
        {
            result = ApiResult.Message(StatusCodes.Status400BadRequest, e.Message);
        }
        catch (ApiResultException e)
        {
            result = e.Result;
        }
        catch (InternalServerErrorException e)
        {
            logger.LogDebug("{Operation}: internal error as the real server: {Reason}", spec.OperationId, e.Message);
            result = ApiResult.InternalError();
        }
#pragma warning disable CA1031 // a bug in a handler must answer 500 like a Go panic, not kill the connection
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogError(e, "{Operation} failed", spec.OperationId);
            result = ApiResult.InternalError();
        }

        await result.WriteAsync(http).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>The populator: loads each x-resources entry by its path id; the tenant comes from the child when absent.</summary>
    private static ApiResult? Populate(ApiCall call, RouteSpec spec)
    {
        foreach (ResourceParam resource in spec.Resources)
        {
            if (resource.Kind == ResourceKind.Deprecated)
            {
                return ApiResult.Message(StatusCodes.Status400BadRequest, "This endpoint is deprecated.");
            }

            if (!Guid.TryParseExact(call.RouteValue(resource.RouteParam), "D", out Guid id))
            {
                return ApiResult.Message(StatusCodes.Status400BadRequest, resource.InvalidIdMessage);
            }

            EmulatorStore store = call.Store;
            TenantData? owner;
            switch (resource.Kind)
            {
                case ResourceKind.Tenant:
                    if (!store.TryGetTenant(id, out TenantData? tenant))
                    {
                        return ApiResult.NotFound();
                    }

                    owner = tenant;
                    break;
                case ResourceKind.V1WorkflowRun:
                    if (!store.TryGetRun(id, out RunRecord? run))
                    {
                        return ApiResult.NotFound();
                    }

                    call.Run = run;
                    owner = run.Tenant;
                    break;
                case ResourceKind.Task:
                    if (!store.TryGetTask(id, out TaskRecord? task))
                    {
                        return ApiResult.NotFound();
                    }

                    call.Task = task;
                    owner = task.Run.Tenant;
                    break;
                case ResourceKind.Workflow:
                    if (!store.TryGetWorkflow(id, out WorkflowDefinition? workflow))
                    {
                        return ApiResult.NotFound();
                    }

                    call.Workflow = workflow;
                    owner = workflow.Tenant;
                    break;
                case ResourceKind.Worker:
                    if (!store.TryGetWorker(id, out WorkerRecord? worker))
                    {
                        return ApiResult.NotFound();
                    }

                    call.Worker = worker;
                    owner = worker.Tenant;
                    break;
                case ResourceKind.V1Event:
                    if (!store.TryGetEvent(id, out EventRecord? e))
                    {
                        return ApiResult.NotFound();
                    }

                    call.Event = e;
                    owner = e.Tenant;
                    break;
                case ResourceKind.CronWorkflow:
                    if (!store.TryGetCron(id, out CronRecord? cron))
                    {
                        return ApiResult.NotFound();
                    }

                    call.Cron = cron;
                    owner = cron.Tenant;
                    break;
                case ResourceKind.ScheduledWorkflowRun:
                    if (!store.TryGetScheduled(id, out ScheduledRecord? scheduled))
                    {
                        return ApiResult.NotFound();
                    }

                    call.Scheduled = scheduled;
                    owner = scheduled.Tenant;
                    break;
                default:
                    throw new InvalidOperationException("unknown resource kind");
            }

            if (call.TenantOrNull is null)
            {
                call.TenantOrNull = owner;
            }
            else if (!ReferenceEquals(call.TenantOrNull, owner))
            {
                return ApiResult.Message(StatusCodes.Status403Forbidden, ChildOfOtherParent);
            }
        }

        return null;
    }

    /// <summary>
    /// authn: "Authorization: Bearer &lt;jwt&gt;" split on the case-sensitive literal "Bearer" into exactly two parts;
    /// the token must validate and its sub must be the tenant in context. Every failure is the same 403.
    /// </summary>
    private ApiResult? Authenticate(ApiCall call, RouteSpec spec)
    {
        switch (spec.Auth)
        {
            case AuthMode.None:
                return null;
            case AuthMode.CookieOnly:
                return ApiResult.InvalidCredentials();
        }

        string? header = call.Http.Request.Headers.Authorization.Count > 0 ? call.Http.Request.Headers.Authorization[0] : null;
        if (header is null)
        {
            return ApiResult.InvalidCredentials();
        }

        string[] parts = header.Split("Bearer");
        if (parts.Length != 2 ||
            !runtime.Tokens!.TryValidate(parts[1].Trim(), out Guid tokenTenant) ||
            call.TenantOrNull is null ||
            call.TenantOrNull.Id != tokenTenant)
        {
            return ApiResult.InvalidCredentials();
        }

        return null;
    }
}
