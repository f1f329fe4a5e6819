using System.Text.Json;
using HatchetMcp.Emulator.Hooks;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>whoami reports Hatchet's version, and says so when it could not be read instead of leaving it out.</summary>
public sealed class WhoamiVersionTests(ToolServerFixture fixture) : IClassFixture<ToolServerFixture>, IDisposable
{
    private const string VersionPath = "/api/v1/version";

    public void Dispose() => fixture.Emulator.Hooks.ClearFaults();

    [Fact]
    public async Task The_version_hatchet_reports_is_in_the_text_and_the_structured_answer()
    {
        var answer = await fixture.Server.CallAsync("whoami");

        var version = answer.Structured.GetProperty("hatchetVersion").GetString();
        Assert.False(string.IsNullOrWhiteSpace(version));
        Assert.Contains($"(Hatchet {version})", answer.Text, StringComparison.Ordinal);
        Assert.False(answer.Structured.TryGetProperty("hatchetVersionError", out var error) && error.ValueKind != JsonValueKind.Null);
    }

    [Theory]
    [InlineData(500, """{"message":"Internal Server Error"}""")]
    [InlineData(404, """{"message":"Not Found"}""")]
    public async Task A_version_that_could_not_be_read_is_reported_as_unknown_with_the_reason(int status, string body)
    {
        fixture.Emulator.Hooks.InjectFault(new FaultSpec("GET", VersionPath, 20, FaultKind.Status) { Status = status, Body = body });

        var answer = await fixture.Server.CallAsync("whoami");

        Assert.False(answer.IsError, answer.Text);
        Assert.True(answer.Structured.GetProperty("apiAnswers").GetBoolean(), answer.Text);
        Assert.Contains("Hatchet version unknown", answer.Text, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, answer.Structured.TryGetProperty("hatchetVersion", out var version) ? version.ValueKind : JsonValueKind.Null);
        var reason = answer.Structured.GetProperty("hatchetVersionError").GetString();
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.Contains(reason!, answer.Text, StringComparison.Ordinal);
    }
}
