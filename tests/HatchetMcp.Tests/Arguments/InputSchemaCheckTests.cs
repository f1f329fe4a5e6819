using System.Text.Json;
using HatchetMcp.Arguments;
using Xunit;

namespace HatchetMcp.Tests.Arguments;

/// <summary>
/// A workflow input checked against its version's inputJsonSchema: each enforced keyword, where a violation is
/// reported (a JSON path from $, the input), references inside the schema, and keywords that are met but not checked.
/// </summary>
public sealed class InputSchemaCheckTests
{
    private static InputSchemaCheckResult Check(string schema, string input)
    {
        using var s = JsonDocument.Parse(schema);
        using var i = JsonDocument.Parse(input);
        return InputSchemaCheck.Check(s.RootElement.Clone(), i.RootElement.Clone());
    }

    private static InputSchemaViolation Single(string schema, string input) => Assert.Single(Check(schema, input).Violations);

    private static void Passes(string schema, string input)
    {
        var result = Check(schema, input);
        Assert.True(result.Passed, string.Join("; ", result.Violations));
    }

    [Theory]
    [InlineData("string", "\"a\"", "7", "is an integer, expected string")]
    [InlineData("integer", "7", "7.5", "is a number, expected integer")]
    [InlineData("integer", "7.0", "\"7\"", "is a string, expected integer")]
    [InlineData("number", "7.5", "true", "is a boolean, expected number")]
    [InlineData("boolean", "false", "null", "is null, expected boolean")]
    [InlineData("object", "{}", "[]", "is an array, expected object")]
    [InlineData("array", "[]", "{}", "is an object, expected array")]
    [InlineData("null", "null", "0", "is an integer, expected null")]
    public void Type_accepts_its_kind_of_value_and_names_both_kinds_otherwise(string type, string good, string bad, string reason)
    {
        var schema = $$"""{"type":"{{type}}"}""";
        Passes(schema, good);
        Assert.Equal(new InputSchemaViolation("$", "type", reason), Single(schema, bad));
    }

    [Fact]
    public void A_list_of_types_accepts_any_of_them()
    {
        const string schema = """{"type":["string","null"]}""";
        Passes(schema, "null");
        Passes(schema, "\"x\"");
        Assert.Equal("is an integer, expected string or null", Single(schema, "1").Reason);
    }

    [Fact]
    public void Required_names_each_missing_property_at_its_path()
    {
        var result = Check("""{"type":"object","required":["orderId","total"]}""", """{"total":3}""");
        Assert.Equal([new InputSchemaViolation("$.orderId", "required", "is required but missing")], result.Violations);
    }

    [Fact]
    public void Properties_check_each_present_value_against_its_schema_and_leave_absent_ones_alone()
    {
        const string schema = """{"properties":{"amount":{"type":"number"},"note":{"type":"string"}}}""";
        Passes(schema, """{"amount":1}""");
        Assert.Equal(new InputSchemaViolation("$.amount", "type", "is a string, expected number"), Single(schema, """{"amount":"12"}"""));
    }

    [Fact]
    public void AdditionalProperties_false_refuses_an_unknown_key_and_lists_the_allowed_ones()
    {
        const string schema = """{"properties":{"to":{}},"additionalProperties":false}""";
        Passes(schema, """{"to":"a"}""");
        Assert.Equal(new InputSchemaViolation("$.cc", "additionalProperties", "is not allowed (allowed: to)"), Single(schema, """{"to":"a","cc":"b"}"""));
    }

    [Fact]
    public void AdditionalProperties_as_a_schema_checks_the_keys_properties_do_not_name()
    {
        const string schema = """{"properties":{"id":{"type":"string"}},"additionalProperties":{"type":"integer"}}""";
        Passes(schema, """{"id":"x","count":3}""");
        Assert.Equal("$.count", Single(schema, """{"id":"x","count":"3"}""").Path);
    }

    [Fact]
    public void Enum_accepts_a_listed_value_and_lists_them_otherwise()
    {
        const string schema = """{"enum":["EUR","USD",1]}""";
        Passes(schema, "\"USD\"");
        Passes(schema, "1.0");
        Assert.Equal("is \"GBP\", expected one of \"EUR\", \"USD\", 1", Single(schema, "\"GBP\"").Reason);
    }

    [Fact]
    public void Const_accepts_only_its_value_compared_as_json()
    {
        const string schema = """{"const":{"a":[1,2]}}""";
        Passes(schema, """{"a":[1,2]}""");
        Assert.Equal("""is {"a":[2,1]}, expected {"a":[1,2]}""", Single(schema, """{"a":[2,1]}""").Reason);
        Assert.Equal("is 3, expected 2", Single("""{"const":2}""", "3").Reason);
    }

    [Theory]
    [InlineData("""{"minimum":1}""", "1", "0.5", "is 0.5, less than minimum 1")]
    [InlineData("""{"maximum":10}""", "10", "10.01", "is 10.01, more than maximum 10")]
    [InlineData("""{"exclusiveMinimum":0}""", "0.1", "0", "is 0, not more than exclusiveMinimum 0")]
    [InlineData("""{"exclusiveMaximum":3}""", "2", "3", "is 3, not less than exclusiveMaximum 3")]
    public void Numeric_bounds_are_enforced_at_their_edges(string schema, string good, string bad, string reason)
    {
        Passes(schema, good);
        Assert.Equal(reason, Single(schema, bad).Reason);
    }

    [Fact]
    public void Numeric_bounds_ignore_values_that_are_not_numbers()
    {
        Passes("""{"minimum":5}""", "\"abc\"");
    }

    [Fact]
    public void String_lengths_count_characters_not_utf16_units()
    {
        const string schema = """{"minLength":2,"maxLength":3}""";
        Passes(schema, "\"😀😀😀\""); // 3 code points, 6 UTF-16 units
        Assert.Equal("is 1 characters long, shorter than minLength 2", Single(schema, "\"a\"").Reason);
        Assert.Equal("is 4 characters long, longer than maxLength 3", Single(schema, "\"abcd\"").Reason);
    }

    [Fact]
    public void Pattern_is_searched_for_anywhere_unless_anchored()
    {
        Passes("""{"pattern":"b+"}""", "\"abbbc\"");
        Assert.Equal("does not match pattern ^ord_[0-9]+$", Single("""{"pattern":"^ord_[0-9]+$"}""", "\"ord_12x\"").Reason);
    }

    [Fact]
    public void A_pattern_that_is_not_a_valid_regular_expression_is_reported_unchecked_not_failed()
    {
        var result = Check("""{"pattern":"(unclosed"}""", "\"x\"");
        Assert.True(result.Passed);
        Assert.Equal(["pattern (unclosed (not a .NET regular expression)"], result.UncheckedKeywords);
    }

    [Fact]
    public void Items_checks_every_element_at_its_index()
    {
        var result = Check("""{"type":"array","items":{"type":"integer"}}""", """[1,"two",3,4.5]""");
        Assert.Equal(["$[1]", "$[3]"], result.Violations.Select(v => v.Path));
    }

    [Fact]
    public void PrefixItems_check_by_position_and_items_checks_the_rest()
    {
        const string schema = """{"prefixItems":[{"type":"string"},{"type":"integer"}],"items":false}""";
        Passes(schema, """["a",1]""");
        var result = Check(schema, """[1,1,"extra"]""");
        Assert.Equal([new("$[0]", "type", "is an integer, expected string"), new InputSchemaViolation("$[2]", "false", "no value is allowed here")], result.Violations);
    }

    [Fact]
    public void MinItems_and_maxItems_count_the_elements()
    {
        const string schema = """{"minItems":1,"maxItems":2}""";
        Passes(schema, "[0,0]");
        Assert.Equal("has 0 items, fewer than minItems 1", Single(schema, "[]").Reason);
        Assert.Equal("has 3 items, more than maxItems 2", Single(schema, "[0,0,0]").Reason);
    }

    [Fact]
    public void Nested_violations_carry_the_full_path_and_odd_keys_are_quoted()
    {
        const string schema = """
            {"properties":{"order":{"properties":{"lines":{"items":{"required":["sku"],"properties":{"unit price":{"minimum":0}}}}}}}}
            """;
        var result = Check(schema, """{"order":{"lines":[{"sku":"a"},{"unit price":-1}]}}""");
        Assert.Equal(
            [new("$.order.lines[1].sku", "required", "is required but missing"), new InputSchemaViolation("$.order.lines[1]['unit price']", "minimum", "is -1, less than minimum 0")],
            result.Violations);
    }

    [Fact]
    public void A_ref_into_defs_is_followed_as_pydantic_writes_it()
    {
        const string schema = """
            {"$defs":{"Line":{"type":"object","properties":{"qty":{"type":"integer","minimum":1}},"required":["qty"]}},
             "type":"object","properties":{"lines":{"type":"array","items":{"$ref":"#/$defs/Line"}}}}
            """;
        Passes(schema, """{"lines":[{"qty":2}]}""");
        Assert.Equal(new InputSchemaViolation("$.lines[0].qty", "minimum", "is 0, less than minimum 1"), Single(schema, """{"lines":[{"qty":0}]}"""));
    }

    [Fact]
    public void A_ref_to_the_root_checks_recursive_structures()
    {
        const string schema = """{"type":"object","properties":{"child":{"$ref":"#"},"name":{"type":"string"}}}""";
        Assert.Equal("$.child.child.name", Single(schema, """{"child":{"child":{"name":1}}}""").Path);
    }

    [Fact]
    public void A_ref_outside_the_schema_is_not_followed_and_is_reported_unchecked()
    {
        var result = Check("""{"properties":{"a":{"$ref":"https://example.com/a.json"}}}""", """{"a":1}""");
        Assert.True(result.Passed);
        Assert.Equal(["$ref https://example.com/a.json"], result.UncheckedKeywords);
    }

    [Fact]
    public void A_ref_that_only_refers_to_itself_stops_instead_of_looping()
    {
        var result = Check("""{"$defs":{"A":{"$ref":"#/$defs/A"}},"$ref":"#/$defs/A"}""", "1");
        Assert.True(result.Passed);
        Assert.Contains("$ref (nested deeper than 64 levels)", result.UncheckedKeywords);
    }

    [Fact]
    public void AnyOf_as_pydantic_writes_an_optional_field_accepts_either_and_names_both_otherwise()
    {
        const string schema = """{"properties":{"note":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null,"title":"Note"}}}""";
        Passes(schema, """{"note":null}""");
        Passes(schema, """{"note":"x"}""");
        Assert.Equal(new InputSchemaViolation("$.note", "anyOf", "is an integer and matches none of anyOf's 2 alternatives (string; null)"), Single(schema, """{"note":3}"""));
    }

    [Fact]
    public void OneOf_needs_exactly_one_match()
    {
        const string schema = """{"oneOf":[{"type":"integer"},{"minimum":0}]}""";
        Passes(schema, "-1");
        Assert.Equal("is an integer and matches 2 of oneOf's 2 alternatives, expected exactly 1", Single(schema, "5").Reason);
    }

    [Fact]
    public void AllOf_reports_what_each_part_finds()
    {
        var result = Check("""{"allOf":[{"required":["a"]},{"required":["b"]}]}""", "{}");
        Assert.Equal(["$.a", "$.b"], result.Violations.Select(v => v.Path));
    }

    [Fact]
    public void Unknown_keywords_are_listed_unchecked_once_and_annotations_are_not()
    {
        const string schema = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"T","description":"d","type":"object",
             "properties":{"email":{"type":"string","format":"email"},"tags":{"uniqueItems":true,"items":{"format":"uuid"}}}}
            """;
        var result = Check(schema, """{"email":"not-an-email","tags":["a"]}""");
        Assert.True(result.Passed);
        Assert.Equal(["format", "uniqueItems"], result.UncheckedKeywords);
    }

    [Fact]
    public void False_and_true_schemas_forbid_and_allow_everything()
    {
        Assert.Equal(new InputSchemaViolation("$.x", "false", "no value is allowed here"), Single("""{"properties":{"x":false}}""", """{"x":1}"""));
        Passes("""{"properties":{"x":true}}""", """{"x":1}""");
    }

    [Fact]
    public void The_keywords_it_checks_are_the_ones_it_names()
    {
        Assert.Superset(
            new HashSet<string> { "type", "required", "properties", "additionalProperties", "enum", "const", "minimum", "maximum",
                "minLength", "maxLength", "pattern", "items", "minItems", "maxItems", "$ref" },
            InputSchemaCheck.CheckedKeywords.ToHashSet());
        // A schema made only of the named keywords leaves nothing unchecked.
        var result = Check(
            """{"type":"object","required":[],"properties":{},"additionalProperties":true,"enum":[{}],"const":{},"minimum":0,"maximum":0,"exclusiveMinimum":0,"exclusiveMaximum":0,"minLength":0,"maxLength":0,"pattern":"","items":{},"prefixItems":[],"minItems":0,"maxItems":0,"allOf":[],"anyOf":[true],"oneOf":[true],"$defs":{},"$ref":"#/$defs"}""",
            "{}");
        Assert.Empty(result.UncheckedKeywords);
    }
}
