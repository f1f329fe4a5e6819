using Microsoft.AspNetCore.Http;

namespace HatchetMcp.Emulator.Http.Endpoints;

/// <summary>
/// v0 operations whose handlers now only refuse (server-behaviour §5.14): 400 APIErrors "&lt;Operation&gt; is
/// deprecated[; please use ... instead]", and the two whose handlers panic (500).
/// </summary>
internal static class DeprecatedEndpoints
{
    public static Func<ApiCall, ApiResult> Refuse(string description) =>
        _ => ApiResult.Errors(StatusCodes.Status400BadRequest, description);

    /// <summary>panic("deprecated") in the Go handler, recovered by echo as 500.</summary>
    public static ApiResult Panic(ApiCall call) => throw new InternalServerErrorException("panic: deprecated");

    /// <summary>Never reached: the populator answers first for v0 run, step-run and webhook resources.</summary>
    public static ApiResult Unreachable(ApiCall call) => ApiResult.Message(StatusCodes.Status400BadRequest, "This endpoint is deprecated.");
}
