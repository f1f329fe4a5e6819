namespace HatchetMcp.Emulator.Http;

/// <summary>How a route authenticates (server-behaviour §1.2).</summary>
internal enum AuthMode
{
    /// <summary>security: [] (ready, live, meta, version).</summary>
    None,
    /// <summary>Tenant-scoped: the bearer token's tenant must be the tenant the populator loaded.</summary>
    Bearer,
    /// <summary>Not tenant-scoped (users/*, dags/tasks, ...): an API token is never enough, always 403.</summary>
    CookieOnly,
}

/// <summary>
/// Endpoint metadata for one operation: its resources (populated before auth), its auth mode and its handler.
/// The handler runs under the store lock and returns a result written after the lock is released.
/// </summary>
internal sealed record RouteSpec(
    string Method,
    string Pattern,
    string OperationId,
    IReadOnlyList<ResourceParam> Resources,
    AuthMode Auth,
    Func<ApiCall, ApiResult> Handler)
{
    /// <summary>Whether the handler reads a JSON body (read before the lock is taken).</summary>
    public bool ReadsBody => Method is "POST" or "PATCH" or "PUT";
}
