using HatchetMcp.Hatchet;

namespace HatchetMcp.Shaping;

/// <summary>
/// The one place links into the Hatchet dashboard are built (routes from Hatchet's frontend router:
/// <c>{base}/tenants/{tenant}/runs|workflows|workers/{id}</c>). Ids are typed <see cref="Guid"/>s, so only hex digits
/// and dashes reach a path, and each segment is escaped all the same. A link carries no query, no user info and never
/// the token. Disabled (every link null) when HATCHET_DASHBOARD_URL is set but empty.
/// </summary>
public sealed class DashboardLinks
{
    /// <summary>The dashboard's base URL; set but empty turns links off; unset means the API base's origin.</summary>
    public const string EnvironmentVariable = "HATCHET_DASHBOARD_URL";

    private const string RunsRoute = "runs";
    private const string WorkflowsRoute = "workflows";
    private const string WorkersRoute = "workers";

    // "{base}/tenants/{tenant}", or null when links are off.
    private readonly string? _tenantRoot;

    private DashboardLinks(string? tenantRoot) => _tenantRoot = tenantRoot;

    /// <summary>No links at all: answers leave them out.</summary>
    public static DashboardLinks None { get; } = new(null);

    public bool Enabled => _tenantRoot is not null;

    /// <summary>The tenant's page in the dashboard (<c>{base}/tenants/{tenant}</c>), or null when links are off.</summary>
    public string? Home => _tenantRoot;

    /// <summary>Links under <paramref name="dashboardBase"/> for <paramref name="tenant"/>.</summary>
    public static DashboardLinks For(Uri dashboardBase, Guid tenant)
    {
        ArgumentNullException.ThrowIfNull(dashboardBase);
        if (ParseBase(dashboardBase.OriginalString) is not { } checkedBase || tenant == Guid.Empty)
        {
            throw new ArgumentException("The dashboard base must be an absolute http(s) URL without query, fragment or user info, and the tenant a UUID.", nameof(dashboardBase));
        }

        return new DashboardLinks($"{checkedBase}/tenants/{Segment(tenant)}");
    }

    /// <summary>The default: the dashboard is served from the API base's origin (self-hosted Hatchet does so).</summary>
    public static DashboardLinks ForApi(HatchetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return For(new Uri(settings.ApiBase.GetLeftPart(UriPartial.Authority)), settings.TenantId);
    }

    /// <summary>
    /// Reads HATCHET_DASHBOARD_URL: unset gives <see cref="ForApi"/>, set but empty gives <see cref="None"/>, anything else
    /// must be an absolute http(s) URL (a path is kept, e.g. https://example.com/hatchet). An unusable value gives an
    /// error line for the caller to print before exiting; it never echoes the value (a token pasted here stays unseen).
    /// </summary>
    public static DashboardLinks FromEnvironment(IReadOnlyDictionary<string, string?> environment, HatchetSettings settings, out string? error)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(settings);
        error = null;
        if (!environment.TryGetValue(EnvironmentVariable, out var raw) || raw is null)
        {
            return ForApi(settings);
        }

        if (string.IsNullOrWhiteSpace(raw))
        {
            return None;
        }

        if (ParseBase(raw) is not { } dashboardBase)
        {
            error = $"{EnvironmentVariable} is not an absolute http or https URL without query, fragment or user info: " +
                    "use e.g. https://cloud.onhatchet.run, set it empty to leave dashboard links out, or unset it to use the API base's origin.";
            return None;
        }

        return new DashboardLinks($"{dashboardBase}/tenants/{Segment(settings.TenantId)}");
    }

    /// <summary>A run's page; a task's id works too (the page looks the id up as either).</summary>
    public string? Run(Guid? id) => Link(RunsRoute, id);

    public string? Workflow(Guid? id) => Link(WorkflowsRoute, id);

    public string? Worker(Guid? id) => Link(WorkersRoute, id);

    /// <summary>
    /// A workflow's page from an id Hatchet sent as text (some wire records type it so): only a UUID gets a link, so
    /// text that would need escaping (slashes, '?', '#', '..') never reaches a path.
    /// </summary>
    public string? Workflow(string? id) => Guid.TryParse(id, out var parsed) ? Workflow(parsed) : null;

    /// <summary>
    /// A run's link with the id as a <c>{runId}</c> placeholder, for structured answers whose rows list run ids rather
    /// than being runs (events, log groups): one string instead of a link per id.
    /// </summary>
    public string? RunTemplate => _tenantRoot is null ? null : $"{_tenantRoot}/{RunsRoute}/{{runId}}";

    /// <summary>The dashboard's list of cron triggers.</summary>
    public string? CronJobs => _tenantRoot is null ? null : $"{_tenantRoot}/cron-jobs";

    /// <summary>One text line with the full link, for an answer about one run, workflow or worker; null when there is none.</summary>
    public static string? Line(string? url) => url is null ? null : "Dashboard: " + url;

    /// <summary>
    /// One text line giving the route of a list's rows with the id left as a placeholder (each structured row carries its
    /// full url): "Dashboard: https://host/tenants/T/runs/&lt;run id&gt;". Null when links are off.
    /// </summary>
    public string? RunsLine => PatternLine(RunsRoute, "<run id>");

    public string? WorkflowsLine => PatternLine(WorkflowsRoute, "<workflow id>");

    public string? WorkersLine => PatternLine(WorkersRoute, "<worker id>");

    private string? PatternLine(string route, string placeholder) =>
        _tenantRoot is null ? null : $"Dashboard: {_tenantRoot}/{route}/{placeholder}";

    private string? Link(string route, Guid? id) =>
        _tenantRoot is null || id is not { } value || value == Guid.Empty ? null : $"{_tenantRoot}/{route}/{Segment(value)}";

    // A Guid's "D" form is hex and dashes: escaping changes nothing, and keeps it so if the id type ever changes.
    private static string Segment(Guid id) => Uri.EscapeDataString(id.ToString("D"));

    /// <summary>Absolute http(s), a host, no query, fragment or user info; trailing slashes removed.</summary>
    private static string? ParseBase(string value)
    {
        var trimmed = value.Trim().TrimEnd('/');
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return null;
        if (uri.Host.Length == 0 || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0) return null;
        return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }
}
