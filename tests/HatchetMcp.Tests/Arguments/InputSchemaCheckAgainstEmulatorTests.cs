using System.Text.Json;
using HatchetMcp.Arguments;
using HatchetMcp.Tests.Hatchet.EndToEnd;
using Xunit;

namespace HatchetMcp.Tests.Arguments;

/// <summary>The check against the schema a version serves over HTTP (the emulator's send-email: Pydantic-shaped, with a $ref).</summary>
public sealed class InputSchemaCheckAgainstEmulatorTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> SendEmailSchemaAsync()
    {
        using var client = fixture.Client();
        var name = fixture.Emulator.Facts.SingleTaskWorkflowName;
        var id = (await client.ListWorkflowsAsync(name, 50, 0, Ct)).Rows!.Single(w => w.Name == name).Metadata!.Id!.Value;
        return (await client.GetWorkflowVersionAsync(id, null, Ct)).InputJsonSchema!.Value;
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public async Task An_input_like_the_seeded_runs_passes_with_nothing_left_unchecked()
    {
        var schema = await SendEmailSchemaAsync();

        var result = InputSchemaCheck.Check(schema, Json("""{"to":"cus_1007@mail.example.com","template":"welcome","customerId":"cus_1007"}"""));

        Assert.True(result.Passed, string.Join("; ", result.Violations));
        Assert.Empty(result.UncheckedKeywords);
    }

    [Fact]
    public async Task A_wrong_template_and_a_missing_customer_are_each_named_at_their_path()
    {
        var schema = await SendEmailSchemaAsync();

        var result = InputSchemaCheck.Check(schema, Json("""{"to":"someone@mail.example.com","template":"newsletter"}"""));

        Assert.Equal(["$.customerId", "$.template"], result.Violations.Select(v => v.Path).Order());
        Assert.Contains(result.Violations, v => v.Path == "$.template" && v.Reason.Contains("\"welcome\"", StringComparison.Ordinal));
    }
}
