using System.Buffers;
using System.Text;
using System.Text.Json;

namespace HatchetMcp.Shaping;

/// <summary>
/// Decides which keys of inputs, outputs and metadata look secret, and replaces their values with
/// <see cref="Marker"/> before anything is shaped. A key matches a name when its words (split at <c>_ - . space</c> and
/// lower-to-upper case changes) end with the name at a word's end: <c>db_password</c>, <c>X-Api-Key</c>, <c>authToken</c>,
/// <c>accesstoken</c> match; <c>tokenizer</c> and <c>max_tokens</c> do not. A match followed by a word that says the
/// value only describes the secret (<c>token_count</c>, <c>token_type</c>, <c>password_length</c>, <c>api_key_id</c>) is kept.
/// </summary>
public sealed class SecretKeys
{
    /// <summary>Comma-separated names added to <see cref="DefaultNames"/>.</summary>
    public const string EnvironmentVariable = "HATCHET_MCP_REDACT_KEYS";

    public const string Marker = "[redacted]";

    public static IReadOnlyList<string> DefaultNames { get; } =
        ["password", "secret", "token", "api_key", "apikey", "authorization", "cookie", "private_key"];

    // Words that, right after a secret's name, make the key a fact about the secret rather than the secret.
    private static readonly HashSet<string> Describing = new(StringComparer.Ordinal)
    {
        "count", "counts", "limit", "limits", "usage", "used", "length", "len", "size", "type", "ttl",
        "expiry", "expires", "expiration", "id", "ids", "name", "names", "url",
    };

    private readonly string[] names;

    public SecretKeys(IEnumerable<string> extraNames)
    {
        ArgumentNullException.ThrowIfNull(extraNames);
        names = DefaultNames.Concat(extraNames).Select(Compact).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
    }

    public static SecretKeys Default { get; } = new([]);

    /// <summary>The default names plus those in HATCHET_MCP_REDACT_KEYS (comma-separated; blanks ignored).</summary>
    public static SecretKeys FromEnvironment(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.TryGetValue(EnvironmentVariable, out var raw) && !string.IsNullOrWhiteSpace(raw)
            ? new SecretKeys(raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            : Default;
    }

    /// <summary>The names matched, in their compact form (lower case letters and digits).</summary>
    public IReadOnlyList<string> Names => names;

    public bool IsSecret(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var words = Words(key);
        var joined = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            joined.Append(words[i]);
            if (i + 1 < words.Count && Describing.Contains(words[i + 1]))
            {
                continue;
            }

            foreach (var name in names)
            {
                if (EndsWith(joined, name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Metadata with the values of secret-looking keys replaced; the same instance when none match.</summary>
    public IReadOnlyDictionary<string, string> Redact(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!metadata.Keys.Any(IsSecret))
        {
            return metadata;
        }

        return metadata.ToDictionary(kv => kv.Key, kv => IsSecret(kv.Key) ? Marker : kv.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// A JSON value with the value of every secret-looking property, at any depth (inside objects and arrays),
    /// replaced by <see cref="Marker"/>; the same value when none match.
    /// </summary>
    public JsonElement Redact(JsonElement value)
    {
        if (!HasSecret(value))
        {
            return value;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    public JsonElement? Redact(JsonElement? value) => value is { } v ? Redact(v) : null;

    private bool HasSecret(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().Any(p => IsSecret(p.Name) || HasSecret(p.Value)),
        JsonValueKind.Array => value.EnumerateArray().Any(HasSecret),
        _ => false,
    };

    private void Write(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (IsSecret(property.Name))
                    {
                        writer.WriteStringValue(Marker);
                    }
                    else
                    {
                        Write(writer, property.Value);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    private static bool EndsWith(StringBuilder text, string suffix)
    {
        if (text.Length < suffix.Length)
        {
            return false;
        }

        var start = text.Length - suffix.Length;
        for (var i = 0; i < suffix.Length; i++)
        {
            if (text[start + i] != suffix[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"X-Api-Key" → x, api, key; "authToken" → auth, token; "APIKey" → api, key.</summary>
    private static List<string> Words(string key)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            var boundary = current.Length > 0 && char.IsUpper(c) &&
                           (char.IsLower(key[i - 1]) || char.IsDigit(key[i - 1]) || (i + 1 < key.Length && char.IsLower(key[i + 1])));
            if (boundary)
            {
                Flush();
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    private static string Compact(string name) =>
        string.Concat(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));
}
