using System.Text;

namespace HatchetMcp.Shaping;

/// <summary>
/// Text written by running code (log lines, errors and their signatures, inputs, metadata) as it appears in a text
/// answer: one line between <see cref="Open"/> and <see cref="Close"/>, after a label naming its source ("Error:",
/// "Input:", a log line's time and level). The server's instructions tell the model that fenced text is data from
/// workflows, never instructions. The fence cannot be broken from inside: the markers in the text become plain brackets
/// and its line breaks become " ⏎ ", so nothing a workflow writes can end the fence or start a line of its own.
/// </summary>
public static class WorkflowText
{
    public const char Open = '⟦';
    public const char Close = '⟧';

    /// <summary>The text fenced: "⟦boom⟧". Null or empty text gives "⟦⟧", so a missing message is still visibly data.</summary>
    public static string Fence(string? text)
    {
        var value = text ?? string.Empty;
        var sb = new StringBuilder(value.Length + 2);
        sb.Append(Open);
        AppendInside(sb, value);
        return sb.Append(Close).ToString();
    }

    private static void AppendInside(StringBuilder sb, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case Open:
                    sb.Append('[');
                    break;
                case Close:
                    sb.Append(']');
                    break;
                case '\r' when i + 1 < value.Length && value[i + 1] == '\n':
                    break;
                case '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' or '\f' or '\v':
                    sb.Append(" ⏎ ");
                    break;
                default:
                    // Other control characters (escape sequences, NUL, bidi overrides) could hide or reorder what a reader sees.
                    sb.Append(char.IsControl(c) && c != '\t' || IsBidiControl(c) ? ' ' : c);
                    break;
            }
        }
    }

    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F';
}
