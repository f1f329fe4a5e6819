using System.Globalization;
using System.Text.Json;

namespace HatchetMcp.Safety;

/// <summary>
/// Checks call arguments against a tool's input schema before binding. Without it, a string where a list is expected
/// (or a missing required id) fails inside the SDK's binding with a message-less error; with it the model is told which
/// argument is wrong and the accepted form.
/// </summary>
public static class ArgumentShapeCheck
{
    /// <summary>The first problem found, as one sentence, or null when the arguments fit the schema's shapes.</summary>
    public static string? FindProblem(JsonElement inputSchema, IReadOnlyDictionary<string, JsonElement>? arguments)
    {
        if (inputSchema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var properties = inputSchema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        if (inputSchema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()).OfType<string>())
            {
                if (arguments is null || !arguments.TryGetValue(name, out var value) || value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
                {
                    return $"{name} is required: {Described(properties, name)}";
                }
            }
        }

        if (arguments is null || properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var (name, value) in arguments)
        {
            if (!properties.TryGetProperty(name, out var schema))
            {
                var known = string.Join(", ", properties.EnumerateObject().Select(x => x.Name));
                return $"{name} is not an argument of this tool; it takes {(known.Length == 0 ? "no arguments" : known)}.";
            }

            var types = Types(schema);
            if (types.Count == 0 || Fits(value, types))
            {
                continue;
            }

            return $"{name} must be {Form(types, schema)}; got a JSON {Kind(value.ValueKind)}. {Described(properties, name)}";
        }

        return null;
    }

    private static List<string> Types(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return [];
        }

        return type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => type.EnumerateArray().Select(t => t.GetString()).OfType<string>().ToList(),
            _ => [],
        };
    }

    private static bool Fits(JsonElement value, List<string> types) => value.ValueKind switch
    {
        JsonValueKind.Null => types.Contains("null"),
        JsonValueKind.String => types.Contains("string")
                                // The SDK binds numeric strings to integers; accept what it accepts.
                                || (types.Contains("integer") && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _)),
        JsonValueKind.Number => types.Contains("number") || (types.Contains("integer") && value.TryGetInt64(out _)),
        JsonValueKind.True or JsonValueKind.False => types.Contains("boolean"),
        JsonValueKind.Array => types.Contains("array"),
        JsonValueKind.Object => types.Contains("object"),
        _ => true,
    };

    private static string Form(List<string> types, JsonElement schema)
    {
        if (types.Contains("array"))
        {
            return "a JSON array (list) of strings, e.g. [\"FAILED\"] or [\"0b4f7a5e-2c1d-4e8f-9a3b-5d6c7e8f9a0b\"]";
        }

        if (types.Contains("integer"))
        {
            return "a whole number";
        }

        if (types.Contains("string"))
        {
            return "a string";
        }

        return types.Contains("object") ? "a JSON object" : string.Join(" or ", types.Where(t => t != "null"));
    }

    private static string Described(JsonElement properties, string name) =>
        properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var s)
        && s.TryGetProperty("description", out var d) && d.GetString() is { Length: > 0 } text
            ? text
            : string.Empty;

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
