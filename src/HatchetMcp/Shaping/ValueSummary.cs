using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HatchetMcp.Shaping;

/// <summary>Short one-line previews of JSON payloads: keys and clipped values, never the whole document.</summary>
public static class ValueSummary
{
    public const int MaxValueChars = 60;
    public const int MaxKeys = 12;

    /// <summary>"{orderId: "A-1009", amount: 129.5, items: [3 items], customer: {4 keys}}" style preview.</summary>
    public static string Describe(JsonElement value, int maxKeys = MaxKeys)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var sb = new StringBuilder("{");
                var shown = 0;
                var total = 0;
                foreach (var property in value.EnumerateObject())
                {
                    total++;
                    if (shown >= maxKeys)
                    {
                        continue;
                    }

                    if (shown > 0)
                    {
                        sb.Append(", ");
                    }

                    sb.Append(property.Name).Append(": ").Append(Scalar(property.Value));
                    shown++;
                }

                if (total > shown)
                {
                    sb.Append(CultureInfo.InvariantCulture, $", … {total - shown} more keys");
                }

                return sb.Append('}').ToString();
            default:
                return Scalar(value);
        }
    }

    /// <summary>A scalar clipped to <see cref="MaxValueChars"/>; containers become their size.</summary>
    public static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => Count(value.EnumerateObject().Count(), "key"),
        JsonValueKind.Array => "[" + Count(value.GetArrayLength(), "item") + "]",
        JsonValueKind.String => "\"" + Clip(value.GetString() ?? string.Empty) + "\"",
        JsonValueKind.Undefined => "(none)",
        _ => Clip(value.GetRawText()),
    };

    public static string Clip(string value, int max = MaxValueChars)
    {
        var oneLine = value.ReplaceLineEndings(" ");
        return oneLine.Length <= max ? oneLine : string.Concat(oneLine.AsSpan(0, max - 1), "…");
    }

    private static string Count(int n, string noun)
    {
        var text = n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? string.Empty : "s");
        return noun == "key" ? "{" + text + "}" : text;
    }
}
