using System.Text.Json;
using HatchetMcp.Arguments;
using ModelContextProtocol;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

public sealed class ToolArgumentsTests
{
    [Fact]
    public void A_uuid_is_accepted_in_any_case_with_surrounding_space()
    {
        var id = ToolArguments.Uuid("  0B4F7A5E-2C1D-4E8F-9A3B-5D6C7E8F9A0B ", "run_id");
        Assert.Equal(Guid.Parse("0b4f7a5e-2c1d-4e8f-9a3b-5d6c7e8f9a0b"), id);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("../../tenants/other")]
    [InlineData("0b4f7a5e2c1d4e8f9a3b5d6c7e8f9a0b")]
    [InlineData("{0b4f7a5e-2c1d-4e8f-9a3b-5d6c7e8f9a0b}")]
    [InlineData("")]
    public void Anything_but_a_plain_uuid_is_a_tool_error_naming_the_argument(string value)
    {
        var error = Assert.Throws<McpException>(() => ToolArguments.Uuid(value, "run_id"));
        Assert.Contains("run_id", error.Message, StringComparison.Ordinal);
        Assert.Contains("UUID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Id_lists_drop_duplicates_and_name_the_bad_element()
    {
        var ids = ToolArguments.UuidList(["0b4f7a5e-2c1d-4e8f-9a3b-5d6c7e8f9a0b", "0B4F7A5E-2C1D-4E8F-9A3B-5D6C7E8F9A0B"], "run_ids");
        Assert.Single(ids);

        var error = Assert.Throws<McpException>(() => ToolArguments.UuidList(["0b4f7a5e-2c1d-4e8f-9a3b-5d6c7e8f9a0b", "nope"], "run_ids"));
        Assert.Contains("run_ids[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Id_lists_must_hold_one_to_a_hundred_ids()
    {
        Assert.Throws<McpException>(() => ToolArguments.UuidList([], "run_ids"));
        Assert.Throws<McpException>(() => ToolArguments.UuidList(null, "run_ids"));
        var tooMany = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var error = Assert.Throws<McpException>(() => ToolArguments.UuidList(tooMany, "run_ids"));
        Assert.Contains("100", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(501)]
    public void Limits_outside_their_range_are_tool_errors(int limit)
    {
        var error = Assert.Throws<McpException>(() => ToolArguments.Bounded(limit, "limit", 1, 500, 50));
        Assert.Contains("limit must be a whole number from 1 to 500", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_limits_take_the_default_and_negative_offsets_are_refused()
    {
        Assert.Equal(50, ToolArguments.Bounded(null, "limit", 1, 500, 50));
        Assert.Equal(0, ToolArguments.Offset(null));
        Assert.Throws<McpException>(() => ToolArguments.Offset(-5));
    }

    [Fact]
    public void Statuses_are_case_insensitive_and_may_arrive_comma_joined()
    {
        Assert.Equal(["FAILED", "CANCELLED"], ToolArguments.RunStatuses(["failed", "Cancelled", "FAILED"]));
        Assert.Equal(["FAILED", "QUEUED"], ToolArguments.RunStatuses(["failed, queued"]));
    }

    [Fact]
    public void An_unknown_status_is_a_tool_error_listing_the_accepted_ones()
    {
        var error = Assert.Throws<McpException>(() => ToolArguments.RunStatuses(["SUCCEEDED"]));
        Assert.Contains("statuses", error.Message, StringComparison.Ordinal);
        Assert.Contains("QUEUED, RUNNING, COMPLETED, CANCELLED, FAILED", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_levels_accept_warning_as_warn_and_refuse_others()
    {
        Assert.Equal(["WARN", "ERROR"], ToolArguments.LogLevels(["warning", "error"]));
        Assert.Throws<McpException>(() => ToolArguments.LogLevels(["TRACE"]));
    }

    [Fact]
    public void Metadata_filters_are_sent_as_key_colon_value()
    {
        Assert.Equal(["customer:acme", "region:eu-west:1"], ToolArguments.MetadataFilters(["customer=acme", "region=eu-west:1"]));
        Assert.Equal(["env:prod"], ToolArguments.MetadataFilters(["env:prod"]));
    }

    [Theory]
    [InlineData("customer")]
    [InlineData("=acme")]
    [InlineData("customer=")]
    public void Malformed_metadata_filters_are_tool_errors(string filter)
    {
        var error = Assert.Throws<McpException>(() => ToolArguments.MetadataFilters([filter]));
        Assert.Contains("key=value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_input_may_be_an_object_or_a_string_holding_one()
    {
        using var obj = JsonDocument.Parse("""{"orderId":"A-1"}""");
        Assert.Equal("A-1", ToolArguments.JsonObject(obj.RootElement, "input", true)!.Value.GetProperty("orderId").GetString());

        using var str = JsonDocument.Parse("\"{\\\"orderId\\\":\\\"A-2\\\"}\"");
        Assert.Equal("A-2", ToolArguments.JsonObject(str.RootElement, "input", true)!.Value.GetProperty("orderId").GetString());
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("42")]
    [InlineData("\"not json\"")]
    [InlineData("\"[1]\"")]
    [InlineData("null")]
    public void Json_input_that_is_not_an_object_is_a_tool_error(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var error = Assert.Throws<McpException>(() => ToolArguments.JsonObject(doc.RootElement, "input", true));
        Assert.Contains("input", error.Message, StringComparison.Ordinal);
        Assert.Contains("JSON object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_bad_values_are_echoed_clipped()
    {
        var error = Assert.Throws<McpException>(() => ToolArguments.Uuid(new string('a', 5000), "run_id"));
        Assert.True(error.Message.Length < 300);
    }
}
