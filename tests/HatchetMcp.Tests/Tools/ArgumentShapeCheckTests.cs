using System.Text.Json;
using HatchetMcp.Arguments;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

public sealed class ArgumentShapeCheckTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {"type":"object","properties":{
          "run_ids":{"type":"array","items":{"type":"string"},"description":"Run ids, 1 to 100."},
          "limit":{"type":["integer","null"],"description":"Runs per page."},
          "input":{"description":"A JSON object."},
          "name":{"type":["string","null"]}},
         "required":["run_ids"]}
        """).RootElement;

    private static string? Check(string arguments)
    {
        using var doc = JsonDocument.Parse(arguments);
        return ArgumentShapeCheck.FindProblem(Schema, doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()));
    }

    [Fact]
    public void Arguments_of_the_declared_shapes_pass() =>
        Assert.Null(Check("""{"run_ids":["a"],"limit":5,"input":[1],"name":null}"""));

    [Fact]
    public void A_string_where_a_list_is_expected_is_named_with_the_accepted_form()
    {
        var problem = Check("""{"run_ids":"0b4f7a5e-2c1d-4e8f-9a3b-5d6c7e8f9a0b"}""");
        Assert.NotNull(problem);
        Assert.StartsWith("run_ids must be a JSON array", problem, StringComparison.Ordinal);
        Assert.Contains("got a JSON string", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_argument_is_named_with_its_description() =>
        Assert.Equal("run_ids is required: Run ids, 1 to 100.", Check("""{"limit":3}"""));

    [Fact]
    public void Numeric_strings_are_accepted_for_whole_numbers_but_fractions_are_not()
    {
        Assert.Null(Check("""{"run_ids":[],"limit":"5"}"""));
        Assert.Contains("limit must be a whole number", Check("""{"run_ids":[],"limit":1.5}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_argument_is_refused_rather_than_silently_ignored()
    {
        var problem = Check("""{"run_ids":[],"status":"FAILED"}""");
        Assert.NotNull(problem);
        Assert.Contains("status is not an argument", problem, StringComparison.Ordinal);
        Assert.Contains("run_ids, limit, input, name", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Untyped_arguments_accept_any_json() =>
        Assert.Null(Check("""{"run_ids":[],"input":"{}"}"""));

    [Fact]
    public void A_single_string_where_a_list_is_expected_is_shown_written_as_a_list() =>
        Assert.Contains("""write it as ["FAILED"]""", Check("""{"run_ids":"FAILED"}"""), StringComparison.Ordinal);

    [Fact]
    public void A_missing_required_argument_without_a_description_is_still_a_whole_sentence()
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"id":{"type":"string"}},"required":["id"]}""").RootElement;

        Assert.Equal("id is required.", ArgumentShapeCheck.FindProblem(schema, new Dictionary<string, JsonElement>()));
    }

    [Theory]
    [InlineData("4294967296", "beyond")]
    [InlineData("2.5", "which has a fraction")]
    [InlineData("1e2", "as plain digits, e.g. 100")]
    public void A_whole_number_the_binder_cannot_take_says_why(string value, string why)
    {
        var problem = Check($$"""{"run_ids":[],"limit":{{value}}}""");

        Assert.NotNull(problem);
        Assert.StartsWith("limit must be a whole number", problem, StringComparison.Ordinal);
        Assert.Contains(why, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_item_of_the_wrong_type_is_named_by_its_index() =>
        Assert.StartsWith("run_ids[1] must be a string", Check("""{"run_ids":["a",7]}"""), StringComparison.Ordinal);
}
