using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HatchetMcp.Emulator;
using HatchetMcp.Emulator.Hooks;
using HatchetMcp.Tests.Secrets;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// When Hatchet (or a proxy) reflects the token in an error body, no part of it reaches stdout (the answers, text and
/// structured) or stderr (the log): not the token, not a part, not any 16-character run, not its token_id.
/// </summary>
public sealed class TokenReflectionTests
{
    private static string TokenIdOf(string jwt)
    {
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[1]));
        return payload.RootElement.GetProperty("token_id").GetString()!;
    }

    public static TheoryData<string> Reflections() => ["whole token, json", "whole token, text", "fragment and token id"];

    private static string Body(string kind, string token, string tokenId)
    {
        var signature = token.Split('.')[2];
        var padding = new string('-', 200);
        return kind switch
        {
            // The token straddles the 300th character, where a message used to be cut before it was scrubbed.
            "whole token, json" => new JsonObject { ["message"] = $"{padding} rejected Authorization: Bearer {token} (token_id {tokenId})" }.ToJsonString(),
            "whole token, text" => $"upstream said: token_id={tokenId} {padding} Bearer {token}",
            _ => $"credential check failed for ...{signature.Substring(30, 20)}... (row {tokenId}){padding}",
        };
    }

    [Theory]
    [MemberData(nameof(Reflections))]
    public async Task A_token_reflected_in_a_403_body_never_reaches_stdout_or_stderr(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { EnableTestHooks = true }, ct);
        var token = emulator.Token;
        var tokenId = TokenIdOf(token);
        var body = Body(kind, token, tokenId);
        Assert.True(body.Length >= 250);
        emulator.Hooks.InjectFault(new FaultSpec(null, "/api/**", 100, FaultKind.Status) { Status = 403, Body = body });

        await using var session = RawStdioSession.Start(BuiltServer.Environment(
        [
            new("HATCHET_CLIENT_TOKEN", token),
            new("HATCHET_API_BASE", emulator.BaseUrl.ToString()),
            new("HATCHET_TENANT_ID", emulator.TenantId.ToString()),
            new("HATCHET_MCP_LOG_LEVEL", "Trace"),
        ]));
        await session.InitializeAsync(ct);
        var answers = new List<JsonObject>();
        foreach (var (tool, arguments) in new (string, JsonObject)[]
                 {
                     ("whoami", new JsonObject()),
                     ("list_runs", new JsonObject()),
                     ("get_run", new JsonObject { ["run_id"] = Guid.NewGuid().ToString() }),
                     ("trigger_workflow", new JsonObject { ["workflow"] = "any", ["input"] = new JsonObject() }),
                 })
        {
            answers.Add(await session.RequestAsync("tools/call", new JsonObject { ["name"] = tool, ["arguments"] = arguments }, ct));
        }

        Assert.Equal(0, await session.EndAsync(ct));
        Assert.Contains(answers, a => a.ToJsonString().Contains("403", StringComparison.Ordinal));
        SecretScrubberTests.AssertClean(token, tokenId, string.Join('\n', session.StdoutLines));
        SecretScrubberTests.AssertClean(token, tokenId, session.Process.Stderr);
    }

    [Fact]
    public async Task A_token_inside_run_data_is_scrubbed_from_text_and_structured_content()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await McpTestHarness.StartAsync(cancellationToken: ct);
        var token = harness.Token;
        var tokenId = TokenIdOf(token);
        var workflow = harness.Emulator.Facts.SingleTaskWorkflowName;
        var leaky = new JsonObject { ["note"] = $"{new string('x', 230)} {token} {tokenId}" };
        // A valid send-email input: the trigger checks it against the workflow's inputJsonSchema before anything else.
        static JsonObject Email() => new() { ["to"] = "a@example.com", ["template"] = "welcome", ["customerId"] = "cus_1" };

        // Through the confirmation token path: the preview shows the metadata too, so it must be scrubbed as well.
        var preview = await harness.Client.CallToolAsync("trigger_workflow",
            new Dictionary<string, object?> { ["workflow"] = workflow, ["input"] = Email(), ["metadata"] = leaky }, cancellationToken: ct);
        var confirmation = preview.StructuredContent!.Value.GetProperty("confirmation").GetProperty("token").GetString();
        var trigger = await harness.Client.CallToolAsync("trigger_workflow",
            new Dictionary<string, object?> { ["workflow"] = workflow, ["input"] = Email(), ["metadata"] = leaky, ["confirmation_token"] = confirmation }, cancellationToken: ct);
        var runId = trigger.StructuredContent!.Value.GetProperty("runId").GetGuid();
        var run = await harness.Client.CallToolAsync("get_run", new Dictionary<string, object?> { ["run_id"] = runId.ToString() }, cancellationToken: ct);

        foreach (var answer in new[] { preview, trigger, run })
        {
            Assert.False(answer.IsError ?? false);
            Assert.Contains("[redacted]", answer.StructuredContent!.Value.GetRawText(), StringComparison.Ordinal);
            SecretScrubberTests.AssertClean(token, tokenId, answer.StructuredContent!.Value.GetRawText());
            SecretScrubberTests.AssertClean(token, tokenId, string.Join('\n', answer.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(b => b.Text)));
        }

        SecretScrubberTests.AssertClean(token, tokenId, harness.ServerLog);
    }
}
