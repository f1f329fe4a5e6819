namespace HatchetMcp.Hatchet;

/// <summary>
/// Hatchet matches log search as <c>message ILIKE '%' || search || '%'</c>, where <c>%</c> and <c>_</c> are wildcards
/// and a backslash (PostgreSQL's default escape) makes the next character literal.
/// </summary>
public static class LogSearchText
{
    /// <summary>The search value that makes Hatchet match <paramref name="text"/> literally (still in any case).</summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new System.Text.StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            if (c is '\\' or '%' or '_')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
