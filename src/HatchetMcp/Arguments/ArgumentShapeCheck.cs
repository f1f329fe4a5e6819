using System.Globalization;
using System.Text.Json;

namespace HatchetMcp.Arguments;

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
                    return Described(properties, name) is { Length: > 0 } description ? $"{name} is required: {description}" : $"{name} is required.";
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

            if (ValueProblem(name, value, schema) is { } problem)
            {
                return $"{problem} {Described(properties, name)}".TrimEnd();
            }
        }

        return null;
    }

    /// <summary>What is wrong with one value (an argument or an item of a list argument), or null when it fits.</summary>
    private static string? ValueProblem(string name, JsonElement value, JsonElement schema)
    {
        var types = Types(schema);
        if (types.Count == 0)
        {
            return null;
        }

        if (types.Contains("integer") && !types.Contains("number") && WholeNumberProblem(name, value) is { } numberProblem)
        {
            return numberProblem;
        }

        if (!Fits(value, types))
        {
            // Models often send one value where a list is expected: show that value written as a list.
            return types.Contains("array") && value.ValueKind == JsonValueKind.String
                ? $"{name} must be {Form(types)}; got a JSON string: write it as [\"{JsonEncodedText.Encode(ToolArguments.Echo(value.GetString() ?? string.Empty))}\"]."
                : $"{name} must be {Form(types)}; got a JSON {Kind(value.ValueKind)}.";
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items) && Types(items) is { Count: > 0 } itemTypes)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (!Fits(item, itemTypes))
                {
                    return $"{name}[{index}] must be {Form(itemTypes)} ({name} is {Form(types)}); got a JSON {Kind(item.ValueKind)}.";
                }

                index++;
            }
        }

        return null;
    }

    /// <summary>
    /// The tools bind whole numbers to 32-bit integers, so a number the schema's "integer" allows can still fail to bind:
    /// beyond 32 bits, with a fraction, or written with an exponent or a decimal point.
    /// </summary>
    private static string? WholeNumberProblem(string name, JsonElement value)
    {
        string written;
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt32(out _))
            {
                return null;
            }

            written = value.GetRawText();
        }
        else if (value.ValueKind == JsonValueKind.String)
        {
            // The SDK binds numeric strings to integers; accept what it accepts.
            written = value.GetString() ?? string.Empty;
            if (int.TryParse(written, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                || !decimal.TryParse(written, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                   && !double.TryParse(written, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                return null; // not a number at all: the type check names it
            }
        }
        else
        {
            return null;
        }

        var shown = ToolArguments.Echo(written);
        if (!decimal.TryParse(written, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return $"{name} must be a whole number within the 32-bit range (-2147483648 to 2147483647); {shown} is beyond it.";
        }

        if (number != decimal.Truncate(number))
        {
            return $"{name} must be a whole number; got {shown}, which has a fraction.";
        }

        return number is >= int.MinValue and <= int.MaxValue
            ? $"{name} must be a whole number written as plain digits, e.g. {number.ToString("0", CultureInfo.InvariantCulture)}; got {shown}."
            : $"{name} must be a whole number within the 32-bit range (-2147483648 to 2147483647); {shown} is beyond it.";
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
                                || (types.Contains("integer") && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _)),
        JsonValueKind.Number => types.Contains("number") || (types.Contains("integer") && value.TryGetInt32(out _)),
        JsonValueKind.True or JsonValueKind.False => types.Contains("boolean"),
        JsonValueKind.Array => types.Contains("array"),
        JsonValueKind.Object => types.Contains("object"),
        _ => true,
    };

    private static string Form(List<string> types)
    {
        if (types.Contains("array"))
        {
            return "a JSON array (list) of strings";
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
