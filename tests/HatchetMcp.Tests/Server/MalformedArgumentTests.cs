using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// Every bad input a JSON schema lets a client write gets a tool error (isError: true) that names the argument, says
/// what was wrong and gives the accepted form: never the SDK's bare "An error occurred invoking" nor a JSON-RPC error.
/// </summary>
public sealed class MalformedArgumentTests
{
    private const string RunId = "0b4f7a5e-2c1d-4e8f-9a3b-5d6c7e8f9a0b";

    /// <summary>Valid arguments for each tool, so that the one malformed argument is the only thing wrong.</summary>
    private static readonly Dictionary<string, (string Name, string Value)[]> ValidBase = new(StringComparer.Ordinal)
    {
        ["whoami"] = [],
        ["list_workflows"] = [],
        ["list_runs"] = [],
        ["get_run"] = [("run_id", $"\"{RunId}\"")],
        ["get_run_logs"] = [("run_id", $"\"{RunId}\"")],
        ["search_logs"] = [("text", "\"billing_country\"")],
        ["list_workers"] = [],
        ["get_queue_metrics"] = [],
        ["trigger_workflow"] = [("workflow", "\"send-email\""), ("input", "{}")],
        ["cancel_runs"] = [("run_ids", $"[\"{RunId}\"]")],
        ["replay_runs"] = [("run_ids", $"[\"{RunId}\"]")],
        ["pause_worker"] = [("worker_id", $"\"{RunId}\"")],
        ["pause_workflow"] = [("workflow", "\"send-email\"")],
    };

    /// <summary>The tool's valid arguments with <paramref name="argument"/> set to the raw JSON <paramref name="value"/>.</summary>
    private static string With(string tool, string argument, string value) =>
        "{" + string.Join(",", ValidBase[tool].Where(a => a.Name != argument).Select(a => $"\"{a.Name}\":{a.Value}").Append($"\"{argument}\":{value}")) + "}";

    private static readonly (string Tool, string Argument)[] IntegerArguments =
    [
        ("list_workflows", "limit"), ("list_workflows", "offset"), ("list_runs", "limit"), ("list_runs", "offset"),
        ("get_run_logs", "limit"), ("get_run_logs", "attempt"), ("search_logs", "limit"), ("get_queue_metrics", "top"), ("trigger_workflow", "priority"),
    ];

    private static readonly (string Tool, string Argument)[] StringListArguments =
    [
        ("list_runs", "statuses"), ("list_runs", "metadata"), ("get_run_logs", "levels"), ("search_logs", "levels"), ("cancel_runs", "run_ids"), ("replay_runs", "run_ids"),
    ];

    private static readonly (string Tool, string Argument)[] StringArguments =
    [
        ("list_workflows", "name"), ("list_runs", "since"), ("list_runs", "workflow"), ("get_run", "run_id"), ("get_run_logs", "search"), ("search_logs", "text"),
        ("list_workers", "status"), ("get_queue_metrics", "until"), ("trigger_workflow", "workflow"),
        ("pause_worker", "worker_id"), ("pause_workflow", "workflow"), ("pause_workflow", "queue_ttl"),
    ];

    /// <summary>Rows: tool, argument, the malformed JSON value, what the message must say besides the argument's name.</summary>
    public static TheoryData<string, string, string, string> Malformed()
    {
        var rows = new TheoryData<string, string, string, string>();
        foreach (var (tool, argument) in IntegerArguments)
        {
            foreach (var value in new[] { "4294967296", "1e12", "-2147483649", "\"4294967296\"", "99999999999999999999999" })
            {
                rows.Add(tool, argument, value, "must be a whole number");
            }

            foreach (var value in new[] { "2.5", "\"2.5\"", "1e-3" })
            {
                rows.Add(tool, argument, value, "must be a whole number");
            }
        }

        foreach (var (tool, argument) in StringListArguments)
        {
            rows.Add(tool, argument, "[1]", "[0] must be a string");
            rows.Add(tool, argument, "[\"x\",{}]", "[1] must be a string");
            rows.Add(tool, argument, "[[\"x\"]]", "[0] must be a string");
            rows.Add(tool, argument, "[true]", "[0] must be a string");
            rows.Add(tool, argument, "[\"\\ud800\"]", "lone UTF-16 surrogate");
        }

        foreach (var (tool, argument) in StringArguments)
        {
            rows.Add(tool, argument, "\"\\ud800\"", "lone UTF-16 surrogate");
            rows.Add(tool, argument, "\"ok \\udc00 ok\"", "lone UTF-16 surrogate");
        }

        rows.Add("trigger_workflow", "input", """{"orderId":"\ud83d"}""", "lone UTF-16 surrogate");
        rows.Add("trigger_workflow", "input", Nested(70), "levels deep");
        rows.Add("trigger_workflow", "metadata", Nested(200), "levels deep");
        rows.Add("list_runs", "statuses", Nested(65), "levels deep");
        rows.Add("list_runs", "limit", "5,\"limit\":6", "given more than once");
        foreach (var tool in ValidBase.Keys)
        {
            rows.Add(tool, "bogus_argument", "1", "is not an argument of this tool");
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_argument_gets_a_tool_error_naming_it_and_the_accepted_form(string tool, string argument, string value, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var session = await RawPipeSession.StartAsync(ct);

        var response = await session.CallAsync($$"""{"name":"{{tool}}","arguments":{{With(tool, argument, value)}}}""", ct);

        var text = ToolErrorText(response);
        Assert.Contains(argument, text, StringComparison.Ordinal);
        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1]", "a JSON array")]
    [InlineData("\"x\"", "a JSON string")]
    [InlineData("5", "a JSON number")]
    [InlineData("true", "a JSON boolean")]
    public async Task Arguments_that_are_not_an_object_get_a_tool_error_for_every_tool(string arguments, string got)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var session = await RawPipeSession.StartAsync(ct);

        foreach (var tool in ValidBase.Keys)
        {
            var response = await session.CallAsync($$"""{"name":"{{tool}}","arguments":{{arguments}}}""", ct);

            var text = ToolErrorText(response);
            Assert.Contains("arguments must be a JSON object", text, StringComparison.Ordinal);
            Assert.Contains(got, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_argument_name_with_a_lone_surrogate_gets_a_tool_error()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var session = await RawPipeSession.StartAsync(ct);

        var response = await session.CallAsync("""{"name":"list_runs","arguments":{"lim\udbffit":5}}""", ct);

        Assert.Contains("lone UTF-16 surrogate", ToolErrorText(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreadable_text_outside_the_arguments_is_a_json_rpc_error_that_says_what_to_fix()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var session = await RawPipeSession.StartAsync(ct);

        var response = await session.CallAsync("""{"name":"whoami","arguments":{},"_meta":{"note":"\ud800"}}""", ct);

        var error = Assert.IsType<JsonObject>(response["error"]);
        Assert.Equal(-32602, error["code"]!.GetValue<int>());
        Assert.Contains("lone UTF-16 surrogate", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_tool_is_a_json_rpc_error_naming_the_tools_and_logs_no_stack_trace()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var session = await RawPipeSession.StartAsync(ct);

        var response = await session.CallAsync("""{"name":"list_run","arguments":{}}""", ct);

        var error = Assert.IsType<JsonObject>(response["error"]);
        Assert.Equal(-32602, error["code"]!.GetValue<int>());
        var message = error["message"]!.GetValue<string>();
        Assert.Contains("list_run", message, StringComparison.Ordinal);
        Assert.Contains("list_runs", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", session.Log, StringComparison.Ordinal);
    }

    /// <summary>
    /// A few hundred calls built from malformed values put into every argument of every tool (and in place of the
    /// arguments object): none may end in the SDK's detail-less error, a JSON-RPC error or a dead server.
    /// </summary>
    [Fact]
    public async Task Hundreds_of_malformed_calls_never_get_a_bare_error_or_stop_the_server()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var session = await RawPipeSession.StartAsync(ct);
        var random = new Random(8);
        string[] hostile =
        [
            "4294967296", "-9223372036854775809", "1e12", "1e400", "2.5", "-0.5", "\"4294967296\"", "\"1.5\"", "true", "null", "{}",
            "[]", "[1,null,{}]", "[[]]", "[\"\\ud800\"]", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\"", "\"x\"", "-1", "0",
            Nested(65), Nested(130), "{\"a\":\"\\ud800\"}", "[true,false]",
        ];

        var calls = 0;
        foreach (var tool in ValidBase.Keys)
        {
            var names = new[] { "run_id", "run_ids", "limit", "offset", "statuses", "metadata", "levels", "attempt", "top", "priority",
                "workflow", "input", "since", "until", "name", "status", "search", "zz_unknown" };
            for (var i = 0; i < 30; i++)
            {
                var argument = names[random.Next(names.Length)];
                var value = hostile[random.Next(hostile.Length)];
                await AssertNoBareErrorAsync(session, tool, With(tool, argument, value), ct);
                calls++;
            }

            foreach (var notAnObject in new[] { "[1]", "\"x\"", "0", "false", Nested(80) })
            {
                await AssertNoBareErrorAsync(session, tool, notAnObject, ct);
                calls++;
            }
        }

        Assert.True(calls >= 300, $"only {calls.ToString(CultureInfo.InvariantCulture)} calls");
        var whoami = await session.CallAsync("""{"name":"whoami","arguments":{}}""", ct);
        Assert.NotEqual(true, whoami["result"]?["isError"]?.GetValue<bool>());
        Assert.DoesNotContain("   at ", session.Log, StringComparison.Ordinal);
    }

    private static async Task AssertNoBareErrorAsync(RawPipeSession session, string tool, string arguments, CancellationToken ct)
    {
        var response = await session.CallAsync($$"""{"name":"{{tool}}","arguments":{{arguments}}}""", ct);
        Assert.True(response["error"] is null, $"{tool} {Clip(arguments)}: JSON-RPC error {response["error"]?.ToJsonString()}");
        var text = response["result"]?["content"]?[0]?["text"]?.GetValue<string>() ?? string.Empty;
        Assert.False(text.EndsWith($"An error occurred invoking '{tool}'.", StringComparison.Ordinal), $"{tool} {Clip(arguments)}: bare error");
    }

    /// <summary>The text of a tool error; fails when the answer is a JSON-RPC error or not an error at all.</summary>
    private static string ToolErrorText(JsonObject response)
    {
        Assert.True(response["error"] is null, $"expected a tool error, got a JSON-RPC error: {response["error"]?.ToJsonString()}");
        var result = Assert.IsType<JsonObject>(response["result"]);
        Assert.True(result["isError"]?.GetValue<bool>(), $"expected isError: {Clip(result.ToJsonString())}");
        var text = result["content"]![0]!["text"]!.GetValue<string>();
        Assert.DoesNotContain("An error occurred invoking", text, StringComparison.Ordinal);
        return text;
    }

    private static string Nested(int depth)
    {
        var builder = new StringBuilder();
        builder.Append('[', depth).Append('1').Append(']', depth);
        return builder.ToString();
    }

    private static string Clip(string text) => text.Length <= 120 ? text : text[..120] + "...";
}
