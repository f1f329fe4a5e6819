using Microsoft.AspNetCore.Http;
using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace HatchetMcp.Emulator.Http;

/// <summary>
/// Binds query parameters as oapi-codegen's runtime does (form style, exploded arrays = repeated keys), failing with
/// its 400 {"message":"Invalid format for parameter X: ..."} texts. Unknown parameters are simply never read.
/// </summary>
internal sealed class QueryBinder(IQueryCollection query)
{
    public bool Has(string name) => query.TryGetValue(name, out StringValues v) && v.Count > 0;

    public string? String(string name) => query.TryGetValue(name, out StringValues v) && v.Count > 0 ? v[0] : null;

    /// <summary>Repeated keys; also accepts the "name[]" spelling some clients send.</summary>
    public IReadOnlyList<string> Strings(string name)
    {
        var values = new List<string>();
        if (query.TryGetValue(name, out StringValues v))
        {
            foreach (string? s in v)
            {
                if (s is not null)
                {
                    values.Add(s);
                }
            }
        }

        if (query.TryGetValue(name + "[]", out StringValues bracketed))
        {
            foreach (string? s in bracketed)
            {
                if (s is not null)
                {
                    values.Add(s);
                }
            }
        }

        return values;
    }

    public long? Int64(string name)
    {
        string? text = String(name);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            throw Invalid(name, $"error binding string parameter: strconv.ParseInt: parsing \"{text}\": invalid syntax");
        }

        return value;
    }

    public bool? Bool(string name)
    {
        string? text = String(name);
        if (text is null)
        {
            return null;
        }

        // Go's strconv.ParseBool.
        return text switch
        {
            "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
            "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
            _ => throw Invalid(name, $"error binding string parameter: strconv.ParseBool: parsing \"{text}\": invalid syntax"),
        };
    }

    public bool RequiredBool(string name) => Bool(name) ?? throw Required(name);

    public DateTimeOffset? Date(string name)
    {
        string? text = String(name);
        if (text is null)
        {
            return null;
        }

        if (!WireTime.TryParseQueryDate(text, out DateTimeOffset value))
        {
            throw Invalid(name,
                $"error parsing '{text}' as RFC3339 or 2006-01-02 time: parsing time \"{text}\" as \"2006-01-02\": cannot parse \"{text}\" as \"2006\"");
        }

        return value;
    }

    public DateTimeOffset RequiredDate(string name) => Date(name) ?? throw Required(name);

    public Guid? Uuid(string name)
    {
        string? text = String(name);
        if (text is null)
        {
            return null;
        }

        return ParseUuid(name, text);
    }

    public IReadOnlyList<Guid> Uuids(string name)
    {
        IReadOnlyList<string> texts = Strings(name);
        var ids = new List<Guid>(texts.Count);
        foreach (string text in texts)
        {
            ids.Add(ParseUuid(name, text));
        }

        return ids;
    }

    private static Guid ParseUuid(string name, string text)
    {
        if (!Guid.TryParseExact(text, "D", out Guid id))
        {
            throw Invalid(name, $"error unmarshaling '{text}' text as *uuid.UUID: invalid UUID length: {text.Length}");
        }

        return id;
    }

    private static BindingException Invalid(string name, string detail) =>
        new($"Invalid format for parameter {name}: {detail}");

    private static BindingException Required(string name) =>
        new($"Invalid format for parameter {name}: query parameter '{name}' is required");
}
