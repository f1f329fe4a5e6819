using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// An unusable configuration stops the server before it speaks: exit code 2 and one line on stderr that says what to fix,
/// nothing on stdout (an MCP client would read anything there as protocol), and never the token.
/// </summary>
public sealed class ConfigurationErrorTests
{
    private static readonly Guid Tenant = Guid.Parse("707d0855-80ab-4e1f-a156-f1c4546cbf52");
    private const string Base = "https://hatchet.example.com";

    public static TheoryData<string, Dictionary<string, string?>> UnusableConfigurations() => new()
    {
        { "no token", new() },
        { "blank token", new() { ["HATCHET_CLIENT_TOKEN"] = "   " } },
        { "not a JWT", new() { ["HATCHET_CLIENT_TOKEN"] = "hatchet-secret-value-not-a-jwt" } },
        { "payload not JSON", new() { ["HATCHET_CLIENT_TOKEN"] = "eyJhbGciOiJFUzI1NiJ9.bm90LWpzb24tYXQtYWxs.c2lnbmF0dXJlLXBhcnQ" } },
        { "expired", new() { ["HATCHET_CLIENT_TOKEN"] = TestJwt.Create(Tenant, Base, DateTimeOffset.UtcNow.AddHours(-1)) } },
        { "no API base anywhere", new() { ["HATCHET_CLIENT_TOKEN"] = TestJwt.Create(Tenant, null, DateTimeOffset.UtcNow.AddDays(30)) } },
        { "no tenant anywhere", new() { ["HATCHET_CLIENT_TOKEN"] = TestJwt.Create(null, Base, DateTimeOffset.UtcNow.AddDays(30)) } },
        { "API base not a URL", Valid(("HATCHET_API_BASE", "not a url")) },
        { "tenant override not a UUID", Valid(("HATCHET_TENANT_ID", "tenant-one")) },
        { "timeout not a number", Valid(("HATCHET_MCP_TIMEOUT_SECONDS", "soon")) },
        { "output budget not a number", Valid(("HATCHET_MCP_OUTPUT_BUDGET", "lots")) },
        { "log level unknown", Valid(("HATCHET_MCP_LOG_LEVEL", "loud")) },
        { "dashboard URL not http(s)", Valid(("HATCHET_DASHBOARD_URL", "dashboard.example.com")) },
    };

    [Theory]
    [MemberData(nameof(UnusableConfigurations))]
    public async Task An_unusable_configuration_exits_2_with_one_line_on_stderr_and_nothing_on_stdout(
        string situation, Dictionary<string, string?> environment)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var process = ServerProcess.Start([], BuiltServer.Environment(environment));

        var exitCode = await process.WaitForExitAsync(ct);

        Assert.True(exitCode == 2, $"{situation}: exit code {exitCode}, stderr: {process.Stderr}");
        Assert.Equal(string.Empty, process.Stdout);
        var line = Assert.Single(process.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("hatchet-mcp: ", line, StringComparison.Ordinal);
        Assert.True(line.Length > "hatchet-mcp: ".Length + 10, $"{situation}: the line says too little: {line}");
        if (environment.TryGetValue("HATCHET_CLIENT_TOKEN", out var token) && !string.IsNullOrWhiteSpace(token))
        {
            foreach (var secret in TestJwt.SecretParts(token.Trim()))
            {
                Assert.DoesNotContain(secret, process.Stderr, StringComparison.Ordinal);
            }
        }
    }

    private static Dictionary<string, string?> Valid((string Name, string Value) extra) => new()
    {
        ["HATCHET_CLIENT_TOKEN"] = TestJwt.Create(Tenant, Base, DateTimeOffset.UtcNow.AddDays(30)),
        [extra.Name] = extra.Value,
    };
}
