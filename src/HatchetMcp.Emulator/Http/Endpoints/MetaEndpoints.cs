using Microsoft.AspNetCore.Http;

namespace HatchetMcp.Emulator.Http.Endpoints;

/// <summary>Health, meta, version, tenant get and the routes an API token may never use.</summary>
internal static class MetaEndpoints
{
    /// <summary>The Hatchet release whose behaviour the emulator follows.</summary>
    public const string ServerVersion = "v0.104.7";

    public static ApiResult Ready(ApiCall call) => ApiResult.Empty(StatusCodes.Status200OK);

    public static ApiResult Version(ApiCall call) =>
        ApiResult.Json(new WireVersion(ServerVersion), EmulatorJson.Context.WireVersion);

    public static ApiResult Meta(ApiCall call) => ApiResult.Json(new WireApiMeta
    {
        Auth = new WireMetaAuth(["basic"]),
        AllowSignup = true,
        AllowInvites = true,
        AllowCreateTenant = true,
        AllowChangePassword = true,
    }, EmulatorJson.Context.WireApiMeta);

    public static ApiResult Tenant(ApiCall call)
    {
        Model.TenantData tenant = call.Tenant;
        return ApiResult.Json(new WireTenant
        {
            Metadata = WireMapper.Meta(tenant.Id, tenant.CreatedAt, tenant.CreatedAt),
            Name = tenant.Name,
            Slug = tenant.Slug,
            AnalyticsOptOut = false,
            AlertMemberEmails = true,
            Version = tenant.Version.ToString(),
            Environment = tenant.Environment.ToString(),
            ServerUrl = call.Runtime.BaseUrl,
        }, EmulatorJson.Context.WireTenant);
    }

    /// <summary>authz forbids API tokens on token management: 401 after a successful bearer check.</summary>
    public static ApiResult TokenManagement(ApiCall call) =>
        ApiResult.Message(StatusCodes.Status401Unauthorized, "Not authorized to perform this operation");

    /// <summary>Never reached: cookie-only routes answer 403 in auth. Kept for the route table.</summary>
    public static ApiResult CookieOnly(ApiCall call) => ApiResult.InvalidCredentials();
}
