using System.Text.Json;
using HatchetMcp.Arguments;
using ModelContextProtocol;
using Xunit;

namespace HatchetMcp.Tests.ToolTests;

/// <summary>
/// A JSON-valued argument nested beyond what the protocol reader accepts is told to come as a string holding the JSON;
/// that route must then accept it, and say so when even it is too deep.
/// </summary>
public sealed class JsonArgumentDepthTests
{
    private static JsonElement StringHolding(string json) =>
        JsonDocument.Parse(JsonSerializer.Serialize(json, TestJson.Default.String)).RootElement.Clone();

    private static string ObjectNested(int levels) =>
        "{\"a\":" + new string('[', levels - 1) + "1" + new string(']', levels - 1) + "}";

    [Fact]
    public void A_string_holding_json_deeper_than_the_protocol_reader_allows_is_accepted()
    {
        var value = ToolArguments.JsonObject(StringHolding(ObjectNested(100)), "input", required: true);

        Assert.Equal(JsonValueKind.Object, value?.ValueKind);
    }

    [Fact]
    public void A_string_holding_json_beyond_the_string_limit_names_the_limit()
    {
        var error = Assert.Throws<McpException>(() =>
            ToolArguments.JsonObject(StringHolding(ObjectNested(ToolArguments.MaxJsonDepth + 10)), "input", required: true));

        Assert.Contains("input must be a JSON object", error.Message, StringComparison.Ordinal);
        Assert.Contains($"deeper than {ToolArguments.MaxJsonDepth} levels", error.Message, StringComparison.Ordinal);
    }
}
