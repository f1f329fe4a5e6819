namespace HatchetMcp.Emulator.Engine;

/// <summary>
/// Hatchet's log search, <c>message ILIKE '%' || search || '%'</c>, as PostgreSQL evaluates it with the default escape
/// character: <c>%</c> matches any run of characters, <c>_</c> exactly one, a backslash makes the next character literal
/// (so the appended <c>%</c> after a trailing backslash is literal too), and letters match in any case.
/// </summary>
internal sealed class LikePattern
{
    private const char AnyRun = '\u0001';
    private const char AnyOne = '\u0002';

    // Each element is a literal (lower-cased) character, or one of the two wildcard markers with IsWildcard set.
    private readonly (char Value, bool IsWildcard)[] _tokens;

    private LikePattern((char, bool)[] tokens) => _tokens = tokens;

    /// <summary>The pattern Hatchet builds around a search text.</summary>
    public static LikePattern ForSearch(string search) => Parse("%" + search + "%");

    public static LikePattern Parse(string pattern)
    {
        var tokens = new List<(char, bool)>(pattern.Length);
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                tokens.Add((char.ToLowerInvariant(pattern[++i]), false));
            }
            else if (c == '%')
            {
                tokens.Add((AnyRun, true));
            }
            else if (c == '_')
            {
                tokens.Add((AnyOne, true));
            }
            else
            {
                tokens.Add((char.ToLowerInvariant(c), false));
            }
        }

        return new LikePattern([.. tokens]);
    }

    /// <summary>Whole-text match, backtracking only to the latest <c>%</c> (linear in practice).</summary>
    public bool Matches(string text)
    {
        int t = 0, p = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < _tokens.Length && _tokens[p] is (AnyRun, true))
            {
                starP = p++;
                starT = t;
            }
            else if (p < _tokens.Length &&
                     (_tokens[p] is (AnyOne, true) || (!_tokens[p].IsWildcard && _tokens[p].Value == char.ToLowerInvariant(text[t]))))
            {
                p++;
                t++;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (p < _tokens.Length && _tokens[p] is (AnyRun, true))
        {
            p++;
        }

        return p == _tokens.Length;
    }
}
