using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using HatchetMcp.Emulator.Tests.Contract;

namespace HatchetMcp.Emulator.Tests.Support;

/// <summary>An answer from the emulator: status, raw body and headers, with JSON helpers for assertions.</summary>
internal sealed class ApiResponse(string method, string path, int status, string body, HttpResponseHeaders headers, string? contentType)
{
    public string Method { get; } = method;

    public string Path { get; } = path;

    public int Status { get; } = status;

    public string Body { get; } = body;

    public HttpResponseHeaders Headers { get; } = headers;

    public string? ContentType { get; } = contentType;

    /// <summary>The body as JSON; fails the test with the body when it is not JSON.</summary>
    public JsonNode Json
    {
        get
        {
            try
            {
                return JsonNode.Parse(Body) ?? throw new Xunit.Sdk.XunitException($"{this}: the body is JSON null");
            }
            catch (JsonException e)
            {
                throw new Xunit.Sdk.XunitException($"{this}: the body is not JSON ({e.Message}): {Body}");
            }
        }
    }

    public JsonObject Object => Json as JsonObject ?? throw new Xunit.Sdk.XunitException($"{this}: the body is not an object: {Body}");

    /// <summary>The "rows" array of a list body.</summary>
    public JsonArray Rows => Object["rows"] as JsonArray ?? throw new Xunit.Sdk.XunitException($"{this}: no rows array: {Body}");

    /// <summary>The middleware error message ({"message":…}), or null.</summary>
    public string? Message => TryObject()?["message"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The first handler error description ({"errors":[{"description":…}]}), or null.</summary>
    public string? ErrorDescription =>
        TryObject()?["errors"] is JsonArray { Count: > 0 } errors && errors[0]?["description"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public ObservedResponse ToObserved() => new(Method, Path, Status, Body);

    /// <summary>Fails with the body when the status is not the expected one.</summary>
    public ApiResponse Expect(int expected)
    {
        if (Status != expected)
        {
            throw new Xunit.Sdk.XunitException($"{this}: expected {expected}; body: {Truncate(Body)}");
        }

        return this;
    }

    public override string ToString() => $"{Method} {Path} -> {Status}";

    private JsonObject? TryObject()
    {
        try
        {
            return JsonNode.Parse(Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string text) => text.Length <= 600 ? text : text[..600] + "…";
}
