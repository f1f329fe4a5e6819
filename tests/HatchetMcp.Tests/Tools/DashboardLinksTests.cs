using HatchetMcp.Hatchet;
using HatchetMcp.Server;
using HatchetMcp.Shaping;
using HatchetMcp.Tests.Server;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>
/// Where dashboard links point: HATCHET_DASHBOARD_URL when set, nowhere when set but empty, else the API base's origin;
/// what an unusable value does at start; and that only a UUID ever becomes a path segment.
/// </summary>
public sealed class DashboardLinksTests
{
    private static readonly Guid Tenant = Guid.Parse("5f1c0a52-3f7e-4d3b-9a43-0a4a9e3c1b11");
    private static readonly Guid Run = Guid.Parse("0b7d3a8e-6a41-4c8e-9d61-2f3a0c9e8b10");

    [Fact]
    public void Unset_the_dashboard_is_the_API_base_origin_without_its_path()
    {
        var links = Read(apiBase: "https://hatchet.example.com:8443/hatchet/api/v1", dashboard: null, out var error);

        Assert.Null(error);
        Assert.Equal($"https://hatchet.example.com:8443/tenants/{Tenant:D}/runs/{Run:D}", links.Run(Run));
        Assert.Equal($"https://hatchet.example.com:8443/tenants/{Tenant:D}/workflows/{Run:D}", links.Workflow(Run));
        Assert.Equal($"https://hatchet.example.com:8443/tenants/{Tenant:D}/workers/{Run:D}", links.Worker(Run));
    }

    [Fact]
    public void Set_the_dashboard_base_is_used_with_its_path_and_without_a_trailing_slash()
    {
        var links = Read(apiBase: "https://api.example.com", dashboard: " https://cloud.example.com/app// ", out var error);

        Assert.Null(error);
        Assert.Equal($"https://cloud.example.com/app/tenants/{Tenant:D}/runs/{Run:D}", links.Run(Run));
        Assert.Equal($"Dashboard: https://cloud.example.com/app/tenants/{Tenant:D}/runs/<run id>", links.RunsLine);
        Assert.Equal($"https://cloud.example.com/app/tenants/{Tenant:D}/runs/{{runId}}", links.RunTemplate);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Set_but_empty_turns_every_link_off(string value)
    {
        var links = Read(apiBase: "https://api.example.com", dashboard: value, out var error);

        Assert.Null(error);
        Assert.False(links.Enabled);
        Assert.Null(links.Run(Run));
        Assert.Null(links.Workflow(Run));
        Assert.Null(links.Worker(Run));
        Assert.Null(links.RunsLine);
        Assert.Null(links.RunTemplate);
        Assert.Null(links.CronJobs);
        Assert.Null(DashboardLinks.Line(links.Run(Run)));
    }

    [Theory]
    [InlineData("dashboard.example.com")]
    [InlineData("/tenants")]
    [InlineData("ftp://dashboard.example.com")]
    [InlineData("https://user:secret-pass@dashboard.example.com")]
    [InlineData("https://dashboard.example.com/?token=secret-query")]
    [InlineData("https://dashboard.example.com/#secret-fragment")]
    public void An_unusable_value_is_one_error_line_naming_the_variable_and_never_echoing_the_value(string value)
    {
        Read(apiBase: "https://api.example.com", dashboard: value, out var error);

        Assert.NotNull(error);
        Assert.StartsWith("HATCHET_DASHBOARD_URL ", error, StringComparison.Ordinal);
        Assert.Contains("http", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
        Assert.DoesNotContain("dashboard.example.com", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_server_configuration_reads_the_variable_and_stops_on_an_unusable_value()
    {
        var token = TestJwt.Create(Tenant, "https://hatchet.example.com", DateTimeOffset.UtcNow.AddDays(30));

        var set = ServerConfiguration.Read(new Dictionary<string, string?>
        {
            [HatchetEnvironmentVariables.Token] = token,
            [DashboardLinks.EnvironmentVariable] = "https://dash.example.com",
        }, TimeProvider.System);
        var unset = ServerConfiguration.Read(new Dictionary<string, string?> { [HatchetEnvironmentVariables.Token] = token }, TimeProvider.System);
        var bad = ServerConfiguration.Read(new Dictionary<string, string?>
        {
            [HatchetEnvironmentVariables.Token] = token,
            [DashboardLinks.EnvironmentVariable] = "not a url",
        }, TimeProvider.System);

        Assert.Equal($"https://dash.example.com/tenants/{Tenant:D}/runs/{Run:D}", set.Configuration!.Dashboard!.Run(Run));
        Assert.Equal($"https://hatchet.example.com/tenants/{Tenant:D}/runs/{Run:D}", unset.Configuration!.Dashboard!.Run(Run));
        Assert.Null(bad.Configuration);
        Assert.Contains(DashboardLinks.EnvironmentVariable, bad.Error, StringComparison.Ordinal);
        Assert.Contains(DashboardLinks.EnvironmentVariable, ServerConfiguration.EnvironmentVariables);
    }

    [Theory]
    [InlineData("../../settings")]
    [InlineData("a/b")]
    [InlineData("x?token=1")]
    [InlineData("%2e%2e")]
    [InlineData("")]
    [InlineData(null)]
    public void Only_a_UUID_becomes_a_path_segment(string? id)
    {
        // Some wire records carry ids as text (a cron's workflowId): anything but a UUID gets no link.
        var links = Read(apiBase: "https://api.example.com", dashboard: null, out _);

        Assert.Null(links.Workflow(id));
    }

    [Fact]
    public void A_UUID_in_any_accepted_form_is_written_in_its_plain_form_and_the_empty_UUID_gets_no_link()
    {
        var links = Read(apiBase: "https://api.example.com", dashboard: null, out _);

        Assert.Equal(links.Workflow(Run), links.Workflow("{" + Run.ToString("D").ToUpperInvariant() + "}"));
        Assert.Null(links.Run(Guid.Empty));
        Assert.Null(links.Run(null));
        Assert.DoesNotContain('?', links.Run(Run)!);
        Assert.DoesNotContain('#', links.Run(Run)!);
    }

    private static DashboardLinks Read(string apiBase, string? dashboard, out string? error)
    {
        var settings = HatchetSettings.FromEnvironment(new Dictionary<string, string?>
        {
            [HatchetEnvironmentVariables.Token] = TestJwt.Create(Tenant, apiBase, DateTimeOffset.UtcNow.AddDays(30)),
        }, TimeProvider.System).Settings!;
        var environment = new Dictionary<string, string?>();
        if (dashboard is not null)
        {
            environment[DashboardLinks.EnvironmentVariable] = dashboard;
        }

        return DashboardLinks.FromEnvironment(environment, settings, out error);
    }
}
