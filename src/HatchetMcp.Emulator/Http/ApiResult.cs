using Microsoft.AspNetCore.Http;
using System.Text.Json.Serialization.Metadata;

namespace HatchetMcp.Emulator.Http;

/// <summary>
/// A response computed under the store lock and written after it is released: status plus an optional body
/// serialised through the source-generated context (no reflection).
/// </summary>
internal abstract class ApiResult
{
    protected ApiResult(int status) => Status = status;

    public int Status { get; }

    public abstract Task WriteAsync(HttpContext context);

    /// <summary>200 (or <paramref name="status"/>) with a JSON body.</summary>
    public static ApiResult Json<T>(T value, JsonTypeInfo<T> typeInfo, int status = StatusCodes.Status200OK) =>
        new JsonResult<T>(status, value, typeInfo);

    /// <summary>A status with no body (204, or 200 for /api/ready).</summary>
    public static ApiResult Empty(int status) => new EmptyResult(status);

    /// <summary>Echo's middleware / binding error shape: {"message": ...}.</summary>
    public static ApiResult Message(int status, string message) =>
        Json(new WireMessageError(message), EmulatorJson.Context.WireMessageError, status);

    /// <summary>The handler error shape (APIErrors): {"errors":[{"description": ...}]}.</summary>
    public static ApiResult Errors(int status, string description) =>
        Json(new WireApiErrors([new WireApiError(description)]), EmulatorJson.Context.WireApiErrors, status);

    /// <summary>A bare APIError (a few spec responses use it, e.g. 403 on scheduled-run delete).</summary>
    public static ApiResult Error(int status, string description) =>
        Json(new WireApiError(description), EmulatorJson.Context.WireApiError, status);

    /// <summary>What a Go handler returning an error, or panicking, gives.</summary>
    public static ApiResult InternalError() => Message(StatusCodes.Status500InternalServerError, "Internal Server Error");

    public static ApiResult NotFound() => Message(StatusCodes.Status404NotFound, "not found");

    public static ApiResult InvalidCredentials() =>
        Message(StatusCodes.Status403Forbidden, "Please provide valid credentials");

    private sealed class JsonResult<T>(int status, T value, JsonTypeInfo<T> typeInfo) : ApiResult(status)
    {
        public override Task WriteAsync(HttpContext context)
        {
            context.Response.StatusCode = Status;
            return context.Response.WriteAsJsonAsync(value, typeInfo, "application/json");
        }
    }

    private sealed class EmptyResult(int status) : ApiResult(status)
    {
        public override Task WriteAsync(HttpContext context)
        {
            context.Response.StatusCode = Status;
            return Task.CompletedTask;
        }
    }
}

/// <summary>Raised while binding a request to answer 400 {"message": ...} as oapi-codegen's binder does.</summary>
internal sealed class BindingException(string message) : Exception(message);

/// <summary>Raised where the Go server fails internally (returns an error or panics): 500 Internal Server Error.</summary>
internal sealed class InternalServerErrorException(string reason) : Exception(reason);

/// <summary>Raised by a handler to answer with a prepared result (for example an APIErrors 400).</summary>
internal sealed class ApiResultException(ApiResult result) : Exception("api result")
{
    public ApiResult Result { get; } = result;
}
