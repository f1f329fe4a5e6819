using HatchetMcp.Server;
using Microsoft.Extensions.Logging;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>Reading the server's environment once at start: settings, text budget, log level, warnings.</summary>
public sealed class ServerConfigurationTests
{
    private static readonly Guid Tenant = Guid.Parse("5f1c0a52-3f7e-4d3b-9a43-0a4a9e3c1b11");

    [Fact]
    public void A_valid_token_alone_gives_its_tenant_and_base_with_the_default_budget_and_a_quiet_log()
    {
        var result = ServerConfiguration.Read(
            new Dictionary<string, string?> { ["HATCHET_CLIENT_TOKEN"] = Token(TimeSpan.FromDays(30)) },
            TimeProvider.System);

        var configuration = Assert.IsType<ServerConfiguration>(result.Configuration);
        Assert.Null(result.Error);
        Assert.Null(result.Warning);
        Assert.Equal(Tenant, configuration.Settings.TenantId);
        Assert.Equal("hatchet.example.com", configuration.Settings.ApiBase.Host);
        Assert.Equal(HatchetMcp.Tools.ToolOutputOptions.DefaultMaxTextBytes, configuration.Output.MaxTextBytes);
        Assert.Equal(LogLevel.Warning, configuration.LogLevel);
    }

    [Fact]
    public void HATCHET_MCP_REDACT_KEYS_adds_its_names_to_the_secret_looking_keys_of_every_answer()
    {
        var result = ServerConfiguration.Read(
            new Dictionary<string, string?> { ["HATCHET_CLIENT_TOKEN"] = Token(TimeSpan.FromDays(30)), ["HATCHET_MCP_REDACT_KEYS"] = "ssn,iban" },
            TimeProvider.System);

        var secrets = Assert.IsType<ServerConfiguration>(result.Configuration).Output.SecretKeys;
        Assert.True(secrets.IsSecret("customer_iban"));
        Assert.True(secrets.IsSecret("ssn"));
        Assert.True(secrets.IsSecret("password"));
    }

    [Theory]
    [InlineData(null, null, 100)]
    [InlineData("250", null, 250)]
    [InlineData("250", "--bulk-cap=40", 40)]
    [InlineData(null, "--bulk-cap 1000", 1000)]
    public void The_bulk_cap_defaults_to_100_and_the_flag_wins_over_the_variable(string? variable, string? flag, int expected)
    {
        var result = ServerConfiguration.Read(
            new Dictionary<string, string?> { ["HATCHET_CLIENT_TOKEN"] = Token(TimeSpan.FromDays(30)), ["HATCHET_MCP_BULK_CAP"] = variable },
            TimeProvider.System, flag?.Split(' ') ?? ["--read-only"]);

        Assert.Null(result.Error);
        Assert.Equal(expected, Assert.IsType<ServerConfiguration>(result.Configuration).BulkCap.Runs);
    }

    [Theory]
    [InlineData("1001", null, "HATCHET_MCP_BULK_CAP")]
    [InlineData("0", null, "HATCHET_MCP_BULK_CAP")]
    [InlineData(null, "--bulk-cap=lots", "--bulk-cap")]
    public void A_bulk_cap_outside_1_to_1000_stops_the_server_with_one_line(string? variable, string? flag, string named)
    {
        var result = ServerConfiguration.Read(
            new Dictionary<string, string?> { ["HATCHET_CLIENT_TOKEN"] = Token(TimeSpan.FromDays(30)), ["HATCHET_MCP_BULK_CAP"] = variable },
            TimeProvider.System, flag is null ? [] : [flag]);

        Assert.Null(result.Configuration);
        Assert.Contains(named, result.Error, StringComparison.Ordinal);
        Assert.Contains("1 to 1000", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_expiring_within_7_days_is_usable_with_a_warning_line()
    {
        var result = ServerConfiguration.Read(
            new Dictionary<string, string?> { ["HATCHET_CLIENT_TOKEN"] = Token(TimeSpan.FromDays(2)) },
            TimeProvider.System);

        Assert.NotNull(result.Configuration);
        Assert.False(string.IsNullOrWhiteSpace(result.Warning));
        Assert.DoesNotContain('\n', result.Warning);
    }

    [Fact]
    public void The_budget_and_log_level_variables_are_applied()
    {
        var result = ServerConfiguration.Read(
            new Dictionary<string, string?>
            {
                ["HATCHET_CLIENT_TOKEN"] = Token(TimeSpan.FromDays(30)),
                ["HATCHET_MCP_OUTPUT_BUDGET"] = "8000",
                ["HATCHET_MCP_LOG_LEVEL"] = "debug",
            },
            TimeProvider.System);

        var configuration = Assert.IsType<ServerConfiguration>(result.Configuration);
        Assert.Equal(8000, configuration.Output.MaxTextBytes);
        Assert.Equal(LogLevel.Debug, configuration.LogLevel);
    }

    [Theory]
    [InlineData("loud")]
    [InlineData("7")]
    public void An_unknown_log_level_is_a_configuration_error_naming_the_variable(string level)
    {
        var result = ServerConfiguration.Read(
            new Dictionary<string, string?>
            {
                ["HATCHET_CLIENT_TOKEN"] = Token(TimeSpan.FromDays(30)),
                ["HATCHET_MCP_LOG_LEVEL"] = level,
            },
            TimeProvider.System);

        Assert.Null(result.Configuration);
        Assert.Contains("HATCHET_MCP_LOG_LEVEL", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 4)]
    [InlineData("1", 1)]
    [InlineData(" 32 ", 32)]
    public void Requests_in_flight_default_to_four_and_take_1_to_32(string? value, int expected)
    {
        var result = ServerConfiguration.Read(
            new Dictionary<string, string?>
            {
                ["HATCHET_CLIENT_TOKEN"] = Token(TimeSpan.FromDays(30)),
                ["HATCHET_MCP_MAX_CONCURRENCY"] = value,
            },
            TimeProvider.System);

        Assert.Equal(expected, Assert.IsType<ServerConfiguration>(result.Configuration).MaxConcurrency);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("33")]
    [InlineData("-2")]
    [InlineData("many")]
    public void Requests_in_flight_outside_1_to_32_is_a_configuration_error_naming_the_variable_and_the_range(string value)
    {
        var result = ServerConfiguration.Read(
            new Dictionary<string, string?>
            {
                ["HATCHET_CLIENT_TOKEN"] = Token(TimeSpan.FromDays(30)),
                ["HATCHET_MCP_MAX_CONCURRENCY"] = value,
            },
            TimeProvider.System);

        Assert.Null(result.Configuration);
        Assert.Contains("HATCHET_MCP_MAX_CONCURRENCY", result.Error, StringComparison.Ordinal);
        Assert.Contains("1 to 32", result.Error, StringComparison.Ordinal);
    }

    private static string Token(TimeSpan lifetime) =>
        TestJwt.Create(Tenant, "https://hatchet.example.com", DateTimeOffset.UtcNow.Add(lifetime));
}
