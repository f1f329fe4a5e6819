using System.Text.Json;
using System.Text.Json.Nodes;

namespace HatchetMcp.Emulator.Tests.Contract;

/// <summary>One answer the emulator gave over HTTP: what the contract check looks at.</summary>
internal sealed record ObservedResponse(string Method, string Path, int Status, string Body)
{
    /// <summary>The path without its query string.</summary>
    public string PathOnly => Path.Split('?', 2)[0];

    public JsonNode? TryParseBody()
    {
        if (string.IsNullOrWhiteSpace(Body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether the body is Echo's middleware error shape: an object whose only member is a string "message".</summary>
    public bool IsMessageBody(string? exactMessage = null)
    {
        if (TryParseBody() is not JsonObject body || body.Count != 1 || body["message"] is not JsonValue value)
        {
            return false;
        }

        return value.TryGetValue<string>(out var message) && (exactMessage is null || message == exactMessage);
    }

    public override string ToString() => $"{Method} {Path} -> {Status}";
}
