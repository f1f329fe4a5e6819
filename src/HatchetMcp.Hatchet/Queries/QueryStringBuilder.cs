using System.Globalization;
using System.Text;

namespace HatchetMcp.Hatchet;

/// <summary>
/// Builds a query string the way Hatchet binds it: arrays as repeated keys (form, explode), every key and value
/// URL-encoded, times as RFC 3339 UTC with "Z" (a raw "+" offset would arrive as a space).
/// </summary>
internal sealed class QueryStringBuilder
{
    private readonly StringBuilder _text = new();

    public QueryStringBuilder Add(string name, string? value)
    {
        if (value is null) return this;
        _text.Append(_text.Length == 0 ? '?' : '&')
            .Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public QueryStringBuilder Add(string name, bool value) => Add(name, value ? "true" : "false");

    public QueryStringBuilder Add(string name, bool? value) => value is { } v ? Add(name, v) : this;

    public QueryStringBuilder Add(string name, long? value) =>
        value is { } v ? Add(name, v.ToString(CultureInfo.InvariantCulture)) : this;

    public QueryStringBuilder Add(string name, Guid? value) => value is { } v ? Add(name, v.ToString("D")) : this;

    public QueryStringBuilder Add(string name, DateTimeOffset? value) => value is { } v ? Add(name, FormatTime(v)) : this;

    public QueryStringBuilder AddEach(string name, IEnumerable<string>? values)
    {
        if (values is null) return this;
        foreach (var value in values) Add(name, value);
        return this;
    }

    public QueryStringBuilder AddEach(string name, IEnumerable<Guid>? values)
    {
        if (values is null) return this;
        foreach (var value in values) Add(name, value.ToString("D"));
        return this;
    }

    public override string ToString() => _text.ToString();

    /// <summary>RFC 3339 in UTC with "Z" and only as many fraction digits as needed.</summary>
    internal static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
