namespace EcrCurator.Domain;

/// <summary>
/// A <c>tagPatternList</c> entry: <c>*</c> matches any run of characters (at most four of them in a pattern), every
/// other character itself, case-sensitively, against a whole tag.
/// </summary>
public static class LifecycleTagPattern
{
    public const int MostWildcards = 4;

    public static bool Matches(string pattern, string tag)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < tag.Length)
        {
            if (p < pattern.Length && pattern[p] != '*' && pattern[p] == tag[t])
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
