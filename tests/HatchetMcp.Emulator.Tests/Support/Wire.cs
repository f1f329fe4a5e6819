using System.Globalization;
using System.Text.Json.Nodes;

namespace HatchetMcp.Emulator.Tests.Support;

/// <summary>Formatting and reading of wire values (RFC 3339 times, query strings, JSON members).</summary>
internal static class Wire
{
    public const string ZeroTime = "0001-01-01T00:00:00Z";

    /// <summary>UTC RFC 3339 with a Z, escaped for a query string.</summary>
    public static string Time(DateTimeOffset at) =>
        Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));

    public static string Q(string value) => Uri.EscapeDataString(value);

    public static DateTimeOffset ParseTime(JsonNode? node) =>
        DateTimeOffset.Parse(Str(node), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string Str(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new Xunit.Sdk.XunitException($"expected a string, got {node?.ToJsonString() ?? "nothing"}");

    public static long Int(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<long>(out var n) ? n : throw new Xunit.Sdk.XunitException($"expected an integer, got {node?.ToJsonString() ?? "nothing"}");

    public static bool Bool(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : throw new Xunit.Sdk.XunitException($"expected a boolean, got {node?.ToJsonString() ?? "nothing"}");

    public static Guid Id(JsonNode? row) => Guid.Parse(Str(row?["metadata"]?["id"]));

    public static IEnumerable<JsonObject> Objects(JsonArray array) => array.Select(n => n as JsonObject ?? throw new Xunit.Sdk.XunitException("expected an object row"));

    public static JsonArray Array(params string[] values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
