namespace EcrCurator.Domain;

/// <summary>Matches a whole text against a pattern where <c>*</c> is any run of characters (and, if asked, <c>?</c> any one).</summary>
internal static class Wildcards
{
    public static bool Matches(string pattern, string text, bool questionMarkIsOne)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] != '*' && (pattern[p] == text[t] || questionMarkIsOne && pattern[p] == '?'))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
