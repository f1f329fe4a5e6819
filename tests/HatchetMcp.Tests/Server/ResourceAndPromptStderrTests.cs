using System.Text.Json.Nodes;
using HatchetMcp.Emulator;
using Xunit;

namespace HatchetMcp.Tests.Server;

/// <summary>
/// A resource or prompt refused for the client's mistake (a bad id, an unknown run, a bad argument, an unknown name) is
/// an answer to the client, like a tool error: at the default level it leaves nothing on stderr, least of all a stack
/// trace (the SDK logs what a resource or prompt throws as an unhandled error).
/// </summary>
public sealed class ResourceAndPromptStderrTests
{
    [Fact]
    public async Task Refused_reads_and_prompts_are_answered_as_errors_and_leave_stderr_empty()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await HatchetEmulator.StartAsync(new EmulatorOptions { Scenario = "empty" }, ct);
        await using var session = RawStdioSession.Start(BuiltServer.Environment(
            [new("HATCHET_CLIENT_TOKEN", emulator.Token), new("HATCHET_API_BASE", emulator.BaseUrl.ToString())]));
        await session.InitializeAsync(ct);

        var answers = new List<JsonObject>();
        var requests = new (string Method, JsonObject Params)[]
        {
            ("resources/read", new JsonObject { ["uri"] = "hatchet://runs/not-a-uuid" }),
            ("resources/read", new JsonObject { ["uri"] = "hatchet://runs/6f1c2a9e-0d1b-4c3a-9e8f-7a6b5c4d3e2f" }),
            ("resources/read", new JsonObject { ["uri"] = "hatchet://nothing" }),
            ("prompts/get", new JsonObject { ["name"] = "debug_run", ["arguments"] = new JsonObject { ["run_id"] = "x" } }),
            ("prompts/get", new JsonObject { ["name"] = "no_such_prompt" }),
        };
        for (var i = 0; i < requests.Length; i++)
        {
            answers.Add(await SendAsync(session, i, requests[i].Method, requests[i].Params, ct));
        }

        var exitCode = await session.EndAsync(ct);

        Assert.Equal(0, exitCode);
        Assert.All(answers, answer => Assert.NotNull(answer["error"]?["message"]));
        Assert.Equal(string.Empty, session.Process.Stderr.Trim());
    }

    private static async Task<JsonObject> SendAsync(RawStdioSession session, int id, string method, JsonObject parameters, CancellationToken ct)
    {
        var requestId = $"r{id}";
        await session.Process.WriteLineAsync(new JsonObject
        {
            ["jsonrpc"] = "2.0", ["id"] = requestId, ["method"] = method, ["params"] = parameters,
        }.ToJsonString());
        while (await session.Process.ReadLineAsync(ct) is { } line)
        {
            var message = RawStdioSession.ParseJsonRpc(line);
            if (message["id"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && message["id"]!.GetValue<string>() == requestId)
            {
                return message;
            }
        }

        throw new Xunit.Sdk.XunitException($"stdout closed before the answer to {method}; stderr: {session.Process.Stderr}");
    }
}
