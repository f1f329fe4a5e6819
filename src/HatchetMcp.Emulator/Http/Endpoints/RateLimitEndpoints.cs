using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Http.Endpoints;

/// <summary>Rate limits list (§5.12): search by key substring, order by key/value/limitValue asc|desc.</summary>
internal static class RateLimitEndpoints
{
    public static ApiResult List(ApiCall call)
    {
        QueryBinder q = call.Query;
        (long offset, long limit) = CronEndpoints.ClassicPage(q);
        string? search = q.String("search");
        string field = q.String("orderByField") ?? "key";
        bool descending = q.String("orderByDirection") == "desc";

        var matching = new List<RateLimitRecord>();
        foreach (RateLimitRecord r in call.Tenant.RateLimits)
        {
            if (string.IsNullOrEmpty(search) || r.Key.Contains(search, StringComparison.OrdinalIgnoreCase))
            {
                matching.Add(r);
            }
        }

        matching.Sort((a, b) =>
        {
            int c = field switch
            {
                "value" => a.Value.CompareTo(b.Value),
                "limitValue" => a.LimitValue.CompareTo(b.LimitValue),
                _ => 0,
            };
            if (c == 0)
            {
                c = string.CompareOrdinal(a.Key, b.Key);
            }

            return descending ? -c : c;
        });

        var rows = new List<WireRateLimit>();
        foreach (RateLimitRecord r in Paging.Window(matching, offset, limit))
        {
            rows.Add(new WireRateLimit(r.Key, r.Tenant.Id.ToString(), r.LimitValue, r.Value, r.Window, r.LastRefill));
        }

        return ApiResult.Json(new WireRateLimitList(Paging.Classic(offset, limit, matching.Count), rows),
            EmulatorJson.Context.WireRateLimitList);
    }

    /// <summary>DELETE ?key=: the key is required; 204 whether or not it existed.</summary>
    public static ApiResult Delete(ApiCall call)
    {
        string key = call.Query.String("key") ??
                     throw new BindingException("Invalid format for parameter key: query parameter 'key' is required");
        call.Tenant.RemoveRateLimit(key);
        return ApiResult.Empty(Microsoft.AspNetCore.Http.StatusCodes.Status204NoContent);
    }
}
