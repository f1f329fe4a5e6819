using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HatchetMcp.Arguments;

/// <summary>
/// Checks a workflow input against the <c>inputJsonSchema</c> its version registered, before trigger_workflow sends it.
/// Hand-written rather than JsonSchema.Net 8.0.5: that library publishes AOT-clean (0 warnings) but pulls in
/// JsonPointer.Net, Json.More.Net and Humanizer.Core 3 and made a minimal Native AOT binary 4.8 MB instead of 1.9 MB,
/// for keywords the SDKs' schemas (Pydantic, Zod) barely go beyond. Keywords outside <see cref="CheckedKeywords"/> are
/// not enforced and are reported in <see cref="InputSchemaCheckResult.UncheckedKeywords"/>, so an answer can say what
/// was not verified; annotations (title, description, default, …) are ignored silently.
/// </summary>
public static class InputSchemaCheck
{
    /// <summary>Every keyword this check enforces.</summary>
    public static IReadOnlyList<string> CheckedKeywords { get; } =
    [
        "type", "required", "properties", "additionalProperties", "enum", "const",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern",
        "items", "prefixItems", "minItems", "maxItems", "allOf", "anyOf", "oneOf", "$ref",
    ];

    private static readonly HashSet<string> Checked = new(CheckedKeywords, StringComparer.Ordinal);

    /// <summary>Keywords that describe and never constrain: not checked, and not worth reporting as unchecked.</summary>
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$anchor", "$comment", "$defs", "definitions", "title", "description", "default",
        "examples", "readOnly", "writeOnly", "deprecated",
    };

    /// <summary>Deeper $ref chains than this are taken for a cycle and not followed.</summary>
    private const int MaxDepth = 64;

    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The violations of <paramref name="input"/> against <paramref name="schema"/> (each with the JSON path of the
    /// offending value, <c>$</c> being the input itself, and a one-line reason), and the keywords met but not checked.
    /// </summary>
    public static InputSchemaCheckResult Check(JsonElement schema, JsonElement input)
    {
        var run = new CheckRun(schema);
        run.Validate(schema, input, "$", 0);
        return new InputSchemaCheckResult(run.Violations, [.. run.Unchecked.Order(StringComparer.Ordinal)]);
    }

    private sealed class CheckRun(JsonElement root)
    {
        public List<InputSchemaViolation> Violations { get; } = [];
        public HashSet<string> Unchecked { get; } = new(StringComparer.Ordinal);

        public void Validate(JsonElement schema, JsonElement value, string path, int depth)
        {
            if (schema.ValueKind == JsonValueKind.False)
            {
                Violations.Add(new(path, "false", "no value is allowed here"));
                return;
            }
            if (schema.ValueKind != JsonValueKind.Object) return; // true, or not a schema: allows anything

            foreach (var keyword in schema.EnumerateObject())
            {
                if (!Checked.Contains(keyword.Name) && !Annotations.Contains(keyword.Name)) Unchecked.Add(keyword.Name);
            }

            if (schema.TryGetProperty("$ref", out var reference)) FollowRef(reference, value, path, depth);
            if (schema.TryGetProperty("type", out var type) && !MatchesType(type, value))
            {
                Violations.Add(new(path, "type", $"is {Describe(value)}, expected {TypeNames(type)}"));
                return; // the other keywords would only repeat the mismatch
            }
            if (schema.TryGetProperty("enum", out var allowed) && allowed.ValueKind == JsonValueKind.Array &&
                !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
            {
                Violations.Add(new(path, "enum", $"is {Short(value)}, expected one of {string.Join(", ", allowed.EnumerateArray().Select(Short))}"));
            }
            if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
            {
                Violations.Add(new(path, "const", $"is {Short(value)}, expected {Short(constant)}"));
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.Object: CheckObject(schema, value, path, depth); break;
                case JsonValueKind.Array: CheckArray(schema, value, path, depth); break;
                case JsonValueKind.String: CheckString(schema, value.GetString()!, path); break;
                case JsonValueKind.Number: CheckNumber(schema, value, path); break;
            }

            CheckCombinations(schema, value, path, depth);
        }

        private void FollowRef(JsonElement reference, JsonElement value, string path, int depth)
        {
            var target = reference.ValueKind == JsonValueKind.String ? Resolve(reference.GetString()!) : null;
            if (target is null)
            {
                Unchecked.Add($"$ref {(reference.ValueKind == JsonValueKind.String ? reference.GetString() : "(not a string)")}");
                return;
            }
            if (depth >= MaxDepth)
            {
                Unchecked.Add("$ref (nested deeper than 64 levels)");
                return;
            }
            Validate(target.Value, value, path, depth + 1);
        }

        /// <summary>A reference inside this schema ("#" or a JSON pointer such as "#/$defs/Item"); null for any other.</summary>
        private JsonElement? Resolve(string reference)
        {
            if (reference == "#") return root;
            if (!reference.StartsWith("#/", StringComparison.Ordinal)) return null;
            var node = root;
            foreach (var raw in reference[2..].Split('/'))
            {
                var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(token, out var child)) node = child;
                else if (node.ValueKind == JsonValueKind.Array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < node.GetArrayLength()) node = node[i];
                else return null;
            }
            return node;
        }

        private void CheckObject(JsonElement schema, JsonElement value, string path, int depth)
        {
            if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
            {
                foreach (var name in required.EnumerateArray())
                {
                    if (name.ValueKind == JsonValueKind.String && !value.TryGetProperty(name.GetString()!, out _))
                        Violations.Add(new(Child(path, name.GetString()!), "required", "is required but missing"));
                }
            }

            var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
            foreach (var member in value.EnumerateObject())
            {
                var at = Child(path, member.Name);
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var propertySchema))
                    Validate(propertySchema, member.Value, at, depth);
                else if (additional.ValueKind == JsonValueKind.False)
                    Violations.Add(new(at, "additionalProperties", properties.ValueKind == JsonValueKind.Object
                        ? $"is not allowed (allowed: {string.Join(", ", properties.EnumerateObject().Select(x => x.Name))})"
                        : "is not allowed (no properties are)"));
                else if (additional.ValueKind == JsonValueKind.Object)
                    Validate(additional, member.Value, at, depth);
            }
        }

        private void CheckArray(JsonElement schema, JsonElement value, string path, int depth)
        {
            var count = value.GetArrayLength();
            if (Integer(schema, "minItems") is { } min && count < min) Violations.Add(new(path, "minItems", $"has {count} items, fewer than minItems {min}"));
            if (Integer(schema, "maxItems") is { } max && count > max) Violations.Add(new(path, "maxItems", $"has {count} items, more than maxItems {max}"));

            // prefixItems (2020-12) or an items array (drafts 4 to 2019-09) check by position; items as a schema checks the rest.
            var prefix = schema.TryGetProperty("prefixItems", out var pi) && pi.ValueKind == JsonValueKind.Array ? pi
                : schema.TryGetProperty("items", out var ia) && ia.ValueKind == JsonValueKind.Array ? ia : default;
            var positional = prefix.ValueKind == JsonValueKind.Array ? prefix.GetArrayLength() : 0;
            var rest = schema.TryGetProperty("items", out var items) && items.ValueKind is JsonValueKind.Object or JsonValueKind.False ? items : default;
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var at = $"{path}[{index}]";
                if (index < positional) Validate(prefix[index], item, at, depth);
                else if (rest.ValueKind != JsonValueKind.Undefined) Validate(rest, item, at, depth);
                index++;
            }
        }

        private void CheckString(JsonElement schema, string text, string path)
        {
            var length = text.EnumerateRunes().Count(); // JSON Schema counts code points, not UTF-16 units
            if (Integer(schema, "minLength") is { } min && length < min) Violations.Add(new(path, "minLength", $"is {length} characters long, shorter than minLength {min}"));
            if (Integer(schema, "maxLength") is { } max && length > max) Violations.Add(new(path, "maxLength", $"is {length} characters long, longer than maxLength {max}"));
            if (schema.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.String)
            {
                try
                {
                    if (!Regex.IsMatch(text, pattern.GetString()!, RegexOptions.CultureInvariant, PatternTimeout))
                        Violations.Add(new(path, "pattern", $"does not match pattern {pattern.GetString()}"));
                }
                catch (ArgumentException)
                {
                    Unchecked.Add($"pattern {pattern.GetString()} (not a .NET regular expression)");
                }
                catch (RegexMatchTimeoutException)
                {
                    Unchecked.Add($"pattern {pattern.GetString()} (timed out)");
                }
            }
        }

        private void CheckNumber(JsonElement schema, JsonElement value, string path)
        {
            var number = value.GetDouble();
            var text = value.GetRawText();
            if (Number(schema, "minimum") is { } min && number < min) Violations.Add(new(path, "minimum", $"is {text}, less than minimum {Format(min)}"));
            if (Number(schema, "maximum") is { } max && number > max) Violations.Add(new(path, "maximum", $"is {text}, more than maximum {Format(max)}"));
            if (Number(schema, "exclusiveMinimum") is { } xmin && number <= xmin) Violations.Add(new(path, "exclusiveMinimum", $"is {text}, not more than exclusiveMinimum {Format(xmin)}"));
            if (Number(schema, "exclusiveMaximum") is { } xmax && number >= xmax) Violations.Add(new(path, "exclusiveMaximum", $"is {text}, not less than exclusiveMaximum {Format(xmax)}"));
        }

        private void CheckCombinations(JsonElement schema, JsonElement value, string path, int depth)
        {
            if (schema.TryGetProperty("allOf", out var all) && all.ValueKind == JsonValueKind.Array)
            {
                foreach (var branch in all.EnumerateArray()) Validate(branch, value, path, depth);
            }
            if (schema.TryGetProperty("anyOf", out var any) && any.ValueKind == JsonValueKind.Array &&
                !any.EnumerateArray().Any(b => Passes(b, value, path, depth)))
            {
                Violations.Add(new(path, "anyOf", $"is {Describe(value)} and matches none of anyOf's {any.GetArrayLength()} alternatives{Alternatives(any)}"));
            }
            if (schema.TryGetProperty("oneOf", out var one) && one.ValueKind == JsonValueKind.Array)
            {
                var matched = one.EnumerateArray().Count(b => Passes(b, value, path, depth));
                if (matched != 1)
                    Violations.Add(new(path, "oneOf", $"is {Describe(value)} and matches {matched} of oneOf's {one.GetArrayLength()} alternatives{Alternatives(one)}, expected exactly 1"));
            }
        }

        /// <summary>Whether a branch of anyOf/oneOf accepts the value; its own violations are not reported, its unchecked keywords are.</summary>
        private bool Passes(JsonElement branch, JsonElement value, string path, int depth)
        {
            var before = Violations.Count;
            Validate(branch, value, path, depth);
            var passed = Violations.Count == before;
            Violations.RemoveRange(before, Violations.Count - before);
            return passed;
        }

        private static string Alternatives(JsonElement branches)
        {
            var types = branches.EnumerateArray()
                .Select(b => b.ValueKind == JsonValueKind.Object && b.TryGetProperty("type", out var t) ? TypeNames(t) : null)
                .ToList();
            return types.TrueForAll(t => t is not null) ? $" ({string.Join("; ", types)})" : "";
        }
    }

    private static bool MatchesType(JsonElement type, JsonElement value) => type.ValueKind switch
    {
        JsonValueKind.String => IsType(type.GetString()!, value),
        JsonValueKind.Array => type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && IsType(t.GetString()!, value)),
        _ => true,
    };

    private static bool IsType(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && IsWhole(value),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true, // an unknown type name constrains nothing we can check
    };

    /// <summary>JSON Schema counts 1.0 as an integer.</summary>
    private static bool IsWhole(JsonElement number) =>
        number.TryGetDecimal(out var d) ? decimal.Truncate(d) == d : Math.Floor(number.GetDouble()) == number.GetDouble();

    private static string TypeNames(JsonElement type) => type.ValueKind == JsonValueKind.Array
        ? string.Join(" or ", type.EnumerateArray().Select(t => t.ToString()))
        : type.ToString();

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => IsWhole(value) ? "an integer" : "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>A value as it appears in a reason: its JSON text, cut to 40 characters (the input is the caller's own data).</summary>
    private static string Short(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 39), "…");
    }

    private static long? Integer(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static double? Number(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static string Format(double number) => number.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>$.name for identifier-like keys, $['odd key'] otherwise.</summary>
    private static string Child(string path, string name)
    {
        if (name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            return $"{path}.{name}";
        var quoted = new StringBuilder(name.Length + 6).Append(path).Append("['");
        foreach (var c in name) quoted.Append(c is '\'' or '\\' ? $"\\{c}" : c.ToString());
        return quoted.Append("']").ToString();
    }
}
